/**
 * Reading large type reduced (preprocess.ts ocrScale): the x-height of the page's smaller type
 * measured from its ink (core/page/text-lines.ts), and the page read at the scale it gives.
 */
import {execFile} from 'node:child_process'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {characterErrorRate} from '../scripts/lib/cer.js'
import {renderPage} from '../scripts/lib/page-render.js'
import {LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {profileLines, smallTypeXHeight} from '../src/core/page/text-lines.js'
import {type FileOutcome, type OcrRun, ocrFiles} from '../src/pipeline/ocr.js'
import {ocrScale, planCorrections} from '../src/pipeline/preprocess.js'
import {greyPixels} from '../src/tools/images.js'
import {tempDir} from './helpers/fixtures.js'

const run = promisify(execFile)
const A5 = {width: 148, height: 210}

describe('profileLines and smallTypeXHeight', () => {
  /** A line in a profile: `above` rows of ascenders at 2, `core` rows at 10, `below` rows of descenders at 2. */
  const line = (above: number, core: number, below: number): number[] => [
    ...Array<number>(above).fill(2),
    ...Array<number>(core).fill(10),
    ...Array<number>(below).fill(2),
  ]
  const gap = (rows: number): number[] => Array(rows).fill(0)

  it('finds each line and its core band, and leaves out specks too thin to be text', () => {
    const bins = Float64Array.from([...gap(3), ...line(3, 6, 2), ...gap(5), 9, 9, ...gap(5), ...line(2, 8, 3), ...gap(2)])
    expect(profileLines(bins)).toEqual([
      {start: 3, end: 14, top: 6, bottom: 11},
      {start: 26, end: 39, top: 28, bottom: 35},
    ])
  })

  it('takes the narrowest core band (one line of small print counts), and gives no x-height for fewer than three lines', () => {
    const bands = (heights: number[]) =>
      heights.map((height, index) => {
        const start = index * 40
        return {start, end: start + height + 6, top: start + 3, bottom: start + 2 + height}
      })
    expect(smallTypeXHeight(bands([20, 22, 20, 26, 20]))).toBe(20)
    expect(smallTypeXHeight(bands([20, 20, 8, 20, 20, 20, 20, 20]))).toBe(8)
    expect(smallTypeXHeight(bands([20, 20]))).toBeNull()
  })
})

describe('ocrScale', () => {
  it('enlarges a low-resolution scan whatever its type, reduces large type towards 18 px, never below half, and leaves small type alone', () => {
    expect(ocrScale(144, 40)).toBeCloseTo(300 / 144)
    expect(ocrScale(300, null)).toBe(1)
    expect(ocrScale(300, 12)).toBe(1)
    expect(ocrScale(300, 18)).toBe(1)
    expect(ocrScale(300, 26)).toBeCloseTo(18 / 26)
    expect(ocrScale(300, 60)).toBe(0.5)
  })
})

describe('pages read at the scale their type asks for', () => {
  let work: Awaited<ReturnType<typeof tempDir>>
  let result: OcrRun
  const lines = LAW_PAGE.slice(0, 8)
  const outcome = (name: string) => result.files.find((file) => file.file === name) as Extract<FileOutcome, {status: 'ok'}>

  beforeAll(async () => {
    work = await tempDir()
    await writeFile(path.join(work.dir, 'large.png'), await renderPage({lines, dpi: 300, sizePt: 16, pageMm: A5, marginMm: 12}))
    await writeFile(path.join(work.dir, 'small.png'), await renderPage({lines, dpi: 300, sizePt: 7, pageMm: A5, marginMm: 12}))
    result = await ocrFiles([path.join(work.dir, 'large.png'), path.join(work.dir, 'small.png')], {
      outDir: work.dir,
      jobs: 2,
      forceOcr: false,
      software: 'sohoa/test',
    })
  }, 180_000)
  afterAll(async () => work?.cleanup())

  it('measures a larger x-height on larger type', async () => {
    const measure = async (sizePt: number) => {
      const grey = await greyPixels({bytes: await renderPage({lines, dpi: 300, sizePt, pageMm: A5, marginMm: 12}), page: 0})
      return (await planCorrections(grey, 300, {rotate: true, deskew: true, cropBorders: true, keepBlank: false})).analysis.xHeight!
    }
    const [small, large] = [await measure(7), await measure(16)]
    expect(large / small).toBeGreaterThan(1.8)
    expect(large / small).toBeLessThan(2.8)
  })

  it('reads 16-point type at 300 dpi reduced, and 7-point type at full size, both well', () => {
    const large = outcome('large.png').pages[0]!
    const small = outcome('small.png').pages[0]!
    expect(large.ocrDpi).toBeGreaterThanOrEqual(150)
    expect(large.ocrDpi).toBeLessThan(250)
    expect(small.ocrDpi).toBeUndefined()
    for (const page of [large, small]) expect(characterErrorRate(page.text, lines.join('\n'))).toBeLessThan(0.03)
  })

  it('puts the words of the reduced reading back where the page shows them', async () => {
    const {stdout} = await run('pdftotext', ['-bbox', outcome('large.png').pdf, '-'])
    const words = [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    expect(words.length).toBeGreaterThan(20)
    // The text block starts 12 mm from the left and the top edge, in points.
    const margin = (12 / 25.4) * 72
    const left = Math.min(...words.map((word) => Number(word[1])))
    const top = Math.min(...words.map((word) => Number(word[2])))
    expect(Math.abs(left - margin)).toBeLessThan(4)
    expect(Math.abs(top - margin)).toBeLessThan(8)
  })
})
