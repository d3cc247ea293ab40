/**
 * CCITT fax images (the usual compression of bitonal archive scans in PDFs).
 *
 * Decoding: a CCITT stream taken from a PDF is wrapped in a minimal one-strip TIFF header and
 * read by sharp (libvips reads fax-compressed TIFFs through libtiff); no pixels are decoded
 * in JavaScript. Encoding: bitonal pixels become a Group 4 stream through libtiff's own
 * `ppm2tiff -c g4` (Debian package libtiff-tools), whose one strip is taken out of the TIFF
 * it writes; when the program is missing, `encodeG4` returns undefined and callers fall back
 * to another lossless encoding.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'

import sharp from 'sharp'

const run = promisify(execFile)

/** The decoding parameters of a PDF /CCITTFaxDecode filter that matter to a TIFF reader. */
export interface CcittParams {
  /** <0: Group 4; 0: Group 3 one-dimensional; >0: Group 3 two-dimensional. */
  k: number
  columns: number
  rows: number
  /** The stream pads each row to a byte (G3 only in TIFF). */
  encodedByteAlign: boolean
}

/** True when a TIFF reader can decode the stream as the PDF describes it. */
export function tiffCanDecode(params: CcittParams): boolean {
  return params.columns > 0 && params.rows > 0 && !(params.k < 0 && params.encodedByteAlign)
}

/**
 * A TIFF holding `stream` as its only strip, photometric min-is-white: a fax stream codes
 * white and black runs, whatever bit values the PDF later gives them (/BlackIs1, /Decode).
 */
export function ccittTiff(stream: Uint8Array, params: CcittParams): Buffer {
  const entries: [tag: number, type: 3 | 4, value: number][] = [
    [256, 4, params.columns],
    [257, 4, params.rows],
    [258, 3, 1],
    [259, 3, params.k < 0 ? 4 : 3],
    [262, 3, 0],
    [273, 4, 0], // strip offset, set below
    [277, 3, 1],
    [278, 4, params.rows],
    [279, 4, stream.length],
  ]
  if (params.k >= 0) entries.push([292, 4, (params.k > 0 ? 1 : 0) | (params.encodedByteAlign ? 4 : 0)])
  const ifdSize = 2 + entries.length * 12 + 4
  const header = Buffer.alloc(8 + ifdSize)
  header.write('II', 0, 'latin1')
  header.writeUInt16LE(42, 2)
  header.writeUInt32LE(8, 4)
  header.writeUInt16LE(entries.length, 8)
  entries.forEach(([tag, type, value], index) => {
    const at = 10 + index * 12
    header.writeUInt16LE(tag, at)
    header.writeUInt16LE(type, at + 2)
    header.writeUInt32LE(1, at + 4)
    const stored = tag === 273 ? header.length : value
    if (type === 3) header.writeUInt16LE(stored, at + 8)
    else header.writeUInt32LE(stored, at + 8)
  })
  return Buffer.concat([header, stream])
}

/** 8-bit grey pixels (0 black, 255 white) of a CCITT stream. */
export async function decodeCcitt(
  stream: Uint8Array,
  params: CcittParams,
  invert: boolean,
): Promise<{data: Uint8Array; width: number; height: number}> {
  let image = sharp(ccittTiff(stream, params), {failOn: 'error'}).toColourspace('b-w')
  if (invert) image = image.negate()
  const {data, info} = await image.extractChannel(0).raw().toBuffer({resolveWithObject: true})
  return {data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height}
}

/** Packs grey pixels into PBM rows: a bit set for each pixel darker than `threshold`. */
export function packBitonal(grey: Uint8Array, width: number, height: number, threshold = 128): Buffer {
  const stride = Math.ceil(width / 8)
  const packed = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y += 1) {
    const row = y * width
    const out = y * stride
    for (let x = 0; x < width; x += 1) {
      if (grey[row + x]! < threshold) packed[out + (x >> 3)]! |= 0x80 >> (x & 7)
    }
  }
  return packed
}

let ppm2tiffPresent: Promise<boolean> | undefined
function havePpm2tiff(): Promise<boolean> {
  ppm2tiffPresent ??= run('ppm2tiff', ['-h'])
    .then(() => true)
    .catch((error: NodeJS.ErrnoException) => error.code !== 'ENOENT')
  return ppm2tiffPresent
}

/**
 * A CCITT Group 4 stream (K −1, 0 is black as PDF assumes by default) of grey pixels cut at
 * `threshold`; undefined when libtiff-tools' ppm2tiff is not installed.
 */
export async function encodeG4(grey: Uint8Array, width: number, height: number, threshold = 128): Promise<Buffer | undefined> {
  const tiff = await encodeG4Tiff(grey, width, height, threshold)
  return tiff && onlyStrip(tiff)
}

/** The same as a one-strip TIFF (min-is-white), which sharp and any viewer open. */
export async function encodeG4Tiff(grey: Uint8Array, width: number, height: number, threshold = 128): Promise<Buffer | undefined> {
  if (!(await havePpm2tiff())) return undefined
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-g4-'))
  try {
    const pbm = path.join(dir, 'page.pbm')
    const tiff = path.join(dir, 'page.tif')
    await writeFile(pbm, Buffer.concat([Buffer.from(`P4\n${width} ${height}\n`, 'latin1'), packBitonal(grey, width, height, threshold)]))
    await run('ppm2tiff', ['-c', 'g4', '-r', String(height), pbm, tiff])
    return await readFile(tiff)
  } finally {
    await rm(dir, {recursive: true, force: true})
  }
}

/** The bytes of the one strip of a little- or big-endian TIFF's first image. */
export function onlyStrip(tiff: Buffer): Buffer {
  const little = tiff.toString('latin1', 0, 2) === 'II'
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at))
  const u32 = (at: number): number => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at))
  const ifd = u32(4)
  let offset: number | undefined
  let count: number | undefined
  for (let index = 0; index < u16(ifd); index += 1) {
    const at = ifd + 2 + index * 12
    const tag = u16(at)
    const value = u16(at + 2) === 3 ? u16(at + 8) : u32(at + 8)
    if (u32(at + 4) !== 1 && (tag === 273 || tag === 279)) throw new Error('TIFF has more than one strip')
    if (tag === 273) offset = value
    if (tag === 279) count = value
  }
  if (offset === undefined || count === undefined) throw new Error('TIFF has no strip')
  return tiff.subarray(offset, offset + count)
}
