/**
 * Words typed or written over a dotted leader ("KHÔI............."): the dots touch the
 * letters, and the recogniser then sometimes drops the letter next to them. The letters
 * stand above the baseline; the dots sit on it. So the columns with ink in the upper part of
 * the word's box are the letters, and the rest is leader.
 */
import type {Box} from '../page.js'
import type {GreyImage} from './raster.js'

/** A word read with leader dots on one side or both, and its letters between them. */
export interface GluedWord {
  before: string
  letters: string
  after: string
}

export function gluedToLeader(text: string): GluedWord | undefined {
  const match = /^(\.{3,})?([^.]+?)(\.{3,})?$/u.exec(text)
  if (!match || (!match[1] && !match[3]) || !/\p{L}/u.test(match[2]!)) return undefined
  return {before: match[1] ?? '', letters: match[2]!, after: match[3] ?? ''}
}

/**
 * The part of `word` (a box in `image`) that holds letters: the columns with ink above the
 * lower third of the box, widened by a fifth of the box's height each side. Undefined when
 * no column has such ink.
 */
export function letterSpan(image: GreyImage, word: Box, threshold: number): Box | undefined {
  const x0 = Math.max(0, Math.round(word.x0))
  const x1 = Math.min(image.width, Math.round(word.x1))
  const y0 = Math.max(0, Math.round(word.y0))
  const y1 = Math.min(image.height, Math.round(word.y1))
  const upper = y0 + Math.floor((y1 - y0) * 0.6)
  let first = -1
  let last = -1
  for (let x = x0; x < x1; x += 1) {
    for (let y = y0; y < upper; y += 1) {
      if (image.data[y * image.width + x]! >= threshold) continue
      if (first < 0) first = x
      last = x
      break
    }
  }
  if (first < 0) return undefined
  const margin = (y1 - y0) / 5
  return {x0: Math.max(x0, first - margin), y0: word.y0, x1: Math.min(x1, last + 1 + margin), y1: word.y1}
}
