/**
 * Matching printed phrases (titles, labels, keywords) in OCR text, tolerant of what OCR does
 * to Vietnamese: lost or wrong diacritics, a wrong letter, punctuation dropped or doubled,
 * a title broken across lines. Text is compared folded (text-fold.ts) with punctuation gone;
 * a match remembers where it lies in the original text so that a value after a label can be
 * cut out of the line as written.
 */
import {foldVietnamese} from './text-fold.js'

/** Folded text with, for each of its characters, the index of the original character. */
export interface FoldedText {
  text: string
  map: number[]
}

/**
 * Folded like foldVietnamese, and punctuation turned into spaces, spaces collapsed; keeps
 * the position of every character in `original` (NFC).
 */
export function foldWithMap(original: string): FoldedText {
  let text = ''
  const map: number[] = []
  let pendingSpace = false
  for (let index = 0; index < original.length; index += 1) {
    const source = original[index]!
    // A combining mark left after NFC belongs to the letter before it.
    if (/\p{M}/u.test(source)) continue
    const char = /\s/.test(source) ? ' ' : foldVietnamese(source).charAt(0)
    if (!/[a-z0-9]/.test(char)) {
      pendingSpace = text.length > 0
      continue
    }
    if (pendingSpace) {
      text += ' '
      map.push(index)
      pendingSpace = false
    }
    text += char
    map.push(index)
  }
  return {text, map}
}

/** A phrase folded for matching: no diacritics, no punctuation, single spaces. */
export function foldPhrase(phrase: string): string {
  return foldWithMap(phrase.normalize('NFC')).text
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  // By code point, so that a character outside the BMP counts as one edit, not two.
  const x = [...a]
  const y = [...b]
  let previous = Array.from({length: y.length + 1}, (_, index) => index)
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]!
}

/** How many edits a phrase of this many folded characters may carry and still match. */
export function allowedDistance(length: number): number {
  if (length < 5) return 0
  if (length < 10) return 1
  return Math.max(1, Math.floor(length / 9))
}

export interface FoundSpan {
  /** Start and end (exclusive) in the folded text. */
  start: number
  end: number
  distance: number
}

/**
 * The best approximate occurrence of `pattern` in `text` (both folded): the substring of
 * `text` at the smallest edit distance from the whole pattern (Sellers' algorithm), ties
 * going to the earliest. Undefined when even the best is further than `maxDistance`.
 */
export function findApproximate(text: string, pattern: string, maxDistance: number): FoundSpan | undefined {
  if (pattern === '') return undefined
  const exact = text.indexOf(pattern)
  if (exact >= 0) return {start: exact, end: exact + pattern.length, distance: 0}
  if (maxDistance === 0) return undefined
  const m = pattern.length
  // column[i] = best distance of pattern[0..i) ending at the current text position; start[i] where it began.
  let column = Array.from({length: m + 1}, (_, index) => index)
  let starts = Array.from({length: m + 1}, () => 0)
  let best: FoundSpan | undefined
  for (let j = 1; j <= text.length; j += 1) {
    const next = [0]
    const nextStarts = [j]
    for (let i = 1; i <= m; i += 1) {
      const substitute = column[i - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1)
      const skipText = column[i]! + 1
      const skipPattern = next[i - 1]! + 1
      if (substitute <= skipText && substitute <= skipPattern) {
        next[i] = substitute
        nextStarts[i] = starts[i - 1]!
      } else if (skipPattern <= skipText) {
        next[i] = skipPattern
        nextStarts[i] = nextStarts[i - 1]!
      } else {
        next[i] = skipText
        nextStarts[i] = starts[i]!
      }
    }
    column = next
    starts = nextStarts
    const distance = column[m]!
    if (distance <= maxDistance && (!best || distance < best.distance)) best = {start: starts[m]!, end: j, distance}
  }
  return best
}

export type MatchQuality = 'exact' | 'folded' | 'fuzzy'

export interface PhraseMatch {
  /** 0-based index of the first line of the match, and how many lines it spans. */
  line: number
  lines: number
  /** The matched text as written (lines joined by a space). */
  found: string
  match: MatchQuality
  distance: number
  /** Share of the (joined) line taken by the phrase, 0–1: 1 for a line that is only the title. */
  coverage: number
  /** End of the match in the original joined text. */
  end: number
}

function quality(original: string, phrase: string, distance: number): MatchQuality {
  if (distance > 0) return 'fuzzy'
  const plain = (value: string): string => value.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ')
  return plain(original).includes(plain(phrase)) ? 'exact' : 'folded'
}

function better(a: PhraseMatch | undefined, b: PhraseMatch): boolean {
  if (!a) return true
  if (b.distance !== a.distance) return b.distance < a.distance
  return b.coverage > a.coverage + 1e-9
}

export interface FindOptions {
  /** Also try runs of up to this many consecutive lines joined (titles broken across lines). */
  joinLines?: number
  /** Edits allowed; from the phrase's length when absent. */
  maxDistance?: number
}

/** The best occurrence of `phrase` in `lines`, on one line or across up to `joinLines` lines. */
export function findPhrase(lines: readonly string[], phrase: string, options: FindOptions = {}): PhraseMatch | undefined {
  const pattern = foldPhrase(phrase)
  if (pattern === '') return undefined
  const maxDistance = options.maxDistance ?? allowedDistance(pattern.length)
  const join = Math.max(1, options.joinLines ?? 1)
  let best: PhraseMatch | undefined
  for (let line = 0; line < lines.length; line += 1) {
    for (let span = 1; span <= join && line + span <= lines.length; span += 1) {
      const original = lines.slice(line, line + span).join(' ')
      const folded = foldWithMap(original)
      // A longer window only helps when the phrase did not fit on fewer lines.
      if (span > 1 && folded.text.length > pattern.length * 3 + 20) break
      const found = findApproximate(folded.text, pattern, maxDistance)
      if (!found) continue
      const startOriginal = folded.map[found.start]!
      const endOriginal = folded.map[found.end - 1]! + 1
      // The match must reach into the last line of the window, or the window adds nothing.
      if (span > 1) {
        const lastStart = original.length - lines[line + span - 1]!.length
        if (endOriginal <= lastStart) continue
        const firstEnd = lines[line]!.length
        if (startOriginal >= firstEnd) continue
      }
      const candidate: PhraseMatch = {
        line,
        lines: span,
        found: original.slice(startOriginal, endOriginal),
        match: quality(original, phrase, found.distance),
        distance: found.distance,
        coverage: folded.text.length === 0 ? 0 : Math.min(1, pattern.length / folded.text.length),
        end: endOriginal,
      }
      if (better(best, candidate)) best = candidate
    }
  }
  return best
}

/** The national header every form carries (SPEC §4): it decides nothing. */
const NATIONAL_HEADER = [
  'cong hoa xa hoi chu nghia viet nam',
  'doc lap tu do hanh phuc',
  'socialist republic of viet nam',
  'independence freedom happiness',
]

/** True for a line of the national header (or a line made only of its rule: "-----"). */
export function isNationalHeader(line: string): boolean {
  const folded = foldPhrase(line)
  if (folded === '') return /[-_=]{3,}/.test(line)
  return NATIONAL_HEADER.some((header) => {
    const found = findApproximate(folded, header, allowedDistance(header.length))
    return found !== undefined && header.length / folded.length > 0.6
  })
}

/**
 * Form numbers ("CT01", "03/2013/TT-LLTP") compared on letters and digits only, with the
 * letters OCR mistakes for digits (O/0, l/I/1) made the same on both sides.
 */
export function normaliseFormNumber(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]/g, '')
    .replace(/o/g, '0')
    .replace(/[li]/g, '1')
}

export function containsFormNumber(text: string, formNumber: string): boolean {
  const pattern = normaliseFormNumber(formNumber)
  if (pattern === '') return false
  const haystack = normaliseFormNumber(text)
  let index = haystack.indexOf(pattern)
  while (index >= 0) {
    // Not part of a longer number: "CT01" must not match "CT012".
    const after = haystack[index + pattern.length]
    if (after === undefined || !/\d/.test(after) || !/\d$/.test(pattern)) return true
    index = haystack.indexOf(pattern, index + 1)
  }
  return false
}
