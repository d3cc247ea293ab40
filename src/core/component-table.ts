/**
 * Reads the dossier-component table of a DVCQG portal page, flattened to text by the crawl
 * (`thanh_phan_ho_so`; see templates/README.md):
 *
 *   [case heading]Tên giấy tờMẫu đơn, tờ khaiSố lượng<name>[form file]<n> bản chính[,<n> bản sao]<name>…
 *
 * Sections "* Giấy tờ phải nộp:" / "* Giấy tờ phải xuất trình:" switch between submitted and
 * presented papers; any other heading before the column header starts a case (trường hợp).
 * Items quantified "0 bản chính" are explanatory notes, not components.
 */
import type {ComponentMode} from './procedure.js'
import {foldVietnamese} from './text-fold.js'

export const COLUMN_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng'

/** A component as the table gives it, before codes and kinds are assigned. */
export interface TableItem {
  name: string
  form?: string
  mode: ComponentMode
  originals: number
  copies: number
}

export interface TableCase {
  name: string
  items: TableItem[]
}

export interface ComponentTable {
  cases: TableCase[]
  notes: string[]
  /** Item texts that could not be read as a component (no name left, …). */
  skipped: string[]
}

// One digit: the portal glues the quantity to the text before it ("…năm 20241 bản chính").
// A real quantity is followed by the next item with no space; "01 bản sao giấy …" in running
// text is followed by a space and is not one.
const QUANTITY = /(\d) bản (chính|sao)(?:,\s*(\d) bản (chính|sao))?(?=\S|$)/g
const EXTENSION = String.raw`\.(?:[dD][oO][cC][xX]?|[xX][lL][sS][xX]?|[pP][dD][fF]|[oO][dD][tT]|[rR][tT][fF]|[rR][aA][rR]|[zZ][iI][pP])`
// After the sentence ends: "…NĐ-CP;Mus08.docx", "…TT-BCA).1.MuCT01.doc".
const FORM_AFTER_PUNCTUATION = new RegExp(String.raw`[;:.)\]]\s*((?:\d+\.)?[^;:.()[\]]{1,80}?${EXTENSION})$`)
// Glued to the last word: "…khu rừngMẫu số 06.docx" (a lower-case letter, then a capital).
const FORM_AFTER_CASE_CHANGE = new RegExp(String.raw`\p{Ll}(\p{Lu}.{0,79}?${EXTENSION})$`, 'u')
const FORM_LAST_TOKEN = new RegExp(String.raw`(\S+${EXTENSION})$`)
// Headings that name no case: the table's own title, notes.
const GENERIC_HEADING = /^((thanh phan )?ho so( gom| bao gom)?|thanh phan ho so( gom| bao gom)?|luu y|ghi chu)\b/

export function parseComponentTable(text: string): ComponentTable {
  const table: ComponentTable = {cases: [], notes: [], skipped: []}
  const chunks = text.trim().split(COLUMN_HEADER)
  let heading = chunks.length > 1 ? (chunks.shift() ?? '') : ''
  let caseName = ''
  let mode: ComponentMode = 'submit'
  for (const body of chunks) {
    ;({caseName, mode} = applyHeading(heading, caseName))
    const {items, rest} = splitItems(body)
    for (const raw of items) addItem(table, caseName, mode, raw)
    heading = rest
  }
  const trailing = cleanPublishedText(heading)
  if (trailing !== '') table.notes.push(trailing)
  return table
}

/** A heading sets the mode afresh: the mode before it never carries over. */
function applyHeading(raw: string, caseName: string): {caseName: string; mode: ComponentMode} {
  const heading = cleanHeading(raw)
  const folded = foldVietnamese(heading)
  const presents = /phai xuat trinh/.test(folded)
  const submits = /phai nop/.test(folded)
  // "* Giấy tờ phải nộp:" / "* Giấy tờ phải xuất trình:" only switch the mode.
  if (/^(cac )?giay to(, tai lieu)? phai (nop|xuat trinh)( gom)?$/.test(folded)) return {caseName, mode: presents ? 'present' : 'submit'}
  // Any other heading ends a "phải xuất trình" section: what follows is handed in again.
  if (heading === '' || GENERIC_HEADING.test(folded)) return {caseName, mode: 'submit'}
  return {caseName: heading, mode: presents && !submits ? 'present' : 'submit'}
}

interface RawItem {
  text: string
  originals: number
  copies: number
}

function splitItems(body: string): {items: RawItem[]; rest: string} {
  const items: RawItem[] = []
  let start = 0
  for (const match of body.matchAll(QUANTITY)) {
    const counts = {chính: 0, sao: 0}
    counts[match[2] as 'chính' | 'sao'] += Number(match[1])
    if (match[3] !== undefined) counts[match[4] as 'chính' | 'sao'] += Number(match[3])
    items.push({text: body.slice(start, match.index), originals: counts.chính, copies: counts.sao})
    start = match.index + match[0].length
  }
  return {items, rest: body.slice(start)}
}

function addItem(table: ComponentTable, caseName: string, mode: ComponentMode, raw: RawItem): void {
  const {name, form} = splitForm(cleanPublishedText(raw.text))
  if (raw.originals + raw.copies === 0) {
    if (name !== '') table.notes.push(name)
    return
  }
  if (name === '') {
    table.skipped.push(raw.text)
    return
  }
  let entry = table.cases.find((candidate) => candidate.name === caseName)
  if (!entry) {
    entry = {name: caseName, items: []}
    table.cases.push(entry)
  }
  entry.items.push({name, ...(form ? {form} : {}), mode, originals: raw.originals, copies: raw.copies})
}

/** The template file name the portal glues to the end of an item ("…53/2025/TT-BCA).1.MuCT01.doc"). */
export function splitForm(text: string): {name: string; form?: string} {
  for (const pattern of [FORM_AFTER_PUNCTUATION, FORM_AFTER_CASE_CHANGE, FORM_LAST_TOKEN]) {
    const file = pattern.exec(text)?.[1]
    if (!file) continue
    const name = cleanPublishedText(text.slice(0, text.length - file.length))
    // Never let the file name eat the whole item: the name is what identifies it.
    if (name !== '') return {name, form: file.trim()}
  }
  return {name: text}
}

function cleanHeading(text: string): string {
  return cleanPublishedText(text)
    .replace(/^[-*\s]+/, '')
    .replace(/[:\s]+$/, '')
    .trim()
}

/** Whitespace collapsed, list bullets ("- ", "+ ", "* ") and the empty-heading marker "--" dropped. */
export function cleanPublishedText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/^(?:--|[-+*•]\s)\s*/, '')
    .trim()
}
