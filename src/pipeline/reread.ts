/**
 * After the page is read whole: read again what the first reading lost or read poorly, then
 * put the page in reading order (core/page/reading-order.ts).
 *
 * - Small type (an ID-card copy: 7-point print, photo, guilloche): each block of ink is read
 *   again on its own, enlarged and binarised; the reading with the better confidence is kept.
 * - Poorly read lines: lines of ordinary type read with low confidence (tesseract's recogniser
 *   reads the grey image, and on some clean pages with dotted leaders it reads garbage where a
 *   black-and-white copy reads every word) are read again as one block, binarised; the reading
 *   with the better confidence is kept.
 * - Words run into dotted leaders ("KHÔI............."): the recogniser sometimes drops the
 *   letter touching the dots, so the letters alone (core/page/leader-dots.ts) are read again
 *   as one line and kept where that reads at least as many letters, with confidence.
 * - Lost text: where the page has ink that no word read covers (core/page/text-coverage.ts),
 *   that region is cut out, binarised (enlarged when the type is small) and read as one
 *   block or one line; the words found join the page.
 *
 * What happened is recorded on the page (`PageResult.reread`), so that a reader of the record
 * knows which pages needed it. Per-page work: everything here is a function of the page.
 */
import type {Box, OcrLine, OcrResult, PageReread} from '../core/page.js'
import {cropGrey} from '../core/page/page-analysis.js'
import {inkThreshold} from '../core/page/raster.js'
import {orderByLayout} from '../core/page/reading-order.js'
import {gluedToLeader, letterSpan} from '../core/page/leader-dots.js'
import {inkBlocks, type InkMap, textCoverage} from '../core/page/text-coverage.js'
import {binarisedCrop, downscaleGrey, type RawPixels} from '../tools/images.js'
import type {Segmentation} from '../core/ocr-engine.js'
import {placeOcr, type PreparedPage} from './preprocess.js'

/** Reads one image (a page or a crop of it) with the given segmentation. */
export type ReadImage = (png: Buffer, segmentation: Segmentation) => Promise<OcrResult>

/** Type whose words are shorter than this (inches) is small: an ID card's, not a form's. */
const SMALL_TYPE_INCH = 0.11
/** The ink map's resolution: half-millimetre cells, enough to see a lost line. */
const MAP_DPI = 60
/** At most this many lost regions are read again on one page (a page of speckle is not text). */
const MAX_REGIONS = 8
/** Words re-read from a lost region are kept from this confidence up. */
const MIN_WORD_CONFIDENCE = 50
/** A region's re-reading must reach this mean confidence to be kept at all. */
const MIN_REGION_CONFIDENCE = 70
/** A line of ordinary type read below this confidence (by characters) is read again binarised. */
const POOR_LINE_CONFIDENCE = 70
/** At most this many runs of poorly read lines are read again on one page. */
const MAX_POOR_RUNS = 6

export interface FinishedReading {
  ocr: OcrResult
  reread?: PageReread
}

/** `raw` is the whole-page reading of `prepared.ocr`, in the OCR image's pixels. */
export async function finishReading(prepared: PreparedPage, raw: OcrResult, readImage: ReadImage): Promise<FinishedReading> {
  const image = prepared.ocr
  if (!image) return {ocr: orderByLayout(placeOcr(prepared, raw))}
  const dpi = prepared.ocrDpi ?? prepared.dpi
  const grey = image.grey
  const scale = Math.max(1, grey.width / Math.round((grey.width * MAP_DPI) / dpi))
  const map: InkMap = {image: await downscaleGrey(grey, Math.round(grey.width / scale)), scale, dpi}
  let ocr = raw
  const report: PageReread = {smallTypeBlocks: 0, lostRegions: 0, linesRecovered: 0}
  const wordHeight = typicalWordHeight(raw)
  const small = wordHeight > 0 && wordHeight < SMALL_TYPE_INCH * dpi
  if (small) {
    for (const block of inkBlocks(map)) {
      const scale = Math.min(2, 4000 / Math.max(1, block.x1 - block.x0))
      const better = scale < 1.3 ? undefined : await rereadBlock(ocr, grey, pad(block, dpi, 2), readImage, dpi, scale)
      if (better) {
        ocr = better
        report.smallTypeBlocks += 1
      }
    }
  } else {
    for (const run of poorRuns(ocr).slice(0, MAX_POOR_RUNS)) {
      const better = await rereadBlock(ocr, grey, pad(run, dpi, 1), readImage, dpi, 1)
      if (better) {
        ocr = better
        report.poorLines = (report.poorLines ?? 0) + 1
      }
    }
  }
  if (!small) {
    const glued = await rereadGluedWords(ocr, grey, readImage, dpi)
    if (glued.changed > 0) {
      ocr = glued.ocr
      report.gluedWords = glued.changed
    }
  }
  const before = textCoverage(map, ocr.lines.flatMap((line) => line.words.map((word) => word.bbox)))
  report.coverage = round(before.ink === 0 ? 1 : before.covered / before.ink)
  for (const region of before.lost.slice(0, MAX_REGIONS)) {
    const lines = await rereadRegion(grey, pad(region, dpi, 1), readImage, dpi, small || region.y1 - region.y0 < 0.12 * dpi, wordHeight)
    if (lines.length === 0) continue
    ocr = insertLines(ocr, lines)
    report.lostRegions += 1
    report.linesRecovered += lines.length
  }
  const ordered = orderByLayout(placeOcr(prepared, ocr))
  const happened = report.smallTypeBlocks > 0 || report.lostRegions > 0 || report.poorLines !== undefined || report.gluedWords !== undefined
  return happened ? {ocr: ordered, reread: report} : {ocr: ordered}
}

function typicalWordHeight(ocr: OcrResult): number {
  const heights = ocr.lines.flatMap((line) => line.words.map((word) => word.bbox.y1 - word.bbox.y0)).sort((a, b) => a - b)
  return heights.length === 0 ? 0 : heights[Math.floor(heights.length / 2)]!
}

function pad(box: Box, dpi: number, mm: number): Box {
  const px = (mm / 25.4) * dpi
  return {x0: box.x0 - px, y0: box.y0 - px, x1: box.x1 + px, y1: box.y1 + px}
}

async function readCrop(
  grey: RawPixels,
  box: Box,
  scale: number,
  readImage: ReadImage,
  dpi: number,
  segmentation: Segmentation,
): Promise<OcrResult> {
  const x0 = Math.max(0, Math.round(box.x0))
  const y0 = Math.max(0, Math.round(box.y0))
  const clipped = {x0, y0, x1: Math.min(grey.width, Math.round(box.x1)), y1: Math.min(grey.height, Math.round(box.y1))}
  const {threshold} = inkThreshold(cropGrey(grey, clipped), 40)
  // Binarise midway between ink and paper: Otsu's cut, floored so that faint strokes stay ink.
  const png = await binarisedCrop(grey, clipped, scale, threshold + 1, dpi)
  const read = await readImage(png, segmentation)
  const back = (b: Box): Box => ({x0: x0 + b.x0 / scale, y0: y0 + b.y0 / scale, x1: x0 + b.x1 / scale, y1: y0 + b.y1 / scale})
  return {
    ...read,
    lines: read.lines.map((line) => ({
      words: line.words.map((word) => ({...word, bbox: back(word.bbox)})),
      bbox: back(line.bbox),
      ...(line.baselineY === undefined ? {} : {baselineY: y0 + line.baselineY / scale}),
    })),
  }
}

const centreIn = (b: Box, region: Box) => {
  const x = (b.x0 + b.x1) / 2
  const y = (b.y0 + b.y1) / 2
  return x >= region.x0 && x <= region.x1 && y >= region.y0 && y <= region.y1
}

/** Confidence weighted by characters: long words say more than a stray mark read as one letter. */
function weightedConfidence(lines: readonly OcrLine[]): {confidence: number; chars: number} {
  let chars = 0
  let sum = 0
  for (const line of lines) {
    for (const word of line.words) {
      const n = [...word.text].length
      chars += n
      sum += n * word.confidence
    }
  }
  return {confidence: chars === 0 ? 0 : sum / chars, chars}
}

/**
 * Runs of consecutive lines read poorly, each as the box around them. Lines too short to
 * judge (a stray mark, a page number) are left alone.
 */
function poorRuns(ocr: OcrResult): Box[] {
  const runs: Box[] = []
  let open = false
  for (const line of ocr.lines) {
    const {confidence, chars} = weightedConfidence([line])
    const poor = chars >= 4 && confidence < POOR_LINE_CONFIDENCE
    if (poor && open) runs[runs.length - 1] = union(runs[runs.length - 1]!, line.bbox)
    else if (poor) runs.push(line.bbox)
    open = poor
  }
  return runs
}

const union = (a: Box, b: Box): Box => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
})

/** A block read again binarised, `scale` times the size; kept when it reads with more confidence. */
async function rereadBlock(
  ocr: OcrResult,
  grey: RawPixels,
  block: Box,
  readImage: ReadImage,
  dpi: number,
  scale: number,
): Promise<OcrResult | undefined> {
  const again = await readCrop(grey, block, scale, readImage, dpi, 'auto')
  const inside = ocr.lines.filter((line) => centreIn(line.bbox, block))
  const old = weightedConfidence(inside)
  const fresh = weightedConfidence(again.lines)
  if (fresh.chars === 0 || fresh.confidence <= old.confidence + 2 || fresh.chars < old.chars * 0.7) return undefined
  const kept = ocr.lines.filter((line) => !centreIn(line.bbox, block))
  return withLines(ocr, [...kept, ...again.lines].sort((a, b) => a.bbox.y0 - b.bbox.y0))
}

/** At most this many words run into leaders are read again on one page. */
const MAX_GLUED_WORDS = 12

/** Words run into dotted leaders, their letters read again on their own (see the top of this file). */
async function rereadGluedWords(
  ocr: OcrResult,
  grey: RawPixels,
  readImage: ReadImage,
  dpi: number,
): Promise<{ocr: OcrResult; changed: number}> {
  let changed = 0
  let budget = MAX_GLUED_WORDS
  const lines: OcrLine[] = []
  for (const line of ocr.lines) {
    const words = []
    for (const word of line.words) {
      const glued = budget > 0 ? gluedToLeader(word.text) : undefined
      const letters = glued && (await rereadLetters(grey, word.bbox, readImage, dpi))
      if (glued) budget -= 1
      const better = letters && [...letters.text].length >= [...glued.letters].length && letters.text !== glued.letters
      if (better) changed += 1
      words.push(better ? {...word, text: `${glued.before}${letters.text}${glued.after}`, confidence: letters.confidence} : word)
    }
    lines.push({...line, words})
  }
  return {ocr: changed === 0 ? ocr : withLines(ocr, lines), changed}
}

/** The letters of a word cut from its leader dots, read as one line; undefined unless read with confidence. */
async function rereadLetters(
  grey: RawPixels,
  word: Box,
  readImage: ReadImage,
  dpi: number,
): Promise<{text: string; confidence: number} | undefined> {
  const {threshold} = inkThreshold(cropGrey(grey, word), 40)
  const span = letterSpan(grey, word, threshold + 1)
  if (!span) return undefined
  const vertical = (0.5 / 25.4) * dpi
  const box = {x0: span.x0, y0: span.y0 - vertical, x1: span.x1, y1: span.y1 + vertical}
  const png = await binarisedCrop(grey, box, 1, threshold + 1, dpi, Math.round(vertical))
  const read = await readImage(png, 'line')
  // The margin may take in a leader dot: dots at either end are the leader's, not the word's.
  const text = read.lines.flatMap((line) => line.words.map((word) => word.text)).join('').replace(/^\.+|\.+$/g, '')
  const {confidence} = weightedConfidence(read.lines)
  return /^\p{L}+$/u.test(text) && confidence >= MIN_REGION_CONFIDENCE ? {text, confidence} : undefined
}

/** A region no word covered, read on its own; the words worth keeping, in lines. */
async function rereadRegion(
  grey: RawPixels,
  region: Box,
  readImage: ReadImage,
  dpi: number,
  small: boolean,
  wordHeight: number,
): Promise<OcrLine[]> {
  const oneLine = wordHeight > 0 && region.y1 - region.y0 < 2.2 * wordHeight
  const read = await readCrop(grey, region, small ? 2 : 1, readImage, dpi, oneLine ? 'line' : 'block')
  const lines = read.lines
    .map((line) => ({
      ...line,
      words: line.words.filter((word) => word.confidence >= MIN_WORD_CONFIDENCE && /[\p{L}\p{N}]/u.test(word.text)),
    }))
    .filter((line) => line.words.length > 0)
  const {confidence, chars} = weightedConfidence(lines)
  return confidence >= MIN_REGION_CONFIDENCE && chars >= 3 && looksLikeText(lines) ? lines : []
}

/**
 * Text, not a photo, a QR code or a stamp read as letters: mostly words of two letters or
 * more, made mostly of letters and digits.
 */
function looksLikeText(lines: readonly OcrLine[]): boolean {
  const words = lines.flatMap((line) => line.words.map((word) => word.text))
  const wordy = words.filter((word) => (word.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2).length
  const all = words.join('')
  const alnum = (all.match(/[\p{L}\p{N}]/gu) ?? []).length
  return wordy >= words.length * 0.6 && alnum >= [...all].length * 0.75
}

/** New lines among the old, each before the first old line that starts below it. */
function insertLines(ocr: OcrResult, lines: readonly OcrLine[]): OcrResult {
  const merged = [...ocr.lines]
  for (const line of lines) {
    const at = merged.findIndex((old) => old.bbox.y0 > line.bbox.y0)
    merged.splice(at < 0 ? merged.length : at, 0, line)
  }
  return withLines(ocr, merged)
}

function withLines(ocr: OcrResult, lines: OcrLine[]): OcrResult {
  const words = lines.flatMap((line) => line.words)
  const confidence = words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length
  return {text: lines.map((line) => line.words.map((word) => word.text).join(' ')).join('\n'), confidence, lines}
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}
