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

  it('reads a follow-up (a crop read again) before new pages waiting, and new pages in the order given', async () => {
    const page = (text: string) => renderPage({lines: [text, text], pageMm: {width: 120, height: 40}, dpi: 200, sizePt: 12, marginMm: 4})
    const [first, second, third, crop] = await Promise.all([page('Trang một'), page('Trang hai'), page('Trang ba'), page('Đọc lại')])
    const finished: string[] = []
    const read = async (name: string, png: Buffer, followUp: boolean) => {
      await pool.recognize(png, {followUp, timeoutMs: 60_000})
      finished.push(name)
    }
    // One worker: the first page is being read while the others queue behind it.
    await Promise.all([read('first', first, false), read('second', second, false), read('third', third, false), read('crop', crop, true)])
    expect(finished).toEqual(['first', 'crop', 'second', 'third'])
  }, 120_000)

  it('answers pages with InterruptedError (run.interrupted, exit 130) once closed by Ctrl-C, the page in flight included', async () => {
    const closing = await OcrPool.start(1)
    // A full A5 page takes seconds to read: it is still being read when the pool closes.
    const lines = Array.from({length: 30}, (_, index) => `Dòng ${index + 1}: xã Quảng Phú, Thanh Hóa`)
    const png = await renderPage({lines, dpi: 300, pageMm: {width: 148, height: 210}})
    const outcome = (promise: Promise<unknown>) => promise.then(() => 'read', (error: {code?: string; exitCode?: number}) => [error.code, error.exitCode])
    const inFlight = outcome(closing.recognize(png))
    const queued = outcome(closing.recognize(png))
    // Closed once the page was handed to the worker (a worker terminated before that throws inside tesseract.js).
    await new Promise((resolve) => setTimeout(resolve, 300))
    await closing.close()
    expect(await Promise.all([inFlight, queued, outcome(closing.recognize(png))])).toEqual([
      ['run.interrupted', 130],
      ['run.interrupted', 130],
      ['run.interrupted', 130],
    ])
  }, 120_000)
})
