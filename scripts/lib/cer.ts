/** Character error rate as the real-pages README defines it: NFC, whitespace collapsed. */
export function normaliseForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

export function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({length: y.length + 1}, (_, j) => j)
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[y.length]!
}

/** Edits needed to turn `recognised` into `truth`, over the truth's length. */
export function characterErrorRate(recognised: string, truth: string): number {
  const expected = normaliseForCer(truth)
  return editDistance(normaliseForCer(recognised), expected) / Math.max(1, [...expected].length)
}
