/**
 * Preprocessing through the pipeline: the full-size images, the archive, the record, the
 * PDF, and the flags through the CLI. Only the last block runs OCR (a few short pages).
 */
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import type {OcrResult, PageResult} from '../src/core/page.js'
import {acquireFile} from '../src/pipeline/acquire.js'
import {placeOcrResult, placePoint} from '../src/core/page/ocr-placement.js'
import {type OcrRun, ocrFiles} from '../src/pipeline/ocr.js'
import {partitionBlankPages, preparePage} from '../src/pipeline/preprocess.js'
import {runCli} from './helpers/cli.js'
import {tempDir, writePage, writeScannedPdf} from './helpers/fixtures.js'

let work: Awaited<ReturnType<typeof tempDir>>
beforeAll(async () => {
  work = await tempDir('sohoa-preprocess-')
  await mkdir(path.join(work.dir, 'in'))
  await mkdir(path.join(work.dir, 'cli'))
})
afterAll(async () => work.cleanup())

async function prepare(name: string, spec: Parameters<typeof renderPage>[0]) {
  const file = await writePage(path.join(work.dir, name), spec)
  const acquired = await acquireFile({path: file, name})
  return preparePage(await acquired.page(0), {forceOcr: false})
}

describe('full-size corrections', () => {
  it('keeps an upright, straight JPEG byte for byte and records no correction', async () => {
    const prepared = await prepare('straight.jpg', {lines: LAW_PAGE, dpi: 200, format: 'jpeg'})
    expect(prepared.archival).toMatchObject({kind: 'image', image: {kind: 'jpeg'}})
    expect(prepared.corrections).toMatchObject({rotation: 0, skew: 0, crop: null, orientationUncertain: false, blank: false})
    expect(prepared.corrections.orientationConfidence).toBeGreaterThan(0.5)
  })

  it('turns, straightens and crops a sideways, skewed, bordered JPEG, keeping its colour', async () => {
    const paper = {r: 250, g: 240, b: 215}
    const prepared = await prepare('sideways.jpg', {
      lines: FORM_PAGE,
      dpi: 200,
      format: 'jpeg',
      paper,
      border: {top: 8, left: 6, shadowMm: 2},
      degrade: {rotate: 90 + 2, noise: 6, seed: 3},
    })
    expect(prepared.corrections.rotation).toBe(270)
    expect(Math.abs(prepared.corrections.skew - 2)).toBeLessThanOrEqual(0.3)
    expect(prepared.corrections.crop).not.toBeNull()
    const image = prepared.archival.kind === 'image' ? prepared.archival.image : undefined
    // A JPEG scan stays a JPEG (re-encoded once, in colour), not raw pixels many times its size.
    expect(image).toMatchObject({kind: 'jpeg'})
    // Upright A4 again: 1654 × 2339 at 200 dpi, less at most the border's shadow and corners.
    expect(prepared.width).toBeGreaterThan(1654 - 80)
    expect(prepared.width).toBeLessThanOrEqual(1654 + 4)
    expect(prepared.height).toBeGreaterThan(2339 - 80)
    expect(prepared.height).toBeLessThanOrEqual(2339 + 4)
    expect([image!.width, image!.height]).toEqual([prepared.width, prepared.height])
    // The paper's tint survives in the archive.
    const decoded = await sharp((image as {bytes: Uint8Array}).bytes).raw().toBuffer({resolveWithObject: true})
    expect(decoded.info).toMatchObject({channels: 3, width: prepared.width, height: prepared.height})
    const {data} = decoded
    const centre = (Math.floor(prepared.height / 2) * prepared.width + Math.floor(prepared.width / 2)) * 3
    expect(data[centre]! - data[centre + 2]!).toBeGreaterThan(20)
  })

  it('does not OCR a blank page unless asked to keep it', async () => {
    const spec = {lines: [], dpi: 200, bleedThrough: {lines: LAW_PAGE}, punchHoles: 2 as const, degrade: {noise: 8, seed: 5}}
    const prepared = await prepare('blank.png', spec)
    expect(prepared.corrections.blank).toBe(true)
    expect(prepared.ocr).toBeUndefined()
    const file = path.join(work.dir, 'blank.png')
    const kept = await preparePage(await (await acquireFile({path: file, name: 'blank.png'})).page(0), {forceOcr: false, keepBlank: true})
    expect(kept.ocr).toBeDefined()
  })
})

describe('blank pages in documents', () => {
  const page = (n: number, blank: boolean) => ({result: {source: {file: 'a.tif', page: n}, blank}})
  it('drops blank pages and lists them', () => {
    const {kept, dropped} = partitionBlankPages([page(1, false), page(2, true), page(3, false)], false)
    expect(kept.map((p) => p.result.source.page)).toEqual([1, 3])
    expect(dropped).toEqual([{source: {file: 'a.tif', page: 2}, reason: 'blank'}])
  })
  it('keeps them with --keep-blank; drops every page of an all-blank file without it', () => {
    expect(partitionBlankPages([page(1, false), page(2, true)], true).dropped).toEqual([])
    expect(partitionBlankPages([page(1, true), page(2, true)], true).kept).toHaveLength(2)
    const allBlank = partitionBlankPages([page(1, true), page(2, true)], false)
    expect(allBlank.kept).toEqual([])
    expect(allBlank.dropped.map((dropped) => dropped.source.page)).toEqual([1, 2])
  })
})

describe('OCR word placement', () => {
  it('moves points by the offset, turns them about the centre, then crops', () => {
    const placement = {offset: {x: 10, y: 20}, angle: 90, centre: {x: 50, y: 50}, after: {x: 5, y: 5}}
    const p = placePoint(placement, 40, 30) // → (50, 50) the centre, which stays, minus the crop
    expect(p.x).toBeCloseTo(45)
    expect(p.y).toBeCloseTo(45)
  })
  it('levels the words of a slanted line', () => {
    // A line slanted 2° clockwise: its words' boxes step down to the right.
    const slope = Math.tan((2 * Math.PI) / 180)
    const words = [0, 400, 800].map((x) => ({text: 'chữ', confidence: 90, bbox: {x0: x + 100, y0: 500 + (x + 100) * slope, x1: x + 300, y1: 540 + (x + 300) * slope}}))
    const ocr: OcrResult = {text: '', confidence: 90, lines: [{words, bbox: {x0: 100, y0: 500, x1: 1100, y1: 540 + 1100 * slope}}]}
    const placed = placeOcrResult(ocr, {offset: {x: 0, y: 0}, angle: -2, centre: {x: 600, y: 520}, after: {x: 0, y: 0}})
    const tops = placed.lines[0]!.words.map((word) => word.bbox.y0)
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(3)
    const line = placed.lines[0]!.bbox
    expect(line.y1 - line.y0).toBeLessThan(60)
  })
})

/** Baselines (PDF y) of the text runs on the page, by line of text. */
async function pdfRuns(file: string): Promise<{pages: {width: number; height: number; runs: {text: string; x: number; y: number}[]}[]}> {
  const doc = await getDocument({data: new Uint8Array(await readFile(file)), verbosity: 0}).promise
  const pages = []
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n)
    const {width, height} = page.getViewport({scale: 1})
    const content = await page.getTextContent()
    const runs = content.items.flatMap((item) => ('str' in item && item.str.trim() ? [{text: item.str, x: item.transform[4] as number, y: item.transform[5] as number}] : []))
    pages.push({width, height, runs})
  }
  await doc.destroy()
  return {pages}
}

describe('through OCR', () => {
  const SHORT = {width: 148, height: 105}
  let run: OcrRun
  beforeAll(async () => {
    // One file: an upside-down page skewed 1.6°, a blank back, and an upright page.
    // An image-only PDF, as a scanner writes it: pages may differ in size.
    await writeScannedPdf(path.join(work.dir, 'in', 'hoso.pdf'), [
      {lines: FORM_PAGE.slice(2, 6), pageMm: SHORT, degrade: {rotate: 180 + 1.6, noise: 6, seed: 1}},
      {lines: [], pageMm: SHORT, bleedThrough: {lines: LAW_PAGE.slice(0, 6), strength: 0.2}, degrade: {noise: 6, seed: 2}},
      {lines: LAW_PAGE.slice(0, 4), pageMm: SHORT, degrade: {noise: 6, seed: 3}},
    ], 300)
    run = await ocrFiles([path.join(work.dir, 'in', 'hoso.pdf')], {outDir: path.join(work.dir, 'out'), jobs: 2, forceOcr: false, software: 'test'})
  })

  it('reads the upside-down page upright, drops the blank back and lists it', () => {
    const outcome = run.files[0]!
    expect(outcome.status).toBe('ok')
    if (outcome.status !== 'ok') return
    expect(outcome.pages.map((p) => p.source.page)).toEqual([1, 3])
    expect(outcome.pagesDropped).toEqual([{source: {file: 'hoso.pdf', page: 2}, reason: 'blank'}])
    expect(run.pagesDropped).toEqual(outcome.pagesDropped)
    const [first, third] = outcome.pages as [PageResult, PageResult]
    expect(first.rotation).toBe(180)
    expect(Math.abs(first.skew - 1.6)).toBeLessThanOrEqual(0.3)
    expect(first.text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH')
    expect(third).toMatchObject({rotation: 0, crop: null, blank: false})
    expect(third.text).toContain('Thủ tục đăng ký khai sinh')
  })

  it('writes the corrected pages at their own size, with the text layer level on the straightened page', async () => {
    const outcome = run.files[0]!
    if (outcome.status !== 'ok') throw new Error('failed')
    const pdf = await pdfRuns(outcome.pdf)
    expect(pdf.pages).toHaveLength(2)
    const first = outcome.pages[0]!
    expect(pdf.pages[0]!.width).toBeCloseTo((first.width / first.dpi) * 72, 1)
    expect(pdf.pages[0]!.height).toBeCloseTo((first.height / first.dpi) * 72, 1)
    // The words of the title line share one baseline once the page is straight.
    // (pdfjs joins neighbouring words into one run only when they sit on the same line.)
    const title = pdf.pages[0]!.runs.filter((run) => /TỜ|ĐĂNG|KÝ|SINH/.test(run.text))
    expect(title.map((run) => run.text).join(' ').replace(/\s+/g, ' ')).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH')
    const ys = title.map((run) => run.y)
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(2)
  })
})

describe('the flags, through the CLI', () => {
  it('--no-rotate --no-deskew leave a skewed page as scanned; a blank back saved as its own file is left out and listed', async () => {
    const skewed = await writePage(path.join(work.dir, 'cli', 'nghieng.png'), {lines: ['Giấy khai sinh'], pageMm: {width: 148, height: 105}, degrade: {rotate: 3}})
    const blank = await writePage(path.join(work.dir, 'cli', 'trang.png'), {lines: [], pageMm: {width: 148, height: 105}, degrade: {noise: 8, seed: 1}})
    const out = path.join(work.dir, 'cli-out')
    const result = await runCli(['ocr', skewed, blank, '--out', out, '--no-rotate', '--no-deskew', '--json', '--jobs', '1'])
    expect(result.code).toBe(0)
    const json = result.json()
    const [page] = json.files[0].pages
    expect(page).toMatchObject({rotation: 0, skew: 0, orientationConfidence: null, orientationUncertain: false})
    expect(json.files[1]).toMatchObject({file: 'trang.png', status: 'blank', pagesDropped: [{source: {file: 'trang.png', page: 1}, reason: 'blank'}]})
    expect(json.pagesDropped).toEqual([{source: {file: 'trang.png', page: 1}, reason: 'blank'}])
    expect((await readdir(out)).sort()).toEqual(['nghieng.pdf', 'nghieng.txt'])
    // --keep-blank keeps it.
    const kept = await runCli(['ocr', blank, '--out', path.join(work.dir, 'cli-keep'), '--keep-blank', '--json', '--jobs', '1'])
    expect(kept.code).toBe(0)
    expect(kept.json().files[0]).toMatchObject({status: 'ok', pagesDropped: [], pages: [expect.objectContaining({blank: true, text: ''})]})
    expect((await readdir(path.join(work.dir, 'cli-keep'))).sort()).toEqual(['trang.pdf', 'trang.txt'])
  })
})

describe('a page with too little text to tell up from down by its layout', () => {
  it('is turned upside down only when OCR reads it clearly better that way', async () => {
    const dir = path.join(work.dir, 'one-line')
    await mkdir(dir)
    const spec = {lines: ['Trang một: Giấy chứng sinh'], pageMm: {width: 148, height: 105}}
    await writePage(path.join(dir, 'upright.png'), spec)
    await writeFile(path.join(dir, 'upside-down.png'), await sharp(await renderPage(spec)).rotate(180).png().toBuffer())
    const run = await ocrFiles([dir], {outDir: path.join(work.dir, 'one-line-out'), jobs: 2, forceOcr: false, software: 'sohoa-test'})
    const pages = run.files.flatMap((file) => (file.status === 'ok' ? file.pages : []))
    const upright = pages.find((page) => page.source.file === 'upright.png')!
    const upsideDown = pages.find((page) => page.source.file === 'upside-down.png')!
    expect(upright).toMatchObject({rotation: 0, orientationUncertain: true})
    expect(upsideDown).toMatchObject({rotation: 180, orientationUncertain: false, orientationByOcr: true})
    expect(upright.orientationByOcr).toBeUndefined()
    for (const page of [upright, upsideDown]) expect(page.text).toBe('Trang một: Giấy chứng sinh')
  })
})
