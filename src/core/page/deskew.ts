/**
 * Skew by projection profiles: the ink of text lines, projected across the lines, piles up
 * into sharp peaks only at the angle the lines really run. Works on the ink pixels of a
 * downscaled binarised page (see page-analysis.ts), so a search over ±10° costs tens of
 * milliseconds.
 */

/** Ink pixel positions, in pixels of the analysed (downscaled) image. */
export interface InkPoints {
  xs: Float32Array
  ys: Float32Array
  width: number
  height: number
}

export interface SkewEstimate {
  /** Degrees the lines run clockwise from horizontal (the page was turned this much). */
  angle: number
  /** Profile sharpness at that angle (see `profileScore`). */
  score: number
}

export interface SkewSearch {
  maxAngle: number
  coarseStep: number
  fineStep: number
}

export const DEFAULT_SKEW_SEARCH: SkewSearch = {maxAngle: 10, coarseStep: 0.2, fineStep: 0.02}

/**
 * The row profile of the points seen along lines turned `degrees` clockwise, one bin per
 * pixel: bin i counts the points whose un-turned y is i.
 */
export function projectionProfile(points: InkPoints, degrees: number): Float64Array {
  const radians = (degrees * Math.PI) / 180
  const sin = Math.sin(radians)
  const cos = Math.cos(radians)
  const reach = Math.ceil(Math.abs(points.width * sin) + Math.abs(points.height * cos)) + 2
  const offset = Math.ceil(Math.abs(points.width * sin)) + 1
  const bins = new Float64Array(reach + 1)
  const {xs, ys} = points
  for (let i = 0; i < xs.length; i += 1) {
    const y = -xs[i]! * sin + ys[i]! * cos + offset
    // Split each point between its two bins so the score varies smoothly with the angle.
    const low = Math.floor(y)
    const f = y - low
    bins[low]! += 1 - f
    bins[low + 1]! += f
  }
  return bins
}

/**
 * Sum of squared differences of neighbouring bins, per point: large when the profile
 * alternates between dense lines and empty gaps, small when it is smeared.
 */
export function profileScore(bins: Float64Array, count: number): number {
  let score = 0
  for (let i = 1; i < bins.length; i += 1) {
    const d = bins[i]! - bins[i - 1]!
    score += d * d
  }
  return count > 0 ? score / count : 0
}

export function scoreAt(points: InkPoints, degrees: number): number {
  return profileScore(projectionProfile(points, degrees), points.xs.length)
}

/** Best angle within ±maxAngle: a coarse sweep, then a fine one around the best coarse angle. */
export function estimateSkew(points: InkPoints, search: SkewSearch = DEFAULT_SKEW_SEARCH): SkewEstimate {
  return refineSkew(points, sweepSkew(points, search).angle, search)
}

/** The coarse sweep over ±maxAngle, on a sample of the ink. */
export function sweepSkew(points: InkPoints, search: SkewSearch = DEFAULT_SKEW_SEARCH): SkewEstimate {
  if (points.xs.length === 0) return {angle: 0, score: 0}
  const sample = samplePoints(points, 30_000)
  let best = {angle: 0, score: -1}
  for (let a = -search.maxAngle; a <= search.maxAngle + 1e-9; a += search.coarseStep) {
    const score = scoreAt(sample, a)
    if (score > best.score) best = {angle: a, score}
  }
  return best
}

/** The fine search within one coarse step of `centre`, on all the ink. */
export function refineSkew(points: InkPoints, centre: number, search: SkewSearch = DEFAULT_SKEW_SEARCH): SkewEstimate {
  if (points.xs.length === 0) return {angle: 0, score: 0}
  let best = {angle: centre, score: scoreAt(points, centre)}
  for (let a = centre - search.coarseStep; a <= centre + search.coarseStep + 1e-9; a += search.fineStep) {
    if (Math.abs(a) > search.maxAngle + 1e-9) continue
    const score = scoreAt(points, a)
    if (score > best.score) best = {angle: a, score}
  }
  // `|| 0`: no −0 in the record.
  return {angle: Math.round(best.angle * 100) / 100 || 0, score: best.score}
}

/** Every k-th point, so that at most `limit` remain. */
export function samplePoints(points: InkPoints, limit: number): InkPoints {
  const step = Math.ceil(points.xs.length / limit)
  if (step <= 1) return points
  const n = Math.ceil(points.xs.length / step)
  const xs = new Float32Array(n)
  const ys = new Float32Array(n)
  for (let i = 0, j = 0; j < n; i += step, j += 1) {
    xs[j] = points.xs[i]!
    ys[j] = points.ys[i]!
  }
  return {xs, ys, width: points.width, height: points.height}
}

/** The same points as seen after turning the page `quarterTurns` × 90° clockwise. */
export function turnPoints(points: InkPoints, quarterTurns: number): InkPoints {
  const turns = ((quarterTurns % 4) + 4) % 4
  if (turns === 0) return points
  const n = points.xs.length
  const xs = new Float32Array(n)
  const ys = new Float32Array(n)
  const {width: w, height: h} = points
  for (let i = 0; i < n; i += 1) {
    const x = points.xs[i]!
    const y = points.ys[i]!
    if (turns === 1) {
      xs[i] = h - 1 - y
      ys[i] = x
    } else if (turns === 2) {
      xs[i] = w - 1 - x
      ys[i] = h - 1 - y
    } else {
      xs[i] = y
      ys[i] = w - 1 - x
    }
  }
  const swap = turns % 2 === 1
  return {xs, ys, width: swap ? h : w, height: swap ? w : h}
}
