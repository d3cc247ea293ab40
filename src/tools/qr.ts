/**
 * QR decoding with zxing-wasm (zxing-cpp). The .wasm file is read from the installed npm
 * package, never fetched (SPEC §8), and the module is started once per process.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'

import {prepareZXingModule, readBarcodes, type ReaderOptions} from 'zxing-wasm/reader'

import {MissingDependencyError} from '../core/errors.js'
import type {RawPixels} from './images.js'

const require = createRequire(import.meta.url)
let ready: Promise<unknown> | undefined

function start(): Promise<unknown> {
  ready ??= (async () => {
    let wasmBinary: Buffer
    try {
      wasmBinary = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'))
    } catch (error) {
      throw new MissingDependencyError('qr.reader-missing', {detail: (error as Error).message}, {cause: error})
    }
    const bytes = new Uint8Array(wasmBinary)
    return prepareZXingModule({
      overrides: {
        wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        locateFile: (file: string) => file,
      },
      fireImmediately: true,
    })
  })()
  return ready
}

const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 4,
}

const utf8 = new TextDecoder('utf-8', {fatal: true})

/**
 * The ID card's payload is UTF-8 in byte mode without an ECI marker. zxing would guess the
 * charset, and its `characterSet` option is off by one in this release, so the bytes are
 * decoded here; the reader's own text is kept when they are not UTF-8.
 */
function payloadText(result: {bytes: Uint8Array; text: string}): string {
  try {
    return utf8.decode(result.bytes)
  } catch {
    return result.text
  }
}

/** The texts of the QR codes found in RGBA pixels, in reading order; empty when none. */
export async function decodeQrCodes(pixels: RawPixels): Promise<string[]> {
  if (pixels.channels !== 4) throw new Error('decodeQrCodes needs RGBA pixels')
  await start()
  const data = new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength)
  const results = await readBarcodes({data, width: pixels.width, height: pixels.height, colorSpace: 'srgb'} as unknown as Parameters<typeof readBarcodes>[0], OPTIONS)
  return results.filter((result) => result.isValid && result.bytes.length > 0).map(payloadText)
}
