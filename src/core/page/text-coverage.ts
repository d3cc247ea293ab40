/**
 * Ink against text: where a page has ink that no recognised word covers. On noisy, skewed
 * pages tesseract's layout analysis can drop whole blocks (everything between the mother's
 * name and the signatures of a birth certificate), and lost text is the worst error: the
 * searchable PDF cannot find it and the fields are gone. Comparing the page's ink with the
 * boxes of the words read finds those regions, so that they can be read again on their own.
 * Also finds the page's ink blocks (the sides of an ID-card copy). Pure.
 */
import type {Box} from '../page.js'
import {histogram, paperLevel, type GreyImage} from './raster.js'

/** A grey copy of the page at low resolution, and how many page pixels one of its pixels stands for. */
export interface InkMap {
  image: GreyImage
  /** Page pixels per map pixel. */
  scale: number
  /** Page resolution, dots per inch. */
  dpi: number
}

export interface Coverage {
  /** Map pixels of ink on the page, and the share of them under a recognised word. */
  ink: number
  covered: number
  /** Regions (page pixels) of ink no word covers that look like text. */
  lost: Box[]
}

/** A map pixel is ink when this much darker than the paper (grain and bleed-through stay out). */
const INK_CONTRAST = 40
/** Text-like regions: at least this wide and this tall (mm), at most this dense. */
const MIN_WIDTH_MM = 8
const MIN_HEIGHT_MM = 1.2
const MAX_DENSITY = 0.45
/** Ink this far apart (mm) belongs to separate regions. */
const ROW_GAP_MM = 1.5
const COLUMN_GAP_MM = 10

const mmToMap = (mm: number, map: InkMap) => (mm / 25.4) * (map.dpi / map.scale)

function inkMask(map: InkMap): Uint8Array {
  const {image} = map
  const paper = paperLevel(histogram(image))
  const limit = paper - INK_CONTRAST
  const mask = new Uint8Array(image.width * image.height)
  for (let i = 0; i < mask.length; i += 1) if (image.data[i]! < limit && !image.filled?.[i]) mask[i] = 1
  return mask
}

/**
 * How much of the page's ink the words cover, and the regions of uncovered ink that look like
 * text (wide enough, tall enough, not as dense as a photo or a QR code).
 */
export function textCoverage(map: InkMap, words: readonly Box[]): Coverage {
  const {width, height} = map.image
  const mask = inkMask(map)
  const covered = new Uint8Array(width * height)
  // Words are padded by a third of their height: accents and the dots of leaders sit just outside the box.
  for (const word of words) {
    const pad = (word.y1 - word.y0) / 3
    const x0 = Math.max(0, Math.floor((word.x0 - pad) / map.scale))
    const x1 = Math.min(width, Math.ceil((word.x1 + pad) / map.scale))
    const y0 = Math.max(0, Math.floor((word.y0 - pad) / map.scale))
    const y1 = Math.min(height, Math.ceil((word.y1 + pad) / map.scale))
    for (let y = y0; y < y1; y += 1) covered.fill(1, y * width + x0, y * width + x1)
  }
  let ink = 0
  let inkCovered = 0
  const lost = new Uint8Array(width * height)
  for (let i = 0; i < mask.length; i += 1) {
    if (!mask[i]) continue
    ink += 1
    if (covered[i]) inkCovered += 1
    else lost[i] = 1
  }
  const regions = regionsOf(lost, width, height, map).filter((box) => {
    const w = box.x1 - box.x0
    const h = box.y1 - box.y0
    if (w < mmToMap(MIN_WIDTH_MM, map) || h < mmToMap(MIN_HEIGHT_MM, map)) return false
    let count = 0
    for (let y = box.y0; y < box.y1; y += 1) for (let x = box.x0; x < box.x1; x += 1) count += lost[y * width + x]!
    return count / (w * h) <= MAX_DENSITY && count >= w * 0.5
  })
  return {ink, covered: inkCovered, lost: regions.map((box) => toPage(box, map))}
}

/** The page's blocks of ink, separated by clear paper (page pixels): the sides of a card copy, a text block. */
export function inkBlocks(map: InkMap, gapMm = 4): Box[] {
  const {width, height} = map.image
  return regionsOf(inkMask(map), width, height, map, gapMm, gapMm * 2.5)
    .filter((box) => box.x1 - box.x0 >= mmToMap(15, map) && box.y1 - box.y0 >= mmToMap(5, map))
    .map((box) => toPage(box, map))
}

function toPage(box: Box, map: InkMap): Box {
  return {x0: box.x0 * map.scale, y0: box.y0 * map.scale, x1: box.x1 * map.scale, y1: box.y1 * map.scale}
}

/** Bands of rows holding ink (split at clear rows), each cut at wide clear columns; boxes in map pixels. */
function regionsOf(
  mask: Uint8Array,
  width: number,
  height: number,
  map: InkMap,
  rowGapMm = ROW_GAP_MM,
  columnGapMm = COLUMN_GAP_MM,
): Box[] {
  const rowGap = Math.max(1, Math.round(mmToMap(rowGapMm, map)))
  const columnGap = Math.max(1, Math.round(mmToMap(columnGapMm, map)))
  // A row counts when it has at least two ink pixels: single specks of grain do not join bands.
  const rowInk = new Uint32Array(height)
  for (let y = 0; y < height; y += 1) {
    let count = 0
    for (let x = 0; x < width; x += 1) count += mask[y * width + x]!
    rowInk[y] = count
  }
  const bands: Array<{y0: number; y1: number}> = []
  let start = -1
  let lastInk = -1
  for (let y = 0; y <= height; y += 1) {
    const inky = y < height && rowInk[y]! >= 2
    if (inky) {
      if (start < 0) start = y
      else if (y - lastInk > rowGap) {
        bands.push({y0: start, y1: lastInk + 1})
        start = y
      }
      lastInk = y
    }
  }
  if (start >= 0) bands.push({y0: start, y1: lastInk + 1})
  const boxes: Box[] = []
  for (const band of bands) {
    const columnInk = new Uint32Array(width)
    for (let y = band.y0; y < band.y1; y += 1) for (let x = 0; x < width; x += 1) columnInk[x]! += mask[y * width + x]!
    let x0 = -1
    let lastX = -1
    for (let x = 0; x <= width; x += 1) {
      const inky = x < width && columnInk[x]! > 0
      if (!inky) continue
      if (x0 < 0) x0 = x
      else if (x - lastX > columnGap) {
        boxes.push({x0, y0: band.y0, x1: lastX + 1, y1: band.y1})
        x0 = x
      }
      lastX = x
    }
    if (x0 >= 0) boxes.push({x0, y0: band.y0, x1: lastX + 1, y1: band.y1})
  }
  return boxes
}
