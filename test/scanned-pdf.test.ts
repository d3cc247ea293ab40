/**
 * Scanned PDFs as archives receive them (issue 17): bitonal CCITT scans stay bitonal at their
 * own resolution, every scanned page is read at its image's resolution whatever else the page
 * holds, outputs stay close to their input's size, and a blank back showing the sheet's edge
 * is dropped. Images in the outputs are checked with Poppler's pdfimages, not with our reader.
 */
import {execFile} from 'node:child_process'
import {mkdir, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'

import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {characterErrorRate} from '../scripts/lib/cer.js'
import {renderPage} from '../scripts/lib/page-render.js'
import {type PageExtra, type ScanKind, scannedPdf} from '../scripts/lib/scanned-pdf.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {type FileOutcome, type OcrRun, ocrFiles} from '../src/pipeline/ocr.js'
import {tempDir} from './helpers/fixtures.js'

const run = promisify(execFile)
const A5 = {width: 148, height: 210}

interface PdfImage {
  page: number
  width: number
  height: number
  color: string
  bpc: number
  enc: string
  xPpi: number
  yPpi: number
}

/** `pdfimages -list`, one row per image. */
async function pdfImages(file: string): Promise<PdfImage[]> {
  const {stdout} = await run('pdfimages', ['-list', file])
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/)
      return {
        page: Number(cells[0]),
        width: Number(cells[3]),
        height: Number(cells[4]),
        color: cells[5]!,
        bpc: Number(cells[7]),
        enc: cells[8]!,
        xPpi: Number(cells[12]),
        yPpi: Number(cells[13]),
      }
    })
}

let work: Awaited<ReturnType<typeof tempDir>>
let input: string
let result: OcrRun

async function page(lines: string[], dpi: number, rotate = 0): Promise<{image: Buffer; dpi: number}> {
  const image = await renderPage({lines, dpi, pageMm: A5, sizePt: 11, marginMm: 15, degrade: rotate ? {rotate, seed: 3} : undefined})
  return {image, dpi}
}

async function writeScan(name: string, kind: ScanKind, pages: {image: Buffer; dpi: number}[], extras: PageExtra[] = []): Promise<void> {
  await writeFile(path.join(input, name), await scannedPdf(pages, {kind, extras}))
}

/** A blank back: paper speckle, and the sheet's edge as a thin dark line 5 mm inside the left side. */
async function blankBackWithEdge(dpi: number): Promise<{image: Buffer; dpi: number}> {
  const paper = await renderPage({lines: [], dpi, pageMm: A5, degrade: {noise: 12, seed: 8}})
  const {width, height} = await sharp(paper).metadata()
  const mm = dpi / 25.4
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <line x1="${5 * mm}" y1="${4 * mm}" x2="${5.6 * mm}" y2="${height! - 4 * mm}" stroke="#202020" stroke-width="${0.4 * mm}"/></svg>`
  return {image: await sharp(paper).composite([{input: Buffer.from(svg)}]).png().toBuffer(), dpi}
}

function outcome(name: string): Extract<FileOutcome, {status: 'ok'}> {
  const file = result.files.find((candidate) => candidate.file === name)
  if (!file || file.status !== 'ok') throw new Error(`${name}: ${JSON.stringify(file)}`)
  return file
}

async function sizeRatio(name: string): Promise<number> {
  return (await stat(outcome(name).pdf)).size / (await stat(path.join(input, name))).size
}

beforeAll(async () => {
  work = await tempDir()
  input = path.join(work.dir, 'in')
  await mkdir(input)
  const form = await page(FORM_PAGE, 200)
  const lawSkewed = await page(LAW_PAGE, 200, 1.5)
  await writeScan('bitonal.pdf', 'bitonal', [form, lawSkewed], ['annotation-stamp', 'form-wrapped'])
  await writeScan('tiny-text.pdf', 'bitonal', [form], ['tiny-text'])
  await writeScan('grey.pdf', 'grey', [await page(FORM_PAGE, 300), await page(LAW_PAGE, 300, 1.5)])
  await writeScan('colour.pdf', 'colour', [await page(FORM_PAGE, 300), await page(LAW_PAGE, 300, 1.5)], ['second-image'])
  await writeScan('with-back.pdf', 'bitonal', [form, await blankBackWithEdge(200)])
  await writeScan('low-res.pdf', 'bitonal', [await page(FORM_PAGE, 144)])
  result = await ocrFiles([input], {outDir: path.join(work.dir, 'out'), jobs: 2, forceOcr: false, software: 'sohoa-test'})
}, 600_000)

afterAll(async () => work?.cleanup())

describe('scanned PDFs', () => {
  it('a bitonal CCITT scan gives a bitonal CCITT image at the same resolution, straight or straightened', async () => {
    const images = (await pdfImages(outcome('bitonal.pdf').pdf)).filter((image) => image.width > 500)
    expect(images.map((image) => image.page)).toEqual([1, 2])
    for (const image of images) expect(image).toMatchObject({color: 'gray', bpc: 1, enc: 'ccitt', xPpi: 200, yPpi: 200})
    const [source] = (await pdfImages(path.join(input, 'bitonal.pdf'))).filter((image) => image.width > 500)
    expect(images[0]).toMatchObject({width: source!.width, height: source!.height})
    expect(outcome('bitonal.pdf').pages[1]!.skew).not.toBe(0)
  })

  it('a signed page (seal drawn by an annotation, scan drawn through a scaled form) is OCRed at its scan resolution', () => {
    const pages = outcome('bitonal.pdf').pages
    expect(pages.map((p) => [p.dpi, p.dpiSource, p.textSource])).toEqual([
      [200, 'pdf', 'ocr'],
      [200, 'pdf', 'ocr'],
    ])
    expect(characterErrorRate(pages[0]!.text, FORM_PAGE.join('\n'))).toBeLessThan(0.05)
  })

  it('a page with a tiny text layer over its scan is OCRed at the image resolution', () => {
    const [only] = outcome('tiny-text.pdf').pages
    expect(only).toMatchObject({dpi: 200, textSource: 'ocr'})
    expect(characterErrorRate(only!.text, FORM_PAGE.join('\n'))).toBeLessThan(0.05)
  })

  it('a second small image on the page does not decide the resolution', () => {
    expect(outcome('colour.pdf').pages.map((p) => p.dpi)).toEqual([300, 300])
  })

  it('grey and colour JPEG scans stay JPEG in their own colour depth', async () => {
    const grey = (await pdfImages(outcome('grey.pdf').pdf)).filter((image) => image.width > 500)
    const colour = (await pdfImages(outcome('colour.pdf').pdf)).filter((image) => image.width > 500)
    expect(grey.map((image) => [image.color, image.enc, image.xPpi])).toEqual([
      ['gray', 'jpeg', 300],
      ['gray', 'jpeg', 300],
    ])
    expect(colour.map((image) => [image.color, image.enc, image.xPpi])).toEqual([
      ['rgb', 'jpeg', 300],
      ['rgb', 'jpeg', 300],
    ])
  })

  it.each(['bitonal.pdf', 'tiny-text.pdf', 'grey.pdf', 'colour.pdf'])('%s: output is at most 1.5 × the input', async (name) => {
    expect(await sizeRatio(name)).toBeLessThanOrEqual(1.5)
  })

  it('a 144 ppi bitonal scan is read enlarged to 300 dpi, its archival copy left at 144 ppi', async () => {
    const file = outcome('low-res.pdf')
    expect(file.pages[0]).toMatchObject({dpi: 144, ocrDpi: 300, textSource: 'ocr'})
    expect(characterErrorRate(file.pages[0]!.text, FORM_PAGE.join('\n'))).toBeLessThan(0.08)
    const [image] = await pdfImages(file.pdf)
    expect(image).toMatchObject({enc: 'ccitt', bpc: 1, xPpi: 144, yPpi: 144})
    // The words land on the page where the scan shows them: the title line sits in the top fifth.
    const {stdout} = await run('pdftotext', ['-bbox', file.pdf, '-'])
    const title = /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>CỘNG<\/word>/.exec(stdout)
    expect(title).not.toBeNull()
    expect(Number(title![2])).toBeLessThan((210 / 25.4) * 72 * 0.2)
  })

  it('bitonal output stays within 1.2 × its input', async () => {
    expect(await sizeRatio('bitonal.pdf')).toBeLessThanOrEqual(1.2)
  })

  it('a blank back showing the sheet edge is dropped and listed', async () => {
    const file = outcome('with-back.pdf')
    expect(file.pages.map((p) => p.source.page)).toEqual([1])
    expect(file.pagesDropped).toEqual([{source: {file: 'with-back.pdf', page: 2}, reason: 'blank'}])
    expect((await pdfImages(file.pdf)).map((image) => image.page)).toEqual([1])
  })
})
