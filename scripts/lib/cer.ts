/** Character error rate as the real-pages README defines it: NFC, whitespace collapsed. */
import {editDistance} from '../../src/core/text-match.js'

export function normaliseForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** Edits needed to turn `recognised` into `truth`, over the truth's length. */
export function characterErrorRate(recognised: string, truth: string): number {
  const expected = normaliseForCer(truth)
  return editDistance(normaliseForCer(recognised), expected) / Math.max(1, [...expected].length)
}
