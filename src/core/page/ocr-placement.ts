/**
 * Moving OCR results from the image OCR read into the archival image's frame. Resampling a
 * page to straighten it softens the small tone marks Vietnamese depends on, and tesseract
 * copes with a few degrees of skew by itself; so a moderately skewed page is read as
 * scanned (only quarter-turned and cropped, which move pixels without resampling) and the
 * words found are turned into the straightened page's frame, where the text layer lies.
 */
import type {Box, OcrLine, OcrResult} from '../page.js'

/** Serialisable: OCR pixel → offset into the turned frame → turn about `centre` → minus `after`. */
export interface OcrPlacement {
  offset: {x: number; y: number}
  /** Degrees clockwise. */
  angle: number
  centre: {x: number; y: number}
  after: {x: number; y: number}
  /** The OCR image is this many times the page: a low-resolution scan read enlarged, large type read reduced; 1 when absent. */
  scale?: number
}

/** Only the enlargement undone. */
export function scaledPlacement(scale: number): OcrPlacement {
  return {offset: {x: 0, y: 0}, angle: 0, centre: {x: 0, y: 0}, after: {x: 0, y: 0}, scale}
}

export function placePoint(placement: OcrPlacement, x: number, y: number): {x: number; y: number} {
  const radians = (placement.angle * Math.PI) / 180
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const scale = placement.scale ?? 1
  const dx = x / scale + placement.offset.x - placement.centre.x
  const dy = y / scale + placement.offset.y - placement.centre.y
  return {
    x: placement.centre.x + dx * cos - dy * sin - placement.after.x,
    y: placement.centre.y + dx * sin + dy * cos - placement.after.y,
  }
}

/**
 * A box around a slanted word or line, turned level: same centre, the length along the
 * line kept, the height freed of the slant's share.
 */
export function placeBox(placement: OcrPlacement, box: Box): Box {
  const centre = placePoint(placement, (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
  const slant = Math.abs(Math.sin((placement.angle * Math.PI) / 180))
  const scale = placement.scale ?? 1
  const width = (box.x1 - box.x0) / scale
  const tall = (box.y1 - box.y0) / scale
  const height = Math.max(tall * 0.5, tall - width * slant)
  return {
    x0: Math.round(centre.x - width / 2),
    y0: Math.round(centre.y - height / 2),
    x1: Math.round(centre.x + width / 2),
    y1: Math.round(centre.y + height / 2),
  }
}

export function placeOcrResult(ocr: OcrResult, placement: OcrPlacement | undefined): OcrResult {
  if (!placement) return ocr
  const lines: OcrLine[] = ocr.lines.map((line) => {
    const bbox = placeBox(placement, line.bbox)
    const baselineY = line.baselineY === undefined ? undefined : Math.round(placePoint(placement, line.bbox.x0, line.baselineY).y)
    return {
      words: line.words.map((word) => ({...word, bbox: placeBox(placement, word.bbox)})),
      bbox,
      ...(baselineY === undefined ? {} : {baselineY}),
    }
  })
  return {...ocr, lines}
}
