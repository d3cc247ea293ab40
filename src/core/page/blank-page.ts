/**
 * Blank-page detection for duplex backs. A page is blank when, once the paper's grain,
 * faint bleed-through from the other side, punched holes and remnants of the scanner border
 * are set aside, no mark the size of a letter is left. The test leans towards keeping: one
 * short word or a signature is enough for a page to stay.
 */
import {type Component, connectedComponents, type GreyImage, inkThreshold} from './raster.js'

export interface BlankVerdict {
  blank: boolean
  /** Marks the size of a letter or larger that were found (0 on a blank page). */
  marks: number
  /** Ink of those marks, in mm². */
  inkMm2: number
  /** What was set aside as not content. */
  ignored: {specks: number; holes: number; edges: number; edgeLines: number}
}

export interface BlankOptions {
  /** Ink must be this many levels darker than the paper (bleed-through is fainter). */
  minContrast: number
  /** A mark counts when its larger side reaches this, in mm… */
  minMarkMm: number
  /** …or its ink covers this many mm². */
  minMarkAreaMm2: number
}

export const DEFAULT_BLANK_OPTIONS: BlankOptions = {minContrast: 70, minMarkMm: 2, minMarkAreaMm2: 1}

export function detectBlank(image: GreyImage, dpi: number, options: BlankOptions = DEFAULT_BLANK_OPTIONS): BlankVerdict {
  const pxPerMm = dpi / 25.4
  const {threshold} = inkThreshold(image, options.minContrast)
  const {list} = connectedComponents(image, threshold)
  const ignored = {specks: 0, holes: 0, edges: 0, edgeLines: 0}
  let marks = 0
  let ink = 0
  for (const c of list) {
    const w = (c.x1 - c.x0 + 1) / pxPerMm
    const h = (c.y1 - c.y0 + 1) / pxPerMm
    const areaMm2 = c.area / (pxPerMm * pxPerMm)
    if (Math.max(w, h) < options.minMarkMm && areaMm2 < options.minMarkAreaMm2) {
      ignored.specks += 1
    } else if (isPunchHole(c, w, h, image, pxPerMm)) {
      ignored.holes += 1
    } else if (isEdgeMass(c, w, h) || inEdgeZone(c, image, EDGE_ZONE_MM * pxPerMm)) {
      ignored.edges += 1
    } else if (isEdgeLine(c, w, h, areaMm2, image, pxPerMm)) {
      ignored.edgeLines += 1
    } else {
      marks += 1
      ink += areaMm2
    }
  }
  return {blank: marks === 0, marks, inkMm2: Math.round(ink * 10) / 10, ignored}
}

/** A filled disc of filing-hole size near a page edge. */
function isPunchHole(c: Component, w: number, h: number, image: GreyImage, pxPerMm: number): boolean {
  const fill = c.area / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1))
  const round = w / h > 0.75 && w / h < 1.33
  const size = Math.max(w, h) >= 3.5 && Math.max(w, h) <= 10
  const reach = 30 * pxPerMm
  const nearEdge = c.x0 < reach || c.y0 < reach || image.width - c.x1 < reach || image.height - c.y1 < reach
  return fill > 0.65 && round && size && nearEdge
}

/**
 * Marks lying wholly in the outermost few millimetres are the page's edge, slivers of the
 * border or the lid's shadow left beside a straightened page, not writing: nobody writes
 * there, and printers cannot.
 */
const EDGE_ZONE_MM = 3

function inEdgeZone(c: Component, image: GreyImage, zone: number): boolean {
  return c.x1 < zone || c.y1 < zone || c.x0 >= image.width - zone || c.y0 >= image.height - zone
}

/** How far inside the scan the sheet's own edge may show. */
const EDGE_LINE_REACH_MM = 20

/**
 * The sheet's own edge, seen as a line a few millimetres inside the scan (paper on a lighter
 * lid, a crop left short), or a stretch of it: long (1 cm or more), thin (under 0.8 mm on
 * average), straight along the nearest side and within reach of it. Writing is neither.
 */
function isEdgeLine(c: Component, w: number, h: number, areaMm2: number, image: GreyImage, pxPerMm: number): boolean {
  const long = Math.max(w, h)
  const short = Math.min(w, h)
  if (long < 10 || areaMm2 / long > 0.8 || long / short < 8) return false
  const reach = EDGE_LINE_REACH_MM * pxPerMm
  if (h >= w) return c.x1 < reach || c.x0 >= image.width - reach
  return c.y1 < reach || c.y0 >= image.height - reach
}

/** A solid dark mass running into the image edge: what is left of the scanner border. */
function isEdgeMass(c: Component, w: number, h: number): boolean {
  if (!c.touchesEdge) return false
  const fill = c.area / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1))
  return fill > 0.35 && Math.max(w, h) > 4
}
