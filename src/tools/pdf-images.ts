/**
 * The scanned image inside a PDF page, read from its own stream with pdf-lib: what it is
 * (CCITT fax, JPEG, Flate), its colour depth, and its pixels, decoded once and directly (a
 * JPEG by sharp, a CCITT stream by sharp through libtiff, Flate by Node's zlib) instead of
 * rendering the whole page through pdfjs and a canvas at full colour. Anything this does not
 * know how to decode exactly (JBIG2, predictors, filter chains, colour spaces other than
 * DeviceGray/RGB, /Decode arrays on colour) is left to the renderer.
 */
import {inflateSync} from 'node:zlib'

import {PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFDocument} from 'pdf-lib'

import {type CcittParams, decodeCcitt, tiffCanDecode} from './ccitt.js'
import type {ImageSource} from './images.js'

/** How the scan is stored: kept as it is when the page needs no correction, matched when it does. */
export type ScanDepth = 'bitonal' | 'grey' | 'colour'

export interface EmbeddedScan {
  width: number
  height: number
  depth: ScanDepth
  /** The stream's own compression: `jpeg` scans are re-encoded as JPEG, the others losslessly. */
  encoding: 'ccitt' | 'jpeg' | 'flate'
  /** Decodes the pixels (grey for bitonal and grey scans). */
  pixels(): Promise<ImageSource>
}

/**
 * The image XObject of `width` × `height` pixels the page (or a form it draws) holds, when
 * there is exactly one such image and it can be decoded here; otherwise undefined.
 */
export function embeddedScan(doc: PDFDocument, pageIndex: number, width: number, height: number): EmbeddedScan | undefined {
  const page = doc.getPage(pageIndex)
  const found = new Map<string, PDFRawStream>()
  collectImages(doc, page.node.Resources(), width, height, found, 0)
  if (found.size !== 1) return undefined
  const [stream] = found.values()
  return describe(stream!, width, height)
}

function collectImages(
  doc: PDFDocument,
  resources: PDFDict | undefined,
  width: number,
  height: number,
  found: Map<string, PDFRawStream>,
  depth: number,
): void {
  if (!resources || depth > 8) return
  const xobjects = resources.lookup(PDFName.of('XObject'))
  if (!(xobjects instanceof PDFDict)) return
  for (const [, value] of xobjects.entries()) {
    const stream = value instanceof PDFRef ? doc.context.lookup(value) : value
    if (!(stream instanceof PDFRawStream)) continue
    const subtype = nameOf(stream.dict, 'Subtype')
    if (subtype === 'Image') {
      const w = numberOf(stream.dict, 'Width')
      const h = numberOf(stream.dict, 'Height')
      if (w === width && h === height) found.set(value.toString(), stream)
    } else if (subtype === 'Form') {
      const resources = stream.dict.lookup(PDFName.of('Resources'))
      collectImages(doc, resources instanceof PDFDict ? resources : undefined, width, height, found, depth + 1)
    }
  }
}

function describe(stream: PDFRawStream, width: number, height: number): EmbeddedScan | undefined {
  const {dict} = stream
  const filters = filterNames(dict)
  if (filters.length !== 1) return undefined
  const bits = numberOf(dict, 'BitsPerComponent') ?? 1
  const imageMask = String(dict.lookup(PDFName.of('ImageMask'))) === 'true'
  if (imageMask || dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('Mask'))) return undefined
  const colourSpace = nameOf(dict, 'ColorSpace')
  const channels = colourSpace === 'DeviceGray' ? 1 : colourSpace === 'DeviceRGB' ? 3 : undefined
  const decodeEntry = dict.lookup(PDFName.of('Decode'))
  const decode = decodeEntry instanceof PDFArray ? decodeEntry : undefined
  if (decodeEntry !== undefined && !decode) return undefined
  const inverted = decode !== undefined && decode.size() >= 2 && numberAt(decode, 0) === 1 && numberAt(decode, 1) === 0
  if (decode && !inverted) return undefined
  const filter = filters[0]
  const bytes = stream.contents
  if (filter === 'CCITTFaxDecode' && channels !== 3) {
    const params = ccittParams(dict, width, height)
    if (!params || !tiffCanDecode(params)) return undefined
    const blackIs1 = String(firstParms(dict)?.get(PDFName.of('BlackIs1'))) === 'true'
    // The fax runs say white and black; /BlackIs1 and an inverting /Decode each swap what the page shows.
    const invert = blackIs1 !== inverted
    return {width, height, depth: 'bitonal', encoding: 'ccitt', pixels: async () => ({raw: {...(await decodeCcitt(bytes, params, invert)), channels: 1}})}
  }
  if (!channels || inverted) return undefined
  if (filter === 'DCTDecode' && bits === 8) {
    return {width, height, depth: channels === 1 ? 'grey' : 'colour', encoding: 'jpeg', pixels: async () => ({bytes, page: 0})}
  }
  if (filter === 'FlateDecode' && (bits === 8 || (bits === 1 && channels === 1))) {
    const parms = firstParms(dict)
    const predictor = parms ? (numberOf(parms, 'Predictor') ?? 1) : 1
    if (predictor !== 1) return undefined
    const depth: ScanDepth = bits === 1 ? 'bitonal' : channels === 1 ? 'grey' : 'colour'
    return {
      width,
      height,
      depth,
      encoding: 'flate',
      pixels: async () => {
        const data = inflateSync(bytes)
        return {raw: {data: bits === 1 ? unpackBits(data, width, height) : data, width, height, channels: channels as 1 | 3}}
      },
    }
  }
  return undefined
}

function filterNames(dict: PDFDict): string[] {
  const filter = dict.get(PDFName.of('Filter'))
  if (filter instanceof PDFName) return [filter.decodeText()]
  if (filter instanceof PDFArray) return filter.asArray().map((item) => (item instanceof PDFName ? item.decodeText() : '?'))
  return []
}

function firstParms(dict: PDFDict): PDFDict | undefined {
  const parms = dict.get(PDFName.of('DecodeParms'))
  const resolved = parms instanceof PDFRef ? dict.context.lookup(parms) : parms
  if (resolved instanceof PDFDict) return resolved
  if (resolved instanceof PDFArray) {
    const first = resolved.lookup(0)
    return first instanceof PDFDict ? first : undefined
  }
  return undefined
}

function ccittParams(dict: PDFDict, width: number, height: number): CcittParams | undefined {
  const parms = firstParms(dict)
  const number = (key: string): number | undefined => (parms ? numberOf(parms, key) : undefined)
  const columns = number('Columns') ?? 1728
  const rows = number('Rows') ?? height
  if (columns !== width || (rows !== 0 && rows !== height)) return undefined
  return {k: number('K') ?? 0, columns, rows: height, encodedByteAlign: String(parms?.get(PDFName.of('EncodedByteAlign'))) === 'true'}
}

function numberAt(array: PDFArray, index: number): number | undefined {
  const value = array.lookup(index)
  return value instanceof PDFNumber ? value.asNumber() : undefined
}

/** A number entry, or undefined when absent or of another type (a broken file is rendered instead). */
function numberOf(dict: PDFDict, key: string): number | undefined {
  const value = dict.lookup(PDFName.of(key))
  return value instanceof PDFNumber ? value.asNumber() : undefined
}

function nameOf(dict: PDFDict, key: string): string | undefined {
  const value = dict.lookup(PDFName.of(key))
  return value instanceof PDFName ? value.decodeText() : undefined
}

/** 1-bit rows (1 white, as DeviceGray reads them) to 8-bit grey. */
function unpackBits(packed: Uint8Array, width: number, height: number): Uint8Array {
  const stride = Math.ceil(width / 8)
  const grey = new Uint8Array(width * height)
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) grey[y * width + x] = packed[y * stride + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0
  }
  return grey
}
