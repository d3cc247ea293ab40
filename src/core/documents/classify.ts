/**
 * Classify: a document's pages → its kind (SPEC §4), a confidence in 0–1 and the evidence
 * that decided it (SPEC §2 step 5). Pure: the catalogue comes in as data, the QR payloads are
 * already on the pages. The title zone of the first page weighs most; the national header
 * is never looked at; below the threshold the kind is `unknown` and the document is flagged.
 */
import type {AnalysisPage, Evidence, ReviewReason} from '../dossier.js'
import {UNKNOWN_KIND} from '../dossier.js'
import type {DocumentKind} from '../document-kind.js'
import {containsFormNumber, findPhrase, isNationalHeader, type PhraseMatch} from '../text-match.js'

export interface Classification {
  kind: string
  confidence: number
  evidence: Evidence[]
  review: ReviewReason[]
}

/** Below this the kind is `unknown`. */
export const CLASSIFY_THRESHOLD = 0.45
/** A title line must be mostly the title: "Giấy tờ tùy thân: Căn cước công dân số …" is not one. */
const TITLE_COVERAGE = 0.5
/** The title zone: the top of the page. */
const TITLE_ZONE_SHARE = 0.4
const TITLE_ZONE_LINES = 12

const WEIGHT = {
  titleZone: 0.6,
  titleElsewhere: 0.25,
  formNumber: 0.3,
  keyword: 0.06,
  keywordCap: 0.3,
  negative: -0.25,
  qr: 0.7,
}

/** A page's lines as analysis reads them: the national header blanked out, positions kept. */
export function readableLines(page: AnalysisPage): string[] {
  const lines = page.lines.length > 0 ? page.lines.map((line) => line.text) : page.text.split('\n')
  return lines.map((line) => (isNationalHeader(line) ? '' : line))
}

/** Indices of the lines in the page's title zone (top 40% when OCR gave boxes, else the first lines). */
export function titleZoneLineCount(page: AnalysisPage): number {
  const lines = page.lines
  if (lines.length > 0 && lines.every((line) => line.bbox) && page.height > 0) {
    const limit = page.height * TITLE_ZONE_SHARE
    let count = 0
    while (count < lines.length && lines[count]!.bbox!.y0 < limit) count += 1
    return count
  }
  return Math.min(TITLE_ZONE_LINES, readableLines(page).length)
}

/** True for the payload of a chip ID card's QR code (SPEC §3.6): 12 digits, then 5 or 6 fields. */
export function isIdCardPayload(payload: string): boolean {
  const parts = payload.split('|')
  return (parts.length === 6 || parts.length === 7) && /^\d{12}$/.test(parts[0]!.trim())
}

function titleMatch(lines: readonly string[], kind: DocumentKind): {pattern: string; match: PhraseMatch} | undefined {
  let best: {pattern: string; match: PhraseMatch} | undefined
  for (const pattern of kind.titlePatterns) {
    const match = findPhrase(lines, pattern, {joinLines: 3})
    if (!match || match.coverage < TITLE_COVERAGE || insideLongerTitle(lines, match)) continue
    // Longer titles that match say more ("CĂN CƯỚC CÔNG DÂN" over "CĂN CƯỚC").
    if (!best || match.distance < best.match.distance || (match.distance === best.match.distance && pattern.length > best.pattern.length)) {
      best = {pattern, match}
    }
  }
  return best
}

/**
 * A catalogue title found inside a longer, different title is not that title: "CĂN CƯỚC CÔNG
 * DÂN" in "TỜ KHAI CĂN CƯỚC CÔNG DÂN" (Mẫu CC01, the application form) is no ID card. A title
 * line is set in capitals, so capitals before the match on its line are another title's words.
 */
function insideLongerTitle(lines: readonly string[], match: PhraseMatch): boolean {
  const original = lines.slice(match.line, match.line + match.lines).join(' ')
  const before = original.slice(0, Math.max(0, match.end - match.found.length)).replace(/^\s*(\d+[.)]|[IVX]+\.)\s*/u, '')
  const letters = before.match(/\p{L}/gu) ?? []
  return letters.length >= 2 && before === before.toLocaleUpperCase('vi')
}

function evidenceOf(type: Evidence['type'], pattern: string, match: PhraseMatch, page: number, lineOffset: number, zone: Evidence['zone'], weight: number): Evidence {
  const line = lineOffset + match.line + 1
  return {type, pattern, found: match.found, page, line, zone, match: match.match, distance: match.distance, weight: round(weight)}
}

/** The kind whose title heads this page, if any: what makes split start a new document. */
export function titleKindOnPage(page: AnalysisPage, kinds: readonly DocumentKind[]): {kind: DocumentKind; evidence: Evidence} | undefined {
  const zone = readableLines(page).slice(0, titleZoneLineCount(page))
  let best: {kind: DocumentKind; evidence: Evidence} | undefined
  for (const kind of kinds) {
    const found = titleMatch(zone, kind)
    if (!found) continue
    const evidence = evidenceOf('title', found.pattern, found.match, 1, 0, 'title', titleWeight(WEIGHT.titleZone, found.match))
    if (!best || evidence.weight > best.evidence.weight) best = {kind, evidence}
  }
  return best
}

/** Which side of a two-sided card the page shows, from the kind's `sides` words and the QR code. */
export function cardSide(page: AnalysisPage, kind: DocumentKind): 'front' | 'back' | 'both' | undefined {
  if (!kind.sides) return undefined
  const lines = readableLines(page)
  const count = (words: readonly string[]): number => words.filter((word) => findPhrase(lines, word, {joinLines: 2})).length
  const front = count(kind.sides.front) >= 2 || (kind.hasQr === true && (page.qr ?? []).some(isIdCardPayload))
  const back = count(kind.sides.back) >= 2
  if (front && back) return 'both'
  return front ? 'front' : back ? 'back' : undefined
}

function titleWeight(base: number, match: PhraseMatch): number {
  return base * (1 - 0.1 * match.distance)
}

interface Scored {
  kind: DocumentKind
  score: number
  evidence: Evidence[]
}

function scoreKind(pages: readonly AnalysisPage[], kind: DocumentKind): Scored {
  const evidence: Evidence[] = []
  const pageLines = pages.map(readableLines)
  const first = pages[0]!
  const zoneLength = titleZoneLineCount(first)
  const zoneTitle = titleMatch(pageLines[0]!.slice(0, zoneLength), kind)
  if (zoneTitle) {
    evidence.push(evidenceOf('title', zoneTitle.pattern, zoneTitle.match, 1, 0, 'title', titleWeight(WEIGHT.titleZone, zoneTitle.match)))
  } else {
    for (const [index, lines] of pageLines.entries()) {
      const offset = index === 0 ? zoneLength : 0
      const found = titleMatch(lines.slice(offset), kind)
      if (found) {
        evidence.push(evidenceOf('title', found.pattern, found.match, index + 1, offset, 'body', titleWeight(WEIGHT.titleElsewhere, found.match)))
        break
      }
    }
  }
  for (const formNumber of kind.formNumbers ?? []) {
    const at = pageLines.findIndex((lines) => lines.some((line) => containsFormNumber(line, formNumber)))
    if (at < 0) continue
    const line = pageLines[at]!.findIndex((text) => containsFormNumber(text, formNumber))
    evidence.push({type: 'form-number', pattern: formNumber, found: pageLines[at]![line]!.trim(), page: at + 1, line: line + 1, zone: at === 0 && line < zoneLength ? 'title' : 'body', match: 'folded', distance: 0, weight: WEIGHT.formNumber})
    break
  }
  let keywordTotal = 0
  const keywords = [...kind.keywords, ...(kind.sides ? [...kind.sides.front, ...kind.sides.back] : [])]
  for (const keyword of new Set(keywords)) {
    if (keywordTotal >= WEIGHT.keywordCap - 1e-9) break
    const hit = findInPages(pageLines, keyword)
    if (!hit) continue
    keywordTotal += WEIGHT.keyword
    evidence.push(evidenceOf('keyword', keyword, hit.match, hit.page + 1, 0, hit.page === 0 && hit.match.line < zoneLength ? 'title' : 'body', WEIGHT.keyword))
  }
  for (const negative of kind.negativeKeywords ?? []) {
    const hit = findInPages(pageLines.slice(0, 1).map((lines) => lines.slice(0, zoneLength)), negative)
    if (hit) evidence.push(evidenceOf('negative-keyword', negative, hit.match, 1, 0, 'title', WEIGHT.negative))
  }
  if (kind.hasQr) {
    for (const [index, page] of pages.entries()) {
      const payload = (page.qr ?? []).find(isIdCardPayload)
      if (!payload) continue
      evidence.push({type: 'qr', pattern: 'ID-card QR payload', found: `${payload.split('|').length} fields`, page: index + 1, line: 0, zone: index === 0 ? 'title' : 'body', match: 'exact', distance: 0, weight: WEIGHT.qr})
      break
    }
  }
  const score = evidence.reduce((sum, item) => sum + item.weight, 0)
  return {kind, score: Math.max(0, Math.min(1, score)), evidence}
}

function findInPages(pageLines: readonly string[][], phrase: string): {page: number; match: PhraseMatch} | undefined {
  for (const [page, lines] of pageLines.entries()) {
    const match = findPhrase(lines, phrase, {joinLines: 2})
    if (match) return {page, match}
  }
  return undefined
}

export function classifyDocument(pages: readonly AnalysisPage[], kinds: readonly DocumentKind[]): Classification {
  const candidates = kinds.filter((kind) => kind.id !== UNKNOWN_KIND)
  if (pages.length === 0 || candidates.length === 0) return {kind: UNKNOWN_KIND, confidence: 0, evidence: [], review: ['unknown-kind']}
  const scored = candidates.map((kind) => scoreKind(pages, kind)).sort((a, b) => b.score - a.score)
  const best = scored[0]!
  const second = scored[1]?.score ?? 0
  // A close runner-up lowers confidence: the evidence does not tell the two apart.
  const margin = Math.max(0, Math.min(1, 0.5 + (best.score - second) / 0.4))
  const confidence = round(best.score * margin)
  const review: ReviewReason[] = []
  if (best.score - second < 0.1 && second > 0) review.push('ambiguous-kind')
  if (confidence < CLASSIFY_THRESHOLD) {
    return {kind: UNKNOWN_KIND, confidence, evidence: best.evidence, review: ['unknown-kind', ...(best.score > 0 ? (['low-confidence'] as const) : []), ...review]}
  }
  return {kind: best.kind.id, confidence, evidence: best.evidence, review}
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
