/**
 * Preprocess: from an acquired page to the two images the rest of the pipeline needs: the
 * archival colour copy (kept as delivered wherever possible) and the grey image OCR reads,
 * both turned upright, straightened and freed of the scanner border by the same plan.
 *
 * The decisions come from a downscaled grey copy (page-analysis.ts, pure); the full-size
 * images are corrected here with sharp. A page needing no correction keeps its archival
 * bytes untouched (a plain JPEG stays byte for byte); one that does is archived as the
 * corrected raw pixels, losslessly.
 */
import type {ArchivalImage, Box, DroppedPage, OcrResult, PageCorrections, PageSource} from '../core/page.js'
import {
  archivalImage,
  type ArchivalTarget,
  downscaleGrey,
  encodeArchival,
  greyPixels,
  type ImageSource,
  isWashedOut,
  ocrImage,
  type OcrImage,
  type RawPixels,
  straighten,
  type StraightenPlan,
} from '../tools/images.js'
import type {Matrix} from '../tools/pdf.js'
import {type AcquiredPage, imageError} from './acquire.js'
import {type OcrPlacement, placeOcrResult, scaledPlacement} from '../core/page/ocr-placement.js'
import {analysePage, DEFAULT_ANALYSIS_OPTIONS, type PageAnalysis} from '../core/page/page-analysis.js'
import type {Rotation} from '../core/page/orientation.js'

export type ArchivalPage = {kind: 'image'; image: ArchivalImage} | {kind: 'pdf-page'; index: number; pixelToPdf: Matrix | undefined}

export interface PreparedPage {
  source: PageSource
  dpi: number
  dpiSource: 'file' | 'assumed' | 'pdf'
  /** Size after corrections. */
  width: number
  height: number
  archival: ArchivalPage
  /** The image to OCR; absent when the page's own text layer is kept or the page is blank. */
  ocr: OcrImage | undefined
  existingText: string | undefined
  corrections: PageCorrections
  /** Where the OCR image's pixels land in the archival image, when the two differ. */
  ocrPlacement?: OcrPlacement
  /** Resolution of the OCR image when it is not the scan's (a low-resolution scan enlarged, large type reduced). */
  ocrDpi?: number
}

export interface PreprocessOptions {
  forceOcr: boolean
  /** Turn pages upright (0/90/180/270). */
  rotate: boolean
  /** Straighten pages skewed by up to ±10°. */
  deskew: boolean
  /** Cut dark scanner borders. */
  cropBorders: boolean
  /** Read blank pages all the same (they are kept); otherwise they are not OCRed. */
  keepBlank: boolean
  /** See AnalysisOptions.forceRotation. */
  forceRotation?: Rotation
}

export const DEFAULT_PREPROCESS_OPTIONS: Omit<PreprocessOptions, 'forceOcr'> = {
  rotate: true,
  deskew: true,
  cropBorders: true,
  keepBlank: false,
}

/** The analysis runs at about this resolution: enough for 0.1° and small diacritics. */
const ANALYSIS_DPI = 150

/**
 * Up to this skew (degrees) OCR reads the page unresampled and its words are placed into the
 * straightened frame; beyond it tesseract's line finding suffers more than the resampling
 * costs, so it reads the straightened page. Measured with bench/preprocess.ts and the real
 * pages (bench/real-pages-cer.ts).
 */
export const OCR_RESAMPLE_SKEW = Number(process.env.SOHOA_OCR_RESAMPLE_SKEW ?? 2.5)

const UNTOUCHED: PageCorrections = {
  rotation: 0,
  skew: 0,
  crop: null,
  orientationConfidence: null,
  orientationUncertain: false,
  blank: false,
}

/** Scans below this resolution are read enlarged (0: never; for measuring)… */
const LOW_DPI = Number(process.env.SOHOA_OCR_LOW_DPI ?? 200)
/** …to about this one. */
const OCR_DPI = 300
/**
 * Type whose x-height is larger than this (pixels) is read reduced to it (0: never; for
 * measuring). On the real pages (Times 13 pt at 300 dpi, x-height 26–28 px) tesseract reads a
 * reduced copy better as well as faster: CER 0.86% at full size, 0.27–0.35% from 0.4 to 0.7
 * times. The generated forms of bench:accuracy read about as well down to 18 px (CER 1.57% and
 * 1.61% on seeds 1 and 2, against 1.58% and 1.53% at full size, every field read) and lose
 * fields below it; the page's smallest type decides (text-lines.ts), so small print never is.
 */
const OCR_X_HEIGHT = Number(process.env.SOHOA_OCR_X_HEIGHT ?? 18)
/** Never read a page at less than half its size. */
const MIN_OCR_SCALE = 0.5

/**
 * How many times the OCR image is the scan: enlarged from a low-resolution scan (a 144 ppi
 * bitonal scan reads far better at 300 dpi), reduced where even the page's smallest type is
 * large (`xHeight`, in the scan's pixels), never where some of it is small.
 */
export function ocrScale(dpi: number, xHeight: number | null = null): number {
  if (dpi < LOW_DPI) return Math.min(3, OCR_DPI / dpi)
  if (OCR_X_HEIGHT > 0 && xHeight !== null && xHeight > OCR_X_HEIGHT) return Math.max(MIN_OCR_SCALE, OCR_X_HEIGHT / xHeight)
  return 1
}

/** The page as OCR reads it: `scale` times the scan (ocrScale), its words placed back on the scan. */
function readAt(prepared: PreparedPage, scale: number): PreparedPage {
  if (scale === 1 || !prepared.ocr) return prepared
  const ocrPlacement = prepared.ocrPlacement ? {...prepared.ocrPlacement, scale} : scaledPlacement(scale)
  return {...prepared, ocrDpi: Math.round(prepared.dpi * scale), ocrPlacement}
}

export async function preparePage(page: AcquiredPage, given: Pick<PreprocessOptions, 'forceOcr'> & Partial<PreprocessOptions>): Promise<PreparedPage> {
  const options: PreprocessOptions = {...DEFAULT_PREPROCESS_OPTIONS, ...given}
  const base = {source: page.source, dpi: page.dpi, dpiSource: page.dpiSource}
  if (page.kind === 'image') {
    try {
      const grey = await greyPixels(page.image)
      const {plan, corrections, ocrScale: scale} = await planCorrections(grey, page.dpi, options)
      if (!plan) {
        const unread = corrections.blank && !options.keepBlank
        const ocr = unread ? undefined : await ocrImage({raw: grey}, page.dpi, undefined, scale)
        const image = await archivalImage(page.image, page.keepJpegBytes)
        return readAt({...base, width: grey.width, height: grey.height, archival: {kind: 'image', image}, ocr, existingText: undefined, corrections}, scale)
      }
      const archivalSource = await archivalImage(page.image, false)
      const colour = rawOf(archivalSource)
      const target = isJpeg(page.image) ? {depth: colour.channels === 1 ? 'grey' : 'colour', jpeg: true} as const : undefined
      const fixed = await corrected(grey, colour, {plan, scale}, page.dpi, corrections, options, target)
      return readAt({...base, ...fixed, existingText: undefined}, scale)
    } catch (error) {
      throw imageError(page.path, error)
    }
  }
  if (page.existingText !== '' && !options.forceOcr) {
    return {
      ...base,
      width: page.width,
      height: page.height,
      archival: {kind: 'pdf-page', index: page.pdfIndex, pixelToPdf: undefined},
      ocr: undefined,
      existingText: page.existingText,
      corrections: UNTOUCHED,
    }
  }
  if (page.scan) {
    try {
      return await prepareScan(page, page.scan, options)
    } catch {
      // A stream the decoder refuses is left to the renderer, which may still make sense of it.
    }
  }
  const rendered = await page.render(page.dpi)
  const raw: RawPixels = {data: rendered.data, width: rendered.width, height: rendered.height, channels: 4}
  const grey = await greyPixels({raw})
  const {plan, corrections, ocrScale: scale} = await planCorrections(grey, page.dpi, options)
  if (!plan) {
    const ocr = corrections.blank && !options.keepBlank ? undefined : await ocrImage({raw: grey}, page.dpi, undefined, scale)
    const archival = {kind: 'pdf-page', index: page.pdfIndex, pixelToPdf: rendered.pixelToPdf} as const
    return readAt({...base, width: rendered.width, height: rendered.height, archival, ocr, existingText: undefined, corrections}, scale)
  }
  // A PDF page cannot be straightened in place: the corrected rendering replaces it.
  return readAt({...base, ...(await corrected(grey, raw, {plan, scale}, page.dpi, corrections, options)), existingText: undefined}, scale)
}

/**
 * A scanned PDF page read from its image's own stream at the image's resolution: left as it
 * is in the PDF when it needs no correction, else archived corrected in the scan's own depth.
 */
async function prepareScan(
  page: Extract<AcquiredPage, {kind: 'pdf'}>,
  scan: NonNullable<Extract<AcquiredPage, {kind: 'pdf'}>['scan']>,
  options: PreprocessOptions,
): Promise<PreparedPage> {
  const base = {source: page.source, dpi: page.dpi, dpiSource: page.dpiSource}
  const source = await scan.image.pixels()
  const grey = await greyPixels(source)
  const {plan, corrections, ocrScale: scale} = await planCorrections(grey, page.dpi, options)
  if (!plan) {
    const ocr = corrections.blank && !options.keepBlank ? undefined : await ocrImage({raw: grey}, page.dpi, undefined, scale)
    const archival = {kind: 'pdf-page', index: page.pdfIndex, pixelToPdf: scan.pixelToPdf} as const
    return readAt({...base, width: grey.width, height: grey.height, archival, ocr, existingText: undefined, corrections}, scale)
  }
  const colour = scan.image.depth === 'colour' ? rawOf(await archivalImage(source, false)) : grey
  const target: ArchivalTarget = {depth: scan.image.depth, jpeg: scan.image.encoding === 'jpeg'}
  const fixed = await corrected(grey, colour, {plan, scale}, page.dpi, corrections, options, target)
  return readAt({...base, ...fixed, existingText: undefined}, scale)
}

function isJpeg(source: ImageSource): boolean {
  return 'bytes' in source && source.bytes[0] === 0xff && source.bytes[1] === 0xd8
}

async function corrected(
  grey: RawPixels,
  colour: RawPixels,
  {plan, scale}: {plan: StraightenPlan; scale: number},
  dpi: number,
  corrections: PageCorrections,
  options: PreprocessOptions,
  target?: ArchivalTarget,
): Promise<Pick<PreparedPage, 'width' | 'height' | 'archival' | 'ocr' | 'corrections'>> {
  // Straightened grey is needed only to OCR it or to archive a grey page.
  let straightGrey: Promise<RawPixels> | undefined
  const straightenedGrey = (): Promise<RawPixels> => (straightGrey ??= straighten(grey, plan))
  const washedOut = isWashedOut(grey.data)
  let ocr: OcrImage | undefined
  let ocrPlacement: OcrPlacement | undefined
  if (corrections.blank && !options.keepBlank) {
    ocr = undefined
  } else if (plan.angle % 90 === 0 || Math.abs(corrections.skew) > OCR_RESAMPLE_SKEW) {
    ocr = await ocrImage({raw: await straightenedGrey()}, dpi, washedOut, scale)
  } else {
    const crop = plan.crop ? unslantedBox(plan.crop, plan.frame, corrections.skew) : null
    const quarter = {angle: corrections.rotation, frame: plan.frame, crop}
    ocr = await ocrImage({raw: await straighten(grey, quarter)}, dpi, washedOut, scale)
    const box = quarter.crop ?? {x0: 0, y0: 0}
    ocrPlacement = {
      offset: {x: box.x0, y: box.y0},
      angle: -corrections.skew,
      centre: {x: plan.frame.width / 2, y: plan.frame.height / 2},
      after: {x: plan.crop?.x0 ?? 0, y: plan.crop?.y0 ?? 0},
    }
  }
  const straightColour = colour.channels === 1 ? await straightenedGrey() : await straighten(colour, plan)
  const image: ArchivalImage = target
    ? await encodeArchival(straightColour, target)
    : {
        kind: 'raw',
        data: straightColour.data,
        width: straightColour.width,
        height: straightColour.height,
        channels: straightColour.channels === 1 ? 1 : 3,
      }
  return {width: image.width, height: image.height, archival: {kind: 'image', image}, ocr, corrections, ...(ocrPlacement ? {ocrPlacement} : {})}
}

/** The box, in the frame before straightening by −skew, that holds the straightened crop. */
function unslantedBox(box: Box, frame: {width: number; height: number}, skew: number): Box {
  const radians = (skew * Math.PI) / 180
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const cx = frame.width / 2
  const cy = frame.height / 2
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ].map(([x, y]) => ({x: cx + (x! - cx) * cos - (y! - cy) * sin, y: cy + (x! - cx) * sin + (y! - cy) * cos}))
  return {
    x0: Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x)))),
    y0: Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y)))),
    x1: Math.min(frame.width, Math.ceil(Math.max(...corners.map((c) => c.x)))),
    y1: Math.min(frame.height, Math.ceil(Math.max(...corners.map((c) => c.y)))),
  }
}

/** The OCR result in the archival image's pixel frame (the frame the PDF text layer uses). */
export function placeOcr(prepared: PreparedPage, ocr: OcrResult): OcrResult {
  return placeOcrResult(ocr, prepared.ocrPlacement)
}

function rawOf(image: ArchivalImage): RawPixels {
  if (image.kind !== 'raw') throw new Error('expected decoded pixels')
  return {data: image.data, width: image.width, height: image.height, channels: image.channels}
}

/**
 * Analyses a downscaled copy and scales its decisions up to the full image. `plan` is
 * undefined when the page needs no change at all.
 */
export async function planCorrections(
  grey: RawPixels,
  dpi: number,
  options: Omit<PreprocessOptions, 'forceOcr'>,
): Promise<{plan: StraightenPlan | undefined; corrections: PageCorrections; analysis: PageAnalysis; ocrScale: number}> {
  const scale = Math.min(1, ANALYSIS_DPI / dpi)
  const small = await downscaleGrey(grey, Math.max(1, Math.round(grey.width * scale)))
  const workDpi = dpi * (small.width / grey.width)
  const analysis = analysePage(small, workDpi, {
    ...DEFAULT_ANALYSIS_OPTIONS,
    rotate: options.rotate,
    deskew: options.deskew,
    cropBorders: options.cropBorders,
    forceRotation: options.forceRotation,
  })
  const quarter = analysis.rotation % 180 !== 0
  const frame = {width: quarter ? grey.height : grey.width, height: quarter ? grey.width : grey.height}
  const crop = analysis.crop ? scaleBox(analysis.crop, frame.width / analysis.width, frame.height / analysis.height, frame) : null
  const corrections: PageCorrections = {
    rotation: analysis.rotation,
    skew: analysis.skew,
    crop,
    orientationConfidence: analysis.orientation ? analysis.orientation.confidence : null,
    orientationUncertain: analysis.orientationUncertain,
    blank: analysis.blank?.blank ?? false,
  }
  const angle = analysis.rotation - analysis.skew
  const plan = angle === 0 && !crop ? undefined : {angle, frame, crop}
  const xHeight = analysis.xHeight === null ? null : analysis.xHeight * (grey.width / small.width)
  return {plan, corrections, analysis, ocrScale: ocrScale(dpi, xHeight)}
}

function scaleBox(
  box: {x0: number; y0: number; x1: number; y1: number},
  sx: number,
  sy: number,
  frame: {width: number; height: number},
): {x0: number; y0: number; x1: number; y1: number} {
  return {
    x0: Math.max(0, Math.round(box.x0 * sx)),
    y0: Math.max(0, Math.round(box.y0 * sy)),
    x1: Math.min(frame.width, Math.round(box.x1 * sx)),
    y1: Math.min(frame.height, Math.round(box.y1 * sy)),
  }
}

/**
 * Which pages stay in their document: blank pages are dropped and listed, unless asked to
 * keep them; whatever the file layout, so a file whose every page is blank (the back of a
 * duplex scan saved one page a file) keeps none.
 */
export function partitionBlankPages<T extends {result: {source: PageSource; blank: boolean}}>(
  pages: readonly T[],
  keepBlank: boolean,
): {kept: T[]; dropped: DroppedPage[]} {
  if (keepBlank) return {kept: [...pages], dropped: []}
  return {
    kept: pages.filter((page) => !page.result.blank),
    dropped: pages.filter((page) => page.result.blank).map((page) => ({source: page.result.source, reason: 'blank'}) as const),
  }
}

export type {ImageSource}
