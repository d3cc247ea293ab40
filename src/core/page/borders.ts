/**
 * Dark scanner borders and the lid's cast shadow. Measured on the upright, deskewed page,
 * where the page edges run straight along the image edges: from each side inwards, rows (or
 * columns) that are mostly darker than the paper belong to the border. A row of text is
 * never mostly dark (ink covers a small part of any row), so text is never cut; a heading
 * rule or a table touching the border stops the crop rather than being eaten.
 */
import type {Box} from '../page.js'
import type {GreyImage} from './raster.js'

export interface BorderOptions {
  /** Levels below the paper that count as shadowed. */
  darkness: number
  /** Fraction of a row that must be shadowed for the row to be border. */
  coverage: number
  /** The most a single side may lose, as a fraction of the page's extent. */
  maxFraction: number
}

export const DEFAULT_BORDER_OPTIONS: BorderOptions = {darkness: 20, coverage: 0.5, maxFraction: 0.25}

/**
 * The box to keep ([x0, x1) × [y0, y1)), or null when no side has a border. `paper` is the
 * paper's grey level (raster.ts `paperLevel`).
 */
export function detectBorders(image: GreyImage, paper: number, options: BorderOptions = DEFAULT_BORDER_OPTIONS): Box | null {
  const {data, width, height, filled} = image
  const limit = paper - options.darkness
  // Pixels a rotation filled in are neither page nor border: only the picture's own count.
  const verdict = (dark: number, seen: number): boolean => seen >= 8 && dark > seen * options.coverage
  const rowDark = (y: number): boolean => {
    let dark = 0
    let seen = 0
    const start = y * width
    for (let x = 0; x < width; x += 1) {
      if (filled && filled[start + x] === 1) continue
      seen += 1
      if (data[start + x]! < limit) dark += 1
    }
    return verdict(dark, seen)
  }
  const columnDark = (x: number): boolean => {
    let dark = 0
    let seen = 0
    for (let y = 0; y < height; y += 1) {
      if (filled && filled[y * width + x] === 1) continue
      seen += 1
      if (data[y * width + x]! < limit) dark += 1
    }
    return verdict(dark, seen)
  }
  const maxRows = Math.floor(height * options.maxFraction)
  const maxColumns = Math.floor(width * options.maxFraction)
  let y0 = 0
  while (y0 < maxRows && rowDark(y0)) y0 += 1
  let y1 = height
  while (height - y1 < maxRows && rowDark(y1 - 1)) y1 -= 1
  let x0 = 0
  while (x0 < maxColumns && columnDark(x0)) x0 += 1
  let x1 = width
  while (width - x1 < maxColumns && columnDark(x1 - 1)) x1 -= 1
  if (x0 === 0 && y0 === 0 && x1 === width && y1 === height) return null
  return {x0, y0, x1, y1}
}
