/**
 * Extract: the fields of a classified document (SPEC §2 step 6, keys of §4). Pure: the QR
 * payloads are already on the pages. An ID card's fields come from its QR payload first
 * (§3.6); OCR text is the fallback and the cross-check. Forms' values are read after their
 * printed labels ("Họ, chữ đệm, tên …:", "Số định danh cá nhân:", "Ngày, tháng, năm sinh:").
 * Dates come out as YYYY-MM-DD, genders as male/female, and every field says where it was read.
 */
import {type CalendarDay, formatIsoDay, isValidDay} from '../calendar.js'
import type {Province} from '../citizen-id.js'
import type {AnalysisPage, DocumentFields, ExtractedField, FieldKey, ReviewReason} from '../dossier.js'
import type {DocumentKind, FieldLabel} from '../document-kind.js'
import {parseIdCardQr} from '../id-card-qr.js'
import {foldMarks} from '../text-fold.js'
import {foldPhrase, foldWithMap, findApproximate, allowedDistance, editDistance, findPhrase, type FoldedText, type FoundSpan} from '../text-match.js'
import {isIdCardPayload, readableLines} from './classify.js'

export interface ExtractOptions {
  provinces: readonly Province[]
  /** Family names with their diacritics (templates/vietnamese-surnames.json), to restore marks OCR lost on capitals. */
  surnames?: readonly string[]
}

export interface Extraction {
  fields: DocumentFields
  review: ReviewReason[]
}

/** The fields only; see extractDocument for the review flags that come with them. */
export function extractFields(pages: readonly AnalysisPage[], kind: DocumentKind | undefined, options: ExtractOptions): DocumentFields {
  return extractDocument(pages, kind, options).fields
}

export function extractDocument(pages: readonly AnalysisPage[], kind: DocumentKind | undefined, options: ExtractOptions): Extraction {
  const review: ReviewReason[] = []
  if (!kind) return {fields: {}, review}
  const fromOcr = restoreSurnames(readLabelledFields(pages, kind), options.surnames ?? [])
  if (!kind.hasQr) return {fields: fromOcr, review}

  const payloads = pages.flatMap((page, index) => (page.qr ?? []).filter(isIdCardPayload).map((payload) => ({payload, index})))
  for (const {payload, index} of payloads) {
    const parsed = parseIdCardQr(payload, {provinces: options.provinces})
    if (!parsed.ok) continue
    const fields: DocumentFields = {}
    const page = pages[index]!
    for (const [key, value] of Object.entries(parsed.value) as Array<[FieldKey, string]>) {
      if (value === undefined || !kind.fields.includes(key)) continue
      const field: ExtractedField = {value, source: 'qr', page: index + 1, sourcePage: page.source, confidence: 1, label: 'qr'}
      const ocr = fromOcr[key]
      if (ocr && !sameValue(key, ocr.value, value)) {
        field.ocrValue = ocr.value
        // A clean OCR reading of the number that differs from the chip's QR is worth a look.
        if (key === 'idNumber' && ocr.confidence >= 0.8) review.push('field-conflict')
      }
      fields[key] = field
    }
    // OCR fills what the payload lacks (an old card's QR may carry no issue date).
    for (const key of kind.fields) if (!fields[key] && fromOcr[key]) fields[key] = fromOcr[key]
    return {fields, review: [...new Set(review)]}
  }
  if (payloads.length > 0) review.push('qr-unreadable')
  return {fields: fromOcr, review}
}

/**
 * A name in capitals whose family name OCR read without (or with wrong) diacritics ("PHAM",
 * "NGUYÊN") is written with the one family name it folds to ("PHẠM", "NGUYỄN"); the OCR
 * reading is kept beside it. Family names are a small closed set; given names are left alone.
 */
function restoreSurnames(fields: DocumentFields, surnames: readonly string[]): DocumentFields {
  if (surnames.length === 0) return fields
  const byFold = new Map<string, string[]>()
  for (const surname of surnames) byFold.set(foldPhrase(surname), [...(byFold.get(foldPhrase(surname)) ?? []), surname])
  const out: DocumentFields = {...fields}
  for (const key of NAME_KEYS) {
    const field = fields[key]
    if (!field) continue
    const restore = (name: string): string => {
      const [first, ...rest] = name.split(' ')
      if (!first || rest.length === 0 || rest[0] !== rest[0]!.toLocaleUpperCase('vi')) return name
      // OCR reads a capital Đ as P or p ("PANG" for ĐẶNG, "pO" for ĐỖ): where the word is no family
      // name as read, the one Đ family name it becomes is meant.
      const asRead = first === first.toLocaleUpperCase('vi') ? (byFold.get(foldPhrase(first)) ?? []) : []
      const misreadD = /^[Pp][\p{Lu}\p{M}]+$/u.test(first) && asRead.length === 0
      const matches = misreadD ? (byFold.get(foldPhrase(`Đ${first.slice(1)}`)) ?? []).filter((name) => name.startsWith('Đ')) : asRead
      return matches.length === 1 && matches[0] !== first ? [matches[0]!, ...rest].join(' ') : name
    }
    const value = restore(field.value)
    const parties = field.parties?.map((party) => (party === '' ? party : restore(party)))
    if (value === field.value && parties?.join('|') === field.parties?.join('|')) continue
    out[key] = {...field, value, ...(parties ? {parties} : {}), ...(value !== field.value ? {ocrValue: field.value} : {})}
  }
  return out
}

const NAME_KEYS: readonly FieldKey[] = ['fullName', 'requesterName', 'childName', 'deceasedName']

function sameValue(key: FieldKey, a: string, b: string): boolean {
  if (key === 'fullName' || key === 'permanentAddress') return foldPhrase(a) === foldPhrase(b)
  return a === b
}

/** Each of the kind's labelled fields, from the first page where its label is found. */
export function readLabelledFields(pages: readonly AnalysisPage[], kind: DocumentKind): DocumentFields {
  if (kind.parties) {
    const byParty = readPartyFields(pages, kind, kind.parties)
    if (byParty) return byParty
  }
  return readLabelledFieldsOf(pages, kind)
}

function readLabelledFieldsOf(pages: readonly AnalysisPage[], kind: DocumentKind): DocumentFields {
  const fields: DocumentFields = {}
  for (const label of kind.labels ?? []) {
    if (fields[label.field]) continue
    for (const [index, page] of pages.entries()) {
      const found = readLabel(page, label)
      if (!found) continue
      fields[label.field] = {value: found.value, source: 'ocr', page: index + 1, sourcePage: page.source, confidence: found.confidence, label: found.label}
      break
    }
  }
  // An ID card whose number label OCR missed: the only 12-digit number on it is the number.
  if (kind.fields.includes('idNumber') && kind.hasQr && !fields.idNumber) {
    for (const [index, page] of pages.entries()) {
      const numbers = [...new Set(readableLines(page).flatMap((line) => idNumbersIn(line)))]
      if (numbers.length !== 1) continue
      fields.idNumber = {value: numbers[0]!, source: 'ocr', page: index + 1, sourcePage: page.source, confidence: 0.6}
      break
    }
  }
  return fields
}

/**
 * A two-party form (the marriage declaration's Bên nữ / Bên nam): each party's particulars
 * read from its own part of the form (from its heading to the next party's), so that a name
 * and a number never come from different people. The fields name the party that comes first
 * on the form; `parties` keeps each party's reading. Undefined when the headings are not found.
 */
function readPartyFields(
  pages: readonly AnalysisPage[],
  kind: DocumentKind,
  parties: readonly (readonly string[])[],
): DocumentFields | undefined {
  for (const [pageIndex, page] of pages.entries()) {
    const lines = readableLines(page)
    const starts = parties
      .map((headings) => firstHeading(lines, headings))
      .filter((at): at is number => at !== undefined)
      .sort((a, b) => a - b)
    if (starts.length !== parties.length || new Set(starts).size !== starts.length) continue
    const readings = starts.map((start, index) => readLabelledFieldsOf([slicePage(page, start, starts[index + 1] ?? lines.length)], kind))
    const fields: DocumentFields = {}
    for (const key of kind.fields) {
      const values = readings.map((reading) => reading[key])
      const first = values.find((value) => value !== undefined)
      if (!first) continue
      fields[key] = {...first, page: pageIndex + 1, sourcePage: page.source, parties: values.map((value) => value?.value ?? '')}
    }
    return fields
  }
  return undefined
}

/** The line a party's part starts on: a short line that is its heading. */
function firstHeading(lines: readonly string[], headings: readonly string[]): number | undefined {
  let best: number | undefined
  for (const heading of headings) {
    const pattern = foldPhrase(heading)
    const at = lines.findIndex((line) => {
      const folded = foldPhrase(line)
      return folded.startsWith(pattern) && folded.length <= pattern.length + 12
    })
    if (at >= 0 && (best === undefined || at < best)) best = at
  }
  return best
}

function slicePage(page: AnalysisPage, from: number, to: number): AnalysisPage {
  const lines = page.lines.length > 0 ? page.lines : page.text.split('\n').map((text) => ({text}))
  const kept = lines.slice(from, to)
  return {...page, lines: kept, text: kept.map((line) => line.text).join('\n')}
}

interface LabelRead {
  value: string
  label: string
  confidence: number
}

function readLabel(page: AnalysisPage, label: FieldLabel): LabelRead | undefined {
  const lines = readableLines(page)
  let from = 0
  if (label.after) {
    const heading = findPhrase(lines, label.after, {joinLines: 2})
    if (!heading) return undefined
    from = heading.line + heading.lines - 1
  }
  const format = label.format ?? 'text'
  for (let index = from; index < lines.length; index += 1) {
    const line = lines[index]!
    const hit = labelAt(line, label.labels, index === from && label.after ? afterHeadingStart(line, label.after) : 0)
    if (!hit) continue
    const rest = line.slice(hit.end)
    // "Họ, chữ đệm và tên chủ hộ:" is the householder's name, not the requester's: a label that
    // runs on into a longer one belongs to that other field (or person).
    if (runsIntoLongerLabel(rest)) continue
    // A blank left empty (only its dotted line after the label) has no value: the next line is
    // another label's, never this one's value ("Năm sinh" is no requester's name).
    if (isEmptyBlank(rest)) continue
    const sameLine = valueText(rest)
    const next = lines[index + 1] ?? ''
    const nextIsValue = !startsWithLabel(next)
    const candidates = [sameLine, ...((sameLine === '' || format !== 'text') && nextIsValue ? [valueText(next)] : [])]
    for (const [offset, text] of candidates.entries()) {
      let value = parseValue(text, format)
      if (value === undefined) continue
      // A name in capitals wrapped in a narrow column goes on under its label's line ("ĐẶNG THỊ THỊ" / "OANH").
      if (format === 'name' && offset === 0 && value === text && nextIsValue) value = withContinuation(value, next)
      const ocrConfidence = page.lines[index + offset]?.confidence
      return {value, label: hit.label, confidence: round((ocrConfidence ?? page.confidence ?? 80) / 100)}
    }
    // A label with nothing readable after it: keep looking further down (a form repeats labels).
  }
  return undefined
}

function withContinuation(name: string, next: string): string {
  const more = next.trim()
  const words = more.split(/\s+/)
  const caps = /^[\p{Lu}\p{M}]+$/u
  if (name !== name.toLocaleUpperCase('vi') || words.length > 2 || !words.every((word) => caps.test(word) && word.length >= 2)) return name
  return name.split(' ').length + words.length <= 6 ? `${name} ${words.join(' ')}` : name
}

/**
 * The words between a label and its colon make it another label ("… tên chủ hộ:", "Giới tính
 * của con:", "Ngày, tháng, năm sinh:"): lower-case words, not an English sub-label after "/" nor
 * a note in brackets ("(viết chữ in hoa)"). A name read without its colon has no colon here.
 */
function runsIntoLongerLabel(rest: string): boolean {
  const colon = rest.indexOf(':')
  if (colon < 0 || colon > 30) return false
  const between = rest.slice(0, colon).replace(/\([^)]*\)/g, '').split('/')[0]!
  return /\p{Ll}{2,}/u.test(between.normalize('NFC'))
}

/** What follows a label is only a dotted leader (and punctuation): the blank was left empty. */
function isEmptyBlank(rest: string): boolean {
  return /[.…_]{3,}/.test(rest) && !/[\p{L}\p{N}]/u.test(rest.replace(/^[^:]{0,30}:/, ''))
}

/** A line that opens with a label of its own ("2. Năm sinh: …", "Giới tính:"). */
function startsWithLabel(line: string): boolean {
  return /^\s*(\d{1,2}[.)]\s*)?[\p{L}][\p{L}\p{M} ,/()]{1,40}:/u.test(line.normalize('NFC'))
}

/** Where the text after a heading starts on its line, so that a label on the same line is found after it. */
function afterHeadingStart(line: string, heading: string): number {
  const match = findPhrase([line], heading)
  return match ? match.end : 0
}

/**
 * A label at (or near) the start of the line: numbering like "1." or "(2)" may come before
 * it. Returns where the label ends in the original line.
 */
function labelAt(line: string, labels: readonly string[], from: number): {end: number; label: string} | undefined {
  const folded = foldWithMap(line.slice(from))
  let best: {end: number; label: string; distance: number} | undefined
  for (const label of labels) {
    const pattern = foldPhrase(label)
    const window = folded.text.slice(0, pattern.length + 8)
    // Near the start of the line, allowing for OCR slips; further on ("… 3. Giới tính: Nam"), only as printed.
    let found = findApproximate(window, pattern, allowedDistance(pattern.length))
    if (!found || found.start > 6) {
      const at = ` ${folded.text}`.indexOf(` ${pattern}`)
      found = at > 0 ? {start: at, end: at + pattern.length, distance: 0} : numberedLabel(line.slice(from), folded, pattern)
    }
    if (!found) continue
    // The next folded character must not continue a word ("Họ và tên" is not "Họ và tênx"); a
    // colon OCR read as "!" or ";" is no letter.
    const next = folded.text[found.end]
    if (next !== undefined && /[\p{L}\p{N}]/u.test(next)) continue
    const end = from + folded.map[found.end - 1]! + 1
    if (!best || found.distance < best.distance || (found.distance === best.distance && label.length > best.label.length)) {
      best = {end, label, distance: found.distance}
    }
  }
  return best && {end: best.end, label: best.label}
}

/**
 * A label further on in the line, read with OCR slips, where the form numbers it and a colon
 * ends it: "… 3. Gidi tính: Nữ" is the numbered item "Giới tính". `line` is what `folded` folds.
 */
function numberedLabel(line: string, folded: FoldedText, pattern: string): FoundSpan | undefined {
  for (const item of line.matchAll(/(?:^|\s)\d{1,2}[.)] ?/g)) {
    const from = folded.map.findIndex((index) => index >= item.index + item[0].length)
    if (from < 0) continue
    const found = findApproximate(folded.text.slice(from, from + pattern.length + 2), pattern, allowedDistance(pattern.length))
    if (!found || found.start > 1) continue
    const after = line.slice(folded.map[from + found.end - 1]! + 1)
    if (/^ ?[:;!]/.test(after)) return {start: from + found.start, end: from + found.end, distance: found.distance}
  }
  return undefined
}

/**
 * What follows a label: an English sub-label ("/ Full name:") and the colon go, as do the
 * dotted leaders of a blank form.
 */
function valueText(rest: string): string {
  let text = rest
  const colon = text.indexOf(':')
  if (colon >= 0 && colon <= 30) text = text.slice(colon + 1)
  return text
    .replace(/[.…_]{2,}/g, ' ')
    .replace(/^[\s:;!,.\-–/|]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function parseValue(text: string, format: NonNullable<FieldLabel['format']>): string | undefined {
  if (text === '') return undefined
  switch (format) {
    case 'name':
      return parseName(text)
    case 'id-number':
      return idNumbersIn(text)[0]
    case 'date':
      return parseDate(text)
    case 'gender':
      return parseGender(text)
    default:
      return text
  }
}

const NEXT_LABEL = /^(gioi tinh|ngay|dan toc|quoc tich|noi sinh|noi cu tru|sinh ngay|sex|date of)\b/

/** Letters and spaces from the start; stops at a digit or a mark that starts another field. */
export function parseName(text: string): string | undefined {
  const match = /^[\p{L}\p{M}][\p{L}\p{M}' ]*/u.exec(text.normalize('NFC'))
  if (!match) return undefined
  const words = match[0].trim().split(/\s+/)
  // Another label on the same line ("NGUYỄN VĂN AN Giới tính: Nam") ends the name.
  const stop = words.findIndex((_, index) => index > 0 && NEXT_LABEL.test(foldPhrase(words.slice(index).join(' '))))
  const name = (stop > 0 ? words.slice(0, stop) : words).join(' ')
  if (name.length < 2) return undefined
  const folded = foldPhrase(name)
  if (/^(ngay|so|gioi tinh|noi|quoc tich|dan toc|nam sinh|ho ten|ho va ten)\b/.test(folded)) return undefined
  return name
}

/** 12-digit numbers in a line, reading the letters OCR takes for digits (O→0, l/I→1) inside number-like tokens. */
export function idNumbersIn(line: string): string[] {
  const tokens = line.split(/(\s+)/)
  const fixed = tokens
    .map((token) => {
      const digits = (token.match(/\d/g) ?? []).length
      if (digits === 0 || digits < token.replace(/[^0-9A-Za-z]/g, '').length * 0.5) return token
      return token.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1')
    })
    .join('')
  // Digit groups separated by single spaces or dots ("001 090 012 345") are one number.
  const joined = fixed.replace(/(\d)[ .](?=\d)/g, '$1')
  return [...joined.matchAll(/(?<!\d)\d{12}(?!\d)/g)].map((match) => match[0])
}

const DATE_PATTERNS: RegExp[] = [
  /(?<!\d)(\d{1,2})\s*[/.,-]\s*(\d{1,2})\s*[/.,-]\s*(\d{4})(?!\d)/,
  /(?:ngay\s*)?(?<!\d)(\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})/,
  /(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)/,
]

/** `01/05/1990`, `01.05.1990`, `1-5-1990`, `ngày 01 tháng 5 năm 1990`, `01051990` → `1990-05-01`. */
export function parseDate(text: string): string | undefined {
  const folded = foldVietnameseKeepPunctuation(text)
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(folded)
    if (!match) continue
    const day: CalendarDay = {day: Number(match[1]), month: Number(match[2]), year: Number(match[3])}
    if (isValidDay(day) && day.year >= 1900 && day.year <= 2100) return formatIsoDay(day)
  }
  return undefined
}

/** Folded with spacing and punctuation kept, and a letter O read after a digit taken for a zero. */
function foldVietnameseKeepPunctuation(text: string): string {
  return foldMarks(text).replace(/(\d)\s*o/g, '$10')
}

export function parseGender(text: string): 'male' | 'female' | undefined {
  const word = foldPhrase(text).split(' ')[0] ?? ''
  if (word === 'nam' || word === 'male' || word === 'm') return 'male'
  if (word === 'nu' || word === 'female' || word === 'f') return 'female'
  // One wrong letter ("Nừ" read as "Ni"): the two words share no letter, so the nearer one wins.
  if (word.length === 2 && editDistance(word, 'nu') === 1) return 'female'
  if (word.length === 3 && editDistance(word, 'nam') === 1) return 'male'
  return undefined
}

function round(value: number): number {
  return Math.round(Math.max(0, Math.min(1, value)) * 100) / 100
}
