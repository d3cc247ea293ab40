import sharp from 'sharp'
import {describe, expect, it} from 'vitest'

import {ocrImage} from '../src/tools/images.js'
import {ocrLanguages} from '../src/tools/tesseract.js'

describe('OCR languages', () => {
  it('reads with vie alone by default, vie+eng when asked, and ignores unknown codes', () => {
    expect(ocrLanguages({})).toEqual(['vie'])
    expect(ocrLanguages({SOHOA_OCR_LANGUAGES: 'vie+eng'})).toEqual(['vie', 'eng'])
    expect(ocrLanguages({SOHOA_OCR_LANGUAGES: 'vie+xyz'})).toEqual(['vie'])
    expect(ocrLanguages({SOHOA_OCR_LANGUAGES: 'xyz'})).toEqual(['vie'])
  })
})

describe('ocrImage', () => {
  const gradient = (contrast: number): {data: Uint8Array; width: number; height: number; channels: 1} => {
    const width = 64
    const height = 48
    const data = new Uint8Array(width * height)
    for (let i = 0; i < data.length; i += 1) data[i] = 255 - Math.round(((i % width) / width) * contrast)
    return {data, width, height, channels: 1}
  }

  for (const [label, contrast] of [
    ['a page with black ink', 255],
    ['a washed-out page (despeckled and stretched)', 60],
  ] as const) {
    it(`is a grey PNG and hands back the very pixels it holds, for ${label}`, async () => {
      const image = await ocrImage({raw: gradient(contrast)}, 300)
      expect((await sharp(image.png).metadata()).channels).toBe(1)
      const decoded = await sharp(image.png).toColourspace('b-w').raw().toBuffer({resolveWithObject: true})
      expect(decoded.info.channels).toBe(1)
      expect([image.grey.width, image.grey.height]).toEqual([decoded.info.width, decoded.info.height])
      expect(Buffer.from(image.grey.data).equals(decoded.data)).toBe(true)
    })
  }
})
