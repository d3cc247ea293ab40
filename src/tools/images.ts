/**
 * Image decoding and conversion with sharp. Errors from libvips are turned into
 * ImageReadError with libvips' own words as the detail; callers add the file name.
 */
import sharp, {type Sharp} from 'sharp'

import type {ArchivalImage} from '../core/page.js'
import {encodeG4Tiff} from './ccitt.js'

export class ImageReadError extends Error {
  constructor(detail: string) {
    super(detail)
    this.name = 'ImageReadError'
  }
}

export interface ImageFacts {
  format: string
  pages: number
  width: number
  height: number
  /** Pixels per inch stored in the file, if it says. */
  density: number | undefined
  /** EXIF orientation 1–8, if present. */
  orientation: number | undefined
  /** Colour channels without alpha. */
  channels: number
}

/** Raw pixels already in memory (e.g. a rendered PDF page). */
export interface RawPixels {
  data: Uint8Array
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

export type ImageSource = {bytes: Uint8Array; page: number} | {raw: RawPixels}

/** Largest image decoded, in pixels (libvips' limitInputPixels); larger is refused on its header. */
export const IMAGE_PIXEL_LIMIT = 1_000_000_000

// Truncated or damaged files must fail loudly rather than yield a half-grey page.
const FAIL_ON = 'truncated' as const

function open(source: ImageSource): Sharp {
  if ('raw' in source) {
    const {data, width, height, channels} = source.raw
    return sharp(data, {raw: {width, height, channels}})
  }
  return sharp(source.bytes, {page: source.page, failOn: FAIL_ON, limitInputPixels: IMAGE_PIXEL_LIMIT})
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw new ImageReadError(error instanceof Error ? error.message.split('\n')[0]! : String(error))
  }
}

export async function imageFacts(bytes: Uint8Array, page = 0): Promise<ImageFacts> {
  return guard(async () => {
    // The header only: a decompression bomb must be measured, not refused as unreadable.
    const meta = await sharp(bytes, {page, failOn: FAIL_ON, limitInputPixels: false}).metadata()
    if (!meta.width || !meta.height || !meta.format) throw new Error('no image dimensions')
    const density = meta.density && meta.density > 1 ? meta.density : undefined
    return {
      format: meta.format,
      pages: meta.pages ?? 1,
      width: meta.width,
      height: meta.height,
      density,
      orientation: meta.orientation,
      channels: (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0),
    }
  })
}

/** Decodes one page strictly (no auto-orientation, which lets libtiff's errors pass) and fails if it cannot. */
export async function checkImageDecodes(bytes: Uint8Array, page: number): Promise<void> {
  await guard(async () => sharp(bytes, {page, failOn: 'error', limitInputPixels: IMAGE_PIXEL_LIMIT}).raw().toBuffer())
}

/**
 * The colour image for the archive: a plain JPEG is kept byte for byte; anything else
 * (EXIF-rotated, TIFF, PNG with alpha, rendered pages) is decoded upright to 8-bit grey or
 * RGB pixels, losslessly.
 */
export async function archivalImage(source: ImageSource, keepJpegBytes: boolean): Promise<ArchivalImage> {
  return guard(async () => {
    if (keepJpegBytes && 'bytes' in source) {
      const meta = await sharp(source.bytes).metadata()
      return {kind: 'jpeg', bytes: source.bytes, width: meta.width!, height: meta.height!}
    }
    const image = open(source).rotate().flatten({background: '#ffffff'})
    const grey = await isGrey(source)
    const {data, info} = await (grey ? image.toColourspace('b-w') : image.toColourspace('srgb'))
      .raw({depth: 'uchar'})
      .toBuffer({resolveWithObject: true})
    return {kind: 'raw', data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3}
  })
}

async function isGrey(source: ImageSource): Promise<boolean> {
  if ('raw' in source) return source.raw.channels <= 2
  const meta = await sharp(source.bytes, {page: source.page}).metadata()
  return (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0) === 1
}

/** How a corrected page is archived: in its source's colour depth, and as JPEG again when it came as JPEG. */
export interface ArchivalTarget {
  depth: 'bitonal' | 'grey' | 'colour'
  jpeg: boolean
}

/** JPEG quality of a re-encoded JPEG scan (scanners deliver 75–90). */
const REENCODE_QUALITY = 85

/**
 * A corrected page's pixels encoded like its source: bitonal as CCITT Group 4 (lossless for a
 * bitonal page; 8-bit grey when libtiff-tools is missing), a JPEG scan as JPEG, others raw.
 */
export async function encodeArchival(pixels: RawPixels, target: ArchivalTarget): Promise<ArchivalImage> {
  const {width, height} = pixels
  if (target.depth === 'bitonal' && pixels.channels === 1) {
    const tiff = await encodeG4Tiff(pixels.data, width, height)
    if (tiff) return {kind: 'ccitt', bytes: tiff, width, height}
  }
  if (target.jpeg) {
    const bytes = await guard(async () => {
      let image = open({raw: pixels})
      image = target.depth === 'colour' && pixels.channels >= 3 ? image.toColourspace('srgb') : image.toColourspace('b-w')
      return image.jpeg({quality: REENCODE_QUALITY}).toBuffer()
    })
    return {kind: 'jpeg', bytes, width, height}
  }
  return {kind: 'raw', data: pixels.data, width, height, channels: pixels.channels === 1 ? 1 : 3}
}

export interface OcrImage {
  png: Buffer
  width: number
  height: number
  /** The pixels the PNG holds, so that later steps (re-reading, reread.ts) need not decode it again. */
  grey: RawPixels
}

/**
 * The grey image OCR reads. A washed-out page (faint photocopy) is despeckled and stretched
 * first: a median filter removes grain, which otherwise wrecks tesseract's page layout analysis.
 */
export async function ocrImage(source: ImageSource, dpi: number, washedOut?: boolean, scale = 1): Promise<OcrImage> {
  return guard(async () => {
    const given = 'raw' in source && source.raw.channels === 1 ? source.raw : undefined
    let grey: RawPixels = given ?? (await greyPixels(source))
    // A straightened page's white corners would hide how washed out the paper is: the caller
    // then says, from the page before straightening.
    if (washedOut ?? isWashedOut(grey.data)) grey = await rawGrey(sharp(grey.data, {raw: rawOf(grey)}).median(3).normalise())
    // Read at `scale` (cubic): a low-resolution scan enlarged, large type reduced (preprocess.ts ocrScale).
    if (scale !== 1) grey = await rawGrey(sharp(grey.data, {raw: rawOf(grey)}).resize({width: Math.round(grey.width * scale), kernel: 'cubic'}))
    // A grey PNG: withMetadata would widen it to sRGB, three times the bytes to encode and for OCR to decode.
    const png = await sharp(grey.data, {raw: rawOf(grey)})
      .withDensity(Math.round(dpi * scale))
      .toColourspace('b-w')
      .png({compressionLevel: 1})
      .toBuffer()
    return {png, width: grey.width, height: grey.height, grey}
  })
}

const rawOf = (grey: RawPixels) => ({width: grey.width, height: grey.height, channels: 1 as const})

/** The grey pixels a sharp pipeline ends in. */
async function rawGrey(image: Sharp): Promise<RawPixels> {
  const {data, info} = await image.toColourspace('b-w').raw().toBuffer({resolveWithObject: true})
  return {data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 1}
}

/** True when the darkest ink is far from black: the spread between ink and paper is small. */
export function isWashedOut(grey: Uint8Array): boolean {
  const histogram = new Uint32Array(256)
  const step = Math.max(1, Math.floor(grey.length / 500_000))
  let counted = 0
  for (let i = 0; i < grey.length; i += step) {
    histogram[grey[i]!]! += 1
    counted += 1
  }
  const percentile = (p: number): number => {
    let sum = 0
    for (let v = 0; v < 256; v += 1) {
      sum += histogram[v]!
      if (sum >= counted * p) return v
    }
    return 255
  }
  return percentile(0.995) - percentile(0.002) < 110
}

/** Full-resolution 8-bit grey pixels, upright per EXIF, alpha flattened onto white. */
export async function greyPixels(source: ImageSource): Promise<RawPixels> {
  return guard(async () => {
    return rawGrey(open(source).rotate().flatten({background: '#ffffff'}))
  })
}

/** A smaller grey copy, `width` pixels wide (area-averaged, which also quietens grain). */
export async function downscaleGrey(grey: RawPixels, width: number): Promise<RawPixels> {
  return guard(async () => {
    if (width >= grey.width) return grey
    return rawGrey(sharp(grey.data, {raw: rawOf(grey)}).resize({width, kernel: 'linear', fastShrinkOnLoad: false}))
  })
}

/** How to straighten a page: turn, keep the original frame about the centre, then crop. */
export interface StraightenPlan {
  /** Degrees clockwise about the centre. */
  angle: number
  /** The frame kept around the centre after turning (the quarter-turned original size). */
  frame: {width: number; height: number}
  /** Box kept inside `frame`; the whole frame when null. */
  crop: {x0: number; y0: number; x1: number; y1: number} | null
}

/** Turns and crops raw pixels losslessly apart from the interpolation; new area is white. */
export async function straighten(raw: RawPixels, plan: StraightenPlan): Promise<RawPixels> {
  return guard(async () => {
    const channels = raw.channels === 1 || raw.channels === 2 ? 1 : 3
    let image = sharp(raw.data, {raw: {width: raw.width, height: raw.height, channels: raw.channels}}).flatten({background: '#ffffff'})
    image = channels === 1 ? image.toColourspace('b-w') : image.toColourspace('srgb')
    if (plan.angle !== 0) image = image.rotate(plan.angle, {background: '#ffffff'})
    const turned = await image.raw().toBuffer({resolveWithObject: true})
    const box = plan.crop ?? {x0: 0, y0: 0, x1: plan.frame.width, y1: plan.frame.height}
    const left = Math.round((turned.info.width - plan.frame.width) / 2) + box.x0
    const top = Math.round((turned.info.height - plan.frame.height) / 2) + box.y0
    const x0 = Math.max(0, Math.min(turned.info.width - 1, left))
    const y0 = Math.max(0, Math.min(turned.info.height - 1, top))
    const width = Math.max(1, Math.min(turned.info.width - x0, box.x1 - box.x0))
    const height = Math.max(1, Math.min(turned.info.height - y0, box.y1 - box.y0))
    let out = sharp(turned.data, {raw: {width: turned.info.width, height: turned.info.height, channels: turned.info.channels}})
      .extract({left: x0, top: y0, width, height})
    if (turned.info.channels !== channels) out = out.removeAlpha()
    if (channels === 1) out = out.toColourspace('b-w')
    const {data, info} = await out.raw().toBuffer({resolveWithObject: true})
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.length)
    return {data: pixels, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3}
  })
}

/**
 * RGBA pixels of an image, or of a box of it, at the image's own resolution and upright per
 * EXIF, for barcode readers (zxing reads RGBA pixmaps).
 */
export async function rgbaPixels(source: ImageSource, region?: {x0: number; y0: number; x1: number; y1: number}): Promise<RawPixels> {
  return guard(async () => {
    const upright = await open(source).rotate().flatten({background: '#ffffff'}).toColourspace('srgb').raw().toBuffer({resolveWithObject: true})
    const {width: fullWidth, height: fullHeight, channels} = upright.info
    let image = sharp(upright.data, {raw: {width: fullWidth, height: fullHeight, channels}})
    if (region) {
      const x0 = Math.max(0, Math.min(fullWidth - 1, Math.round(region.x0)))
      const y0 = Math.max(0, Math.min(fullHeight - 1, Math.round(region.y0)))
      const width = Math.max(1, Math.min(fullWidth - x0, Math.round(region.x1 - region.x0)))
      const height = Math.max(1, Math.min(fullHeight - y0, Math.round(region.y1 - region.y0)))
      image = image.extract({left: x0, top: y0, width, height})
    }
    const {data, info} = await image.ensureAlpha().raw().toBuffer({resolveWithObject: true})
    return {data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 4}
  })
}

let srgbProfile: Promise<Buffer> | undefined
/** libvips' built-in sRGB ICC profile, for a PDF/A output intent (no file to ship or fetch). */
export function srgbIccProfile(): Promise<Buffer> {
  srgbProfile ??= (async () => {
    const png = await sharp({create: {width: 1, height: 1, channels: 3, background: '#ffffff'}}).withIccProfile('srgb').png().toBuffer()
    const {icc} = await sharp(png).metadata()
    if (!icc) throw new Error('libvips returned no sRGB profile')
    return icc
  })()
  return srgbProfile
}

/**
 * A box of a grey page enlarged `scale` times and cut to black and white at `threshold`
 * (levels at or above it turn white), as a PNG for OCR: small type reads better larger, and a
 * crop of a noisy page better without its grain.
 */
export async function binarisedCrop(
  grey: RawPixels,
  box: {x0: number; y0: number; x1: number; y1: number},
  scale: number,
  threshold: number,
  dpi: number,
  /** White pixels added on every side (a word cut close reads better with a margin). */
  border = 0,
): Promise<Buffer> {
  return guard(async () => {
    const left = Math.max(0, Math.min(grey.width - 1, Math.round(box.x0)))
    const top = Math.max(0, Math.min(grey.height - 1, Math.round(box.y0)))
    const width = Math.max(1, Math.min(grey.width - left, Math.round(box.x1 - box.x0)))
    const height = Math.max(1, Math.min(grey.height - top, Math.round(box.y1 - box.y0)))
    const raw = {width: grey.width, height: grey.height, channels: grey.channels}
    let image = sharp(grey.data, {raw}).extract({left, top, width, height})
    if (scale !== 1) {
      const cut = await image.raw().toBuffer()
      image = sharp(cut, {raw: {width, height, channels: grey.channels}}).resize({width: Math.round(width * scale), kernel: 'cubic'})
    }
    return image
      .toColourspace('b-w')
      .threshold(threshold, {greyscale: true})
      .extend({top: border, bottom: border, left: border, right: border, background: '#ffffff'})
      .withMetadata({density: Math.round(dpi * scale)})
      .png({compressionLevel: 1})
      .toBuffer()
  })
}

/** The PNG as it is when it already states `dpi`; else re-encoded (losslessly) to say so. */
export async function pngWithDensity(bytes: Uint8Array, dpi: number): Promise<Uint8Array> {
  const facts = await imageFacts(bytes)
  if (facts.format === 'png' && facts.density !== undefined && Math.round(facts.density) === dpi) return bytes
  return guard(async () => sharp(bytes, {failOn: FAIL_ON}).withMetadata({density: dpi}).png().toBuffer())
}

/** A small JPEG of the image (longest side `size` pixels), for a review sheet's thumbnails. */
export async function jpegThumbnail(source: ImageSource, size: number): Promise<Uint8Array> {
  return guard(async () =>
    open(source)
      .rotate()
      .flatten({background: '#ffffff'})
      .resize({width: size, height: size, fit: 'inside', withoutEnlargement: true})
      .jpeg({quality: 60, mozjpeg: true})
      .toBuffer(),
  )
}
