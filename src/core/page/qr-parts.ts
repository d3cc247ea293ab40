/**
 * Where an ID card's QR code is looked for when the whole page image gave none: each of the
 * four corners, where a photocopied card lies. On a quarter of the page a small code is twice
 * as large relative to what the reader scans. Each part reaches a little past the page's
 * centre lines, so that a code lying across one is whole in some part.
 */
import type {Box} from '../page.js'

/** How far past the centre line each part reaches, as a fraction of the page's side. */
export const QR_PART_OVERLAP = 0.05

/** The four corner parts of a `width` × `height` image: top left, top right, bottom left, bottom right. */
export function qrSearchParts(width: number, height: number): Box[] {
  const midX = width / 2
  const midY = height / 2
  const dx = width * QR_PART_OVERLAP
  const dy = height * QR_PART_OVERLAP
  const left = {x0: 0, x1: Math.round(midX + dx)}
  const right = {x0: Math.round(midX - dx), x1: width}
  const top = {y0: 0, y1: Math.round(midY + dy)}
  const bottom = {y0: Math.round(midY - dy), y1: height}
  return [
    {...left, ...top},
    {...right, ...top},
    {...left, ...bottom},
    {...right, ...bottom},
  ]
}
