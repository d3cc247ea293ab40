/**
 * Everything preprocessing decides about a page, from a downscaled grey copy: which way is
 * up, how far the lines are skewed, where the scanner border is, and whether the page is
 * blank. Pure: pixels in, decisions out; preprocess.ts applies them to the full image.
 */
import type {Box} from '../page.js'
import {type BlankVerdict, detectBlank} from './blank-page.js'
import {detectBorders} from './borders.js'
import type {InkPoints} from './deskew.js'
import {detectOrientation, type OrientationEstimate, type Rotation} from './orientation.js'
import {type Component, connectedComponents, cropPixels, type GreyImage, inkThreshold, rotateGrey} from './raster.js'

export interface AnalysisOptions {
  rotate: boolean
  deskew: boolean
  cropBorders: boolean
  detectBlank: boolean
  /** Below this orientation confidence (0–1) the page is left as it is and flagged. */
  orientationThreshold: number
  /** Skews beyond this are not corrected (degrees). */
  maxSkew: number
  /**
   * Turn the page by this much whatever the layout says: the second reading of a page whose
   * orientation was uncertain (recognise.ts tries it upside down and keeps the better OCR).
   */
  forceRotation?: Rotation
  /**
   * Skews below this count as straight (degrees): turning a page by less costs a resample of
   * the archive (a JPEG would no longer be kept byte for byte) for no gain to a reader or OCR.
   */
  minSkew: number
}

export const DEFAULT_ANALYSIS_OPTIONS: AnalysisOptions = {
  rotate: true,
  deskew: true,
  cropBorders: true,
  detectBlank: true,
  orientationThreshold: 0.5,
  maxSkew: 10,
  minSkew: 0.2,
}

export interface PageAnalysis {
  /** Degrees clockwise applied to make the page upright. */
  rotation: Rotation
  /** The orientation found and how sure; null when rotation was not looked at. */
  orientation: {rotation: Rotation; confidence: number; evidence: OrientationEstimate['evidence']} | null
  orientationUncertain: boolean
  /** Skew of the lines, degrees clockwise, after `rotation`; the page is turned back by it. */
  skew: number
  /** Box kept, in pixels of the analysed image after rotation and deskew; null for none. */
  crop: Box | null
  blank: BlankVerdict | null
  /** Size of the analysed image after rotation and deskew, before the crop. */
  width: number
  height: number
  /** x-height of the page's smaller type, in analysed pixels (text-lines.ts); null when unknown. */
  xHeight: number | null
}

/** Ink of letter-sized marks: what lines of text are made of, without borders, holes or rules. */
export function textInk(image: GreyImage, dpi: number, threshold: number): InkPoints {
  const pxPerMm = dpi / 25.4
  const {list, labels} = connectedComponents(image, threshold)
  const keep = new Uint8Array(list.length + 1)
  let count = 0
  list.forEach((c, index) => {
    if (isTextLike(c, pxPerMm)) {
      keep[index + 1] = 1
      count += c.area
    }
  })
  // Cap the work: a dense page needs no more than ~150k points to find its lines.
  const step = Math.max(1, Math.ceil(count / 150_000))
  const xs = new Float32Array(Math.ceil(count / step))
  const ys = new Float32Array(xs.length)
  let n = 0
  let seen = 0
  for (let p = 0; p < labels.length; p += 1) {
    if (keep[labels[p]!] !== 1) continue
    if (seen++ % step !== 0 || n >= xs.length) continue
    xs[n] = p % image.width
    ys[n] = Math.floor(p / image.width)
    n += 1
  }
  return {xs: xs.subarray(0, n), ys: ys.subarray(0, n), width: image.width, height: image.height}
}

function isTextLike(c: Component, pxPerMm: number): boolean {
  if (c.touchesEdge || c.area < 2) return false
  const w = (c.x1 - c.x0 + 1) / pxPerMm
  const h = (c.y1 - c.y0 + 1) / pxPerMm
  if (Math.max(w, h) > 15) return false
  const fill = c.area / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1))
  // Solid discs and blocks of several millimetres are holes or stamps' pads, not letters.
  return !(fill > 0.65 && Math.min(w, h) > 3)
}

export function analysePage(image: GreyImage, dpi: number, options: AnalysisOptions = DEFAULT_ANALYSIS_OPTIONS): PageAnalysis {
  const {paper, threshold} = inkThreshold(image)
  const ink = textInk(image, dpi, threshold)
  let rotation: Rotation = 0
  let orientation: PageAnalysis['orientation'] = null
  let uncertain = false
  let skew = 0
  let xHeight: number | null = null
  if (ink.xs.length > 0 && (options.rotate || options.deskew)) {
    const found = detectOrientation(ink, {maxAngle: options.maxSkew, coarseStep: 0.2, fineStep: 0.02})
    skew = found.skew
    xHeight = found.xHeight
    if (options.rotate) {
      orientation = {rotation: found.rotation, confidence: found.confidence, evidence: found.evidence}
      uncertain = found.confidence < options.orientationThreshold
      if (!uncertain) rotation = found.rotation
    }
  }
  if (options.rotate && options.forceRotation !== undefined) rotation = options.forceRotation
  if (!options.deskew || Math.abs(skew) < options.minSkew) skew = 0
  const turned = rotation !== 0 || skew !== 0 ? rotateGrey(image, rotation - skew, 255) : image
  const crop = options.cropBorders ? detectBorders(turned, paper) : null
  const kept = crop ? cropGrey(turned, crop) : turned
  const blank = options.detectBlank ? detectBlank(kept, dpi) : null
  if (options.rotate && !orientation) {
    // No text to tell up from down (a photo, a signature alone): say so, unless blank.
    orientation = {rotation: 0, confidence: 0, evidence: {alongScore: 0, acrossScore: 0, asymmetry: 0, lines: 0}}
    uncertain = !(blank?.blank ?? false)
  }
  return {rotation, orientation, orientationUncertain: uncertain, skew, crop, blank, width: turned.width, height: turned.height, xHeight}
}

export function cropGrey(image: GreyImage, box: Box): GreyImage {
  const {data, width, height} = cropPixels({data: image.data, width: image.width, height: image.height, channels: 1}, box)
  return {data, width, height}
}
