/** The real tesseract.js pool at its port: a page over its time fails alone and its worker is replaced. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {renderPage} from '../scripts/lib/page-render.js'
import {OcrPool} from '../src/tools/tesseract.js'

let pool: OcrPool
beforeAll(async () => {
  pool = await OcrPool.start(1)
}, 120_000)
afterAll(async () => pool?.close())

describe('OcrPool', () => {
  it('gives up a page that overruns --timeout-per-page, replaces its worker, and reads the next page', async () => {
    const png = await renderPage({
      lines: ['TỜ KHAI ĐĂNG KÝ KHAI SINH'],
      pageMm: {width: 90, height: 30},
      dpi: 200,
      sizePt: 12,
      marginMm: 4,
      font: 'sans',
    })
    const slow = await pool.recognize(png, {timeoutMs: 1}).then(
      () => undefined,
      (error: {code?: string}) => error,
    )
    expect(slow?.code).toBe('ocr.timeout')
    // The replacement starts in the background; the next page waits for it.
    for (let tries = 0; tries < 600 && pool.replaced === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(pool.replaced).toBe(1)
    expect(pool.size).toBe(1)
    const read = await pool.recognize(png, {timeoutMs: 60_000})
    expect(read.text).toMatch(/KHAI SINH/)
  }, 120_000)
})
