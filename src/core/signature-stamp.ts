/**
 * The visible signature stamp (Thông tư 01/2023/TT-VPCP Điều 8: the digitiser's name and the
 * scanning time at the top left of the first page): what it says, and where it goes. It is
 * always in Vietnamese, whatever the interface language, because it is part of the document.
 */
import type {StampFacts} from './signer.js'
import {isoVietnam} from './vietnam-time.js'

export function stampLines(facts: StampFacts): string[] {
  const iso = isoVietnam(facts.scannedAt)
  const [day, time] = [iso.slice(0, 10).split('-').reverse().join('/'), iso.slice(11, 19)]
  return [
    'BẢN SỐ HÓA ĐÃ KÝ SỐ',
    `Người số hóa: ${facts.name}`,
    `Cơ quan: ${facts.agency}`,
    `Thời gian số hóa: ${day} ${time} (GMT+7)`,
  ]
}

/** Where ink is on a page: a coarse grid, row-major from the top-left, 1 = ink. */
export interface InkGrid {
  width: number
  height: number
  cells: Uint8Array
  /** Points per cell. */
  cellPt: number
}

export interface StampPlacement {
  /** PDF user space (origin bottom-left), points. */
  x: number
  y: number
  width: number
  height: number
  scale: number
  /** True when no free spot was found and the stamp lies over page content. */
  coversContent: boolean
}

const EDGE_PT = 8
const CLEARANCE_PT = 3
const SCALES = [1, 0.85, 0.7]
/** The stamp may move right along the top edge, but stays in the left part of the page. */
const MAX_LEFT_FRACTION = 0.4

/**
 * The top-left-most spot where the stamp (at `size` points, scale 1) lies on blank paper:
 * first shrinking it, then moving it right along the top edge; the top-left corner at the
 * smallest size when the margin is full.
 */
export function placeStamp(page: {width: number; height: number}, size: {width: number; height: number}, ink: InkGrid): StampPlacement {
  for (const scale of SCALES) {
    const width = size.width * scale
    const height = size.height * scale
    const maxLeft = Math.max(EDGE_PT, page.width * MAX_LEFT_FRACTION - width)
    for (let left = EDGE_PT; left <= maxLeft; left += ink.cellPt) {
      if (!hasInk(ink, left - CLEARANCE_PT, EDGE_PT - CLEARANCE_PT, width + 2 * CLEARANCE_PT, height + 2 * CLEARANCE_PT)) {
        return {x: left, y: page.height - EDGE_PT - height, width, height, scale, coversContent: false}
      }
    }
  }
  const scale = SCALES.at(-1)!
  const width = size.width * scale
  const height = size.height * scale
  return {x: EDGE_PT, y: page.height - EDGE_PT - height, width, height, scale, coversContent: true}
}

/** Any ink in the box given from the top-left corner of the page, in points. */
function hasInk(ink: InkGrid, left: number, top: number, width: number, height: number): boolean {
  const x0 = Math.max(0, Math.floor(left / ink.cellPt))
  const y0 = Math.max(0, Math.floor(top / ink.cellPt))
  const x1 = Math.min(ink.width - 1, Math.ceil((left + width) / ink.cellPt))
  const y1 = Math.min(ink.height - 1, Math.ceil((top + height) / ink.cellPt))
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (ink.cells[y * ink.width + x]) return true
  return false
}
