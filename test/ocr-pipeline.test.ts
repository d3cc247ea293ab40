import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {characterErrorRate} from '../scripts/lib/cer.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {type FileOutcome, type OcrRun, ocrFiles} from '../src/pipeline/ocr.js'
import {tempDir, writeMultipageTiff, writePage, writeScannedPdf, writeTextPdf} from './helpers/fixtures.js'
import {readPdfText} from './helpers/pdf-text.js'

const SHORT_PAGE = {width: 148, height: 105} // A6 landscape: quick to OCR
const DEGRADED = {rotate: 1.2, blurSigma: 1, noise: 15, contrast: 0.7, seed: 11}

let work: {dir: string; cleanup: () => Promise<void>}
let run: OcrRun
let out: string

function outcome(name: string): Extract<FileOutcome, {status: 'ok'}> {
  const found = run.files.find((file) => file.file === name)
  if (found?.status !== 'ok') throw new Error(`${name} was not processed: ${JSON.stringify(found)}`)
  return found
}

beforeAll(async () => {
  work = await tempDir()
  const input = path.join(work.dir, 'in')
  out = path.join(work.dir, 'out')
  await import('node:fs/promises').then((fs) => fs.mkdir(input))
  await writePage(path.join(input, 'clean.jpg'), {lines: FORM_PAGE, dpi: 300, format: 'jpeg'})
  await writePage(path.join(input, 'degraded.jpg'), {lines: FORM_PAGE, dpi: 300, format: 'jpeg', degrade: DEGRADED})
  await writePage(path.join(input, 'a4-200dpi.png'), {lines: LAW_PAGE.slice(0, 3), dpi: 200, paper: {r: 252, g: 240, b: 220}})
  await writeMultipageTiff(path.join(input, 'two-pages.tif'), [
    {lines: ['Trang một: Giấy chứng sinh'], pageMm: SHORT_PAGE},
    {lines: ['Trang hai: Giấy khai sinh'], pageMm: SHORT_PAGE},
  ])
  await writeScannedPdf(path.join(input, 'scanned.pdf'), [{lines: ['Bản sao Căn cước công dân'], pageMm: SHORT_PAGE}], 250)
  await writeTextPdf(path.join(input, 'born-digital.pdf'), ['Quyết định về việc công bố thủ tục hành chính'])
  run = await ocrFiles([input], {outDir: out, jobs: 2, forceOcr: false, software: 'sohoa-test'})
}, 300_000)

afterAll(async () => work?.cleanup())

describe('ocr pipeline on generated Vietnamese pages', () => {
  it('processes every input, in natural name order, without failures', () => {
    expect(run.exitCode).toBe(0)
    expect(run.files.map((file) => file.file)).toEqual(['a4-200dpi.png', 'born-digital.pdf', 'clean.jpg', 'degraded.jpg', 'scanned.pdf', 'two-pages.tif'])
    expect(run.files.every((file) => file.status === 'ok')).toBe(true)
  })

  it('reads a clean page with a character error rate under 2%', async () => {
    const text = await readFile(outcome('clean.jpg').text, 'utf8')
    expect(characterErrorRate(text, FORM_PAGE.join('\n'))).toBeLessThan(0.02)
  })

  it('reads a skewed, blurred, noisy, washed-out JPEG with a character error rate under 5%', async () => {
    const text = await readFile(outcome('degraded.jpg').text, 'utf8')
    expect(characterErrorRate(text, FORM_PAGE.join('\n'))).toBeLessThan(0.05)
  })

  it('writes NFC UTF-8 text with the Vietnamese diacritics intact', async () => {
    const text = await readFile(outcome('clean.jpg').text, 'utf8')
    expect(text).toBe(text.normalize('NFC'))
    expect(text).toContain('Nguyễn Thị Hồng Nhung')
    expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH')
  })

  it('gives the searchable PDF a text layer that extracts back to the OCR text', async () => {
    const file = outcome('clean.jpg')
    const pdf = await readPdfText(file.pdf)
    const ocrText = await readFile(file.text, 'utf8')
    expect(pdf.version).toMatch(/^%PDF-1\.[4-7]/)
    expect(pdf.pages).toHaveLength(1)
    expect(characterErrorRate(pdf.pages[0]!.text, ocrText)).toBeLessThan(0.01)
    expect(pdf.pages[0]!.text).toContain('Hồng Nhung')
  })

  it('sizes each PDF page to the image at its own resolution', async () => {
    const a4 = outcome('a4-200dpi.png')
    expect(a4.pages[0]).toMatchObject({dpi: 200, dpiSource: 'file', width: 1654, height: 2339})
    const pdf = await readPdfText(a4.pdf)
    expect(pdf.pages[0]!.width).toBeCloseTo((1654 / 200) * 72, 1)
    expect(pdf.pages[0]!.height).toBeCloseTo((2339 / 200) * 72, 1)
  })

  it('keeps the colour image in the PDF, not the grey OCR copy', async () => {
    const a4 = outcome('a4-200dpi.png')
    const bytes = await readFile(a4.pdf)
    expect(bytes.toString('latin1')).toMatch(/\/ColorSpace\s*\/DeviceRGB/)
  })

  it('embeds a straight JPEG byte for byte, and a corrected one as new pixels', async () => {
    const straight = await readFile(path.join(work.dir, 'in', 'clean.jpg'))
    expect((await readFile(outcome('clean.jpg').pdf)).includes(straight)).toBe(true)
    const skewed = await readFile(path.join(work.dir, 'in', 'degraded.jpg'))
    expect(outcome('degraded.jpg').pages[0]!.skew).not.toBe(0)
    expect((await readFile(outcome('degraded.jpg').pdf)).includes(skewed)).toBe(false)
  })

  it('reads every page of a multi-page TIFF, in order', async () => {
    const tiff = outcome('two-pages.tif')
    expect(tiff.pages.map((page) => page.source)).toEqual([
      {file: 'two-pages.tif', page: 1},
      {file: 'two-pages.tif', page: 2},
    ])
    expect(tiff.pages[0]!.text).toContain('Trang một')
    expect(tiff.pages[1]!.text).toContain('Trang hai')
    expect((await readPdfText(tiff.pdf)).pages).toHaveLength(2)
  })

  it('OCRs a scanned PDF at the resolution of its embedded image', () => {
    const scanned = outcome('scanned.pdf')
    expect(scanned.pages[0]).toMatchObject({dpi: 250, dpiSource: 'pdf', textSource: 'ocr'})
    expect(scanned.pages[0]!.text).toContain('Căn cước công dân')
  })

  it('keeps the text layer of a born-digital PDF instead of OCRing it again', async () => {
    const digital = outcome('born-digital.pdf')
    expect(digital.pages[0]).toMatchObject({textSource: 'existing', confidence: null})
    expect(digital.pages[0]!.text).toBe('Quyết định về việc công bố thủ tục hành chính')
    expect((await readPdfText(digital.pdf)).pages[0]!.text).toContain('Quyết định về việc công bố')
  })

  it('reports per page: source, text, confidence, dpi, size and time', () => {
    const page = outcome('clean.jpg').pages[0]!
    expect(page.source).toEqual({file: 'clean.jpg', page: 1})
    expect(page.confidence).toBeGreaterThan(80)
    expect(page.seconds).toBeGreaterThan(0)
    expect(run.pages).toBe(7)
  })

  it('leaves no temporary files in the output folder', async () => {
    const names = await readdir(out)
    expect(names.filter((name) => name.startsWith('.') || name.endsWith('.tmp'))).toEqual([])
    expect(names.sort()).toEqual(
      ['a4-200dpi', 'born-digital', 'clean', 'degraded', 'scanned', 'two-pages'].flatMap((stem) => [`${stem}.pdf`, `${stem}.txt`]).sort(),
    )
  })
})

describe('ocr with --force-ocr', () => {
  it('recognises a page even though it already has text', async () => {
    const dir = await tempDir()
    try {
      const pdf = await writeTextPdf(path.join(dir.dir, 'digital.pdf'), ['Giấy xác nhận tình trạng hôn nhân'])
      const forced = await ocrFiles([pdf], {outDir: path.join(dir.dir, 'out'), jobs: 1, forceOcr: true, software: 'sohoa-test'})
      const file = forced.files[0]!
      expect(file.status).toBe('ok')
      if (file.status !== 'ok') return
      expect(file.pages[0]).toMatchObject({textSource: 'ocr', dpiSource: 'assumed', dpi: 300})
      expect(file.pages[0]!.text).toContain('tình trạng hôn nhân')
    } finally {
      await dir.cleanup()
    }
  })
})

describe('fixtures', () => {
  it('renders pages at the asked resolution', async () => {
    const dir = await tempDir()
    try {
      const file = await writePage(path.join(dir.dir, 'p.png'), {lines: ['Xin chào'], dpi: 200})
      expect(await sharp(file).metadata()).toMatchObject({width: 1654, height: 2339, density: 200})
    } finally {
      await dir.cleanup()
    }
  })
})
