/** CER summed over pages (edits over truth length), on scripts/lib/cer.ts's metric. */
import {normaliseForCer} from '../../scripts/lib/cer.js'
import {editDistance} from '../../src/core/text-match.js'

export interface CerTally {
  edits: number
  length: number
}

export function cerTally(recognised: string, truth: string): CerTally {
  const t = normaliseForCer(truth)
  return {edits: editDistance(normaliseForCer(recognised), t), length: [...t].length}
}

export function cerPercent(tallies: readonly CerTally[]): number {
  const edits = tallies.reduce((sum, tally) => sum + tally.edits, 0)
  const length = tallies.reduce((sum, tally) => sum + tally.length, 0)
  return length === 0 ? 0 : (100 * edits) / length
}
