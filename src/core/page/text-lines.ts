/**
 * Text lines in a projection profile taken across them (deskew.ts): each line is a run of
 * rows with ink, and its core band, the rows holding at least half the line's peak, is the
 * x-height band: every letter has ink there, while ascenders, capitals, tone marks (above)
 * and descenders (below) add only a little.
 */

export interface ProfileLine {
  /** First row of the line's run and the row after its last. */
  start: number
  end: number
  /** First and last row of the core (x-height) band. */
  top: number
  bottom: number
}

/** The lines of a profile: runs a few rows tall and dense enough to be text, not specks or rules. */
export function profileLines(bins: Float64Array): ProfileLine[] {
  const sorted = [...bins].filter((v) => v > 0).sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const high = sorted[Math.floor(sorted.length * 0.9)]!
  const floor = high * 0.04
  const lines: ProfileLine[] = []
  let i = 0
  while (i < bins.length) {
    if (bins[i]! <= floor) {
      i += 1
      continue
    }
    let end = i
    while (end < bins.length && bins[end]! > floor) end += 1
    let peak = 0
    for (let k = i; k < end; k += 1) peak = Math.max(peak, bins[k]!)
    if (end - i >= 4 && peak >= high * 0.25) {
      let top = i
      while (bins[top]! < peak * 0.5) top += 1
      let bottom = end - 1
      while (bins[bottom]! < peak * 0.5) bottom -= 1
      lines.push({start: i, end, top, bottom})
    }
    i = end
  }
  return lines
}

/** Lines needed before an x-height is trusted. */
const MIN_LINES = 3

/**
 * The x-height of the page's smallest type, in profile rows: the narrowest core band of its
 * lines. Not a quartile: a line in capitals, or one run into dotted leaders, has a band wider
 * than its x-height, and on a form most lines are such. Null when there are too few lines.
 */
export function smallTypeXHeight(lines: readonly ProfileLine[]): number | null {
  if (lines.length < MIN_LINES) return null
  return Math.min(...lines.map((line) => line.bottom - line.top + 1))
}
