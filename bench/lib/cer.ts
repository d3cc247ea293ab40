/** Character error rate as the shared real-pages README defines it: NFC, whitespace collapsed. */

export function normaliseForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

/** Levenshtein distance over code points, O(min(n, m)) memory. */
export function editDistance(a: string, b: string): number {
  const s = [...a]
  const t = [...b]
  if (s.length < t.length) return editDistance(b, a)
  let previous = Array.from({length: t.length + 1}, (_, j) => j)
  let current = new Array<number>(t.length + 1).fill(0)
  for (let i = 1; i <= s.length; i += 1) {
    current[0] = i
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[t.length]!
}

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
