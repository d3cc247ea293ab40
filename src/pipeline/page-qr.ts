/**
 * The ID-card QR fallback, one for `sohoa id read` and the dossier analysis: a page image is
 * decoded once and read whole; when that finds no code and the page may hold a card, the same
 * pixels are cropped in memory to each corner (core/page/qr-parts) and read again.
 */
import {isIdCardPayload} from '../core/documents/classify.js'
import {cropPixels} from '../core/page/raster.js'
import {qrSearchParts} from '../core/page/qr-parts.js'
import {type ImageSource, type RawPixels, rgbaPixels} from '../tools/images.js'
import {decodeQrCodes} from '../tools/qr.js'

export interface PageQrOptions {
  /** Read the corners when the whole image has no code (a page that may hold an ID card); true by default. */
  inParts?: boolean
}

/** The QR texts on a page image: every code read whole, else the codes of the first corner holding an ID-card payload. */
export async function readPageQrCodes(source: ImageSource, options: PageQrOptions = {}): Promise<string[]> {
  const pixels = await rgbaPixels(source)
  const whole = await decodeQrCodes(pixels)
  if (whole.length > 0 || options.inParts === false) return whole
  return readQrInParts(pixels)
}

/** The codes of the first corner of decoded RGBA pixels that holds an ID-card payload; empty when none does. */
export async function readQrInParts(pixels: RawPixels): Promise<string[]> {
  for (const box of qrSearchParts(pixels.width, pixels.height)) {
    const found = await decodeQrCodes(cropPixels(pixels, box))
    if (found.some(isIdCardPayload)) return found
  }
  return []
}
