/**
 * The ID-card QR fallback (src/pipeline/page-qr.ts), one for `id read` and the dossier
 * analysis: the corners it tries, the in-memory crop, and a card found in each corner.
 */
import QRCode from 'qrcode'
import sharp from 'sharp'
import {describe, expect, it} from 'vitest'

import {qrSearchParts} from '../src/core/page/qr-parts.js'
import {cropPixels} from '../src/core/page/raster.js'
import {readQrInParts} from '../src/pipeline/page-qr.js'
import {rgbaPixels} from '../src/tools/images.js'
import {decodeQrCodes} from '../src/tools/qr.js'

const PAYLOAD = '001090012345|123456789|Nguyễn Văn An|01051990|Nam|Số 1 phố Huế, Hai Bà Trưng, Hà Nội|10102022'
const DPI = 200
const mm = (value: number) => Math.round((value / 25.4) * DPI)

/** An A5 page at 200 dpi with a 15 mm card QR code 6 mm in from the given corner. */
async function pageWithCardIn(corner: {right: boolean; bottom: boolean}): Promise<Buffer> {
  const width = mm(148)
  const height = mm(210)
  const size = mm(15)
  const qr = await QRCode.toBuffer(PAYLOAD, {errorCorrectionLevel: 'M', margin: 1, width: size})
  const placed = await sharp(qr).metadata()
  const left = corner.right ? width - mm(6) - placed.width! : mm(6)
  const top = corner.bottom ? height - mm(6) - placed.height! : mm(6)
  return sharp({create: {width, height, channels: 3, background: '#fcfaf4'}})
    .composite([{input: qr, left, top}])
    .png()
    .toBuffer()
}

describe('the ID-card QR fallback', () => {
  it('tries each corner alone (the top-left quarter included), each reaching 5% past the centre lines', () => {
    expect(qrSearchParts(1000, 1400)).toEqual([
      {x0: 0, y0: 0, x1: 550, y1: 770},
      {x0: 450, y0: 0, x1: 1000, y1: 770},
      {x0: 0, y0: 630, x1: 550, y1: 1400},
      {x0: 450, y0: 630, x1: 1000, y1: 1400},
    ])
  })

  it('crops decoded pixels in memory, every channel of every row, clamped to the image', () => {
    const data = Uint8Array.from({length: 3 * 2 * 4}, (_, index) => index)
    const image = {data, width: 3, height: 2, channels: 4 as const}
    const secondRow = Uint8Array.from([16, 17, 18, 19, 20, 21, 22, 23])
    expect(cropPixels(image, {x0: 1, y0: 1, x1: 3, y1: 2})).toEqual({data: secondRow, width: 2, height: 1, channels: 4})
    const clamped = Uint8Array.from([8, 9, 10, 11])
    expect(cropPixels(image, {x0: 2, y0: -5, x1: 9, y1: 1})).toEqual({data: clamped, width: 1, height: 1, channels: 4})
  })

  it.each([
    ['top left', {right: false, bottom: false}],
    ['top right', {right: true, bottom: false}],
    ['bottom left', {right: false, bottom: true}],
    ['bottom right', {right: true, bottom: true}],
  ])('finds a card lying in the %s corner from the page decoded once', async (_name, corner) => {
    const pixels = await rgbaPixels({bytes: await pageWithCardIn(corner), page: 0})
    // The card lies in its own corner's part only, so finding it means that corner was tried.
    const parts = qrSearchParts(pixels.width, pixels.height).map((box) => cropPixels(pixels, box))
    const holding = await Promise.all(parts.map(async (part) => (await decodeQrCodes(part)).length > 0))
    expect(holding).toEqual([0, 1, 2, 3].map((index) => index === Number(corner.bottom) * 2 + Number(corner.right)))
    expect(await readQrInParts(pixels)).toEqual([PAYLOAD])
  }, 30_000)
})
