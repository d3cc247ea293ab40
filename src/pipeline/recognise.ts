/**
 * Recognise: input files → pages with their OCR, in input order. Pages of all files share one
 * worker pool; per-page work (acquire, preprocess, OCR) runs concurrently, the parent keeps
 * the order. A file that fails is reported as a failure and the others go on. Nothing is
 * written here: `ocr` writes one PDF per input, `run` one per document.
 */
import pLimit from 'p-limit'

import {ExitCode} from '../core/exit-codes.js'
import {type MessageParams, SohoaError} from '../core/errors.js'
import type {OcrResult, PageResult} from '../core/page.js'
import type {OcrEngine, Segmentation} from '../core/ocr-engine.js'
import {OcrPool} from '../tools/tesseract.js'
import {silentReporter, type Reporter} from '../core/reporter.js'
import {acquireFile, type AcquiredFile, type InputRef, resolveInputs} from './acquire.js'
import type {Rotation} from '../core/page/orientation.js'
import {placeOcr, preparePage, type PreparedPage, type PreprocessOptions} from './preprocess.js'
import {finishReading} from './reread.js'

export interface RecogniseOptions {
  jobs: number
  forceOcr: boolean
  /** Orientation, deskew, border crop, blank pages (preprocess.ts); all on by default. */
  preprocess?: Partial<Omit<PreprocessOptions, 'forceOcr'>>
  reporter?: Reporter
  progressLabel?: string
  /** Read the targets of symbolic links in input folders (acquire.ts). */
  followLinks?: boolean
  /** A running engine to use (and leave running); else a pool of `jobs` workers is started and closed here. */
  engine?: OcrEngine
  /** Per page: a page whose OCR takes longer fails its file. */
  timeoutPerPageMs?: number
}

export interface FileFailure {
  code: string
  params: MessageParams
  exitCode: number
  /** Filled in by the command, in the user's language. */
  message?: string
}

/** One page, recognised: what the record reports, what OCR saw, and what the PDF needs. */
export interface RecognisedPage {
  result: PageResult
  ocr: OcrResult | undefined
  prepared: PreparedPage
  file: AcquiredFile
}

export type RecognisedFile =
  | {status: 'ok'; input: InputRef; file: AcquiredFile; pages: RecognisedPage[]}
  | {status: 'failed'; input: InputRef; error: FileFailure}

/**
 * Each file, once all its pages are recognised (or it failed), goes to `finish` at once, so a
 * caller that writes per file (ocr) need not hold every page of a large batch in memory.
 * Results come back in input order.
 */
export type FinishFile<R> = (file: RecognisedFile) => Promise<R>

export async function recognise<R>(paths: readonly string[], options: RecogniseOptions, finish: FinishFile<R>): Promise<R[]> {
  const {inputs, errors} = await resolveInputs(paths, {followLinks: options.followLinks})
  const unreadable = async (error: (typeof errors)[number]) => {
    const file = String(error.params.file)
    return finish(failure({path: file, name: file}, error))
  }
  const missing = await Promise.all(errors.map(unreadable))
  return [...missing, ...(await recogniseInputs(inputs, options, finish))]
}

export async function recogniseInputs<R>(inputs: readonly InputRef[], options: RecogniseOptions, finish: FinishFile<R>): Promise<R[]> {
  const reporter = options.reporter ?? silentReporter
  // Started on the first page that needs OCR: a call whose inputs all fail costs no workers.
  let starting: Promise<OcrPool> | undefined
  const given = options.engine
  const pool = (): Promise<OcrEngine> => (given ? Promise.resolve(given) : (starting ??= OcrPool.start(options.jobs)))
  const pageSlots = pLimit(pagesInFlight(options.jobs))
  // As many files as pages: a file's decoding, preprocessing and PDF writing overlap the OCR
  // of the others (inputs of one page each).
  const fileSlots = pLimit(pagesInFlight(options.jobs))
  reporter.start(options.progressLabel ?? 'OCR')
  try {
    return await Promise.all(
      inputs.map((input) =>
        fileSlots(async (): Promise<R> => {
          let recognised: RecognisedFile
          try {
            const file = await acquireFile(input)
            const pages = await Promise.all(
              Array.from({length: file.pageCount}, (_, index) =>
                pageSlots(async () => {
                  const page = await recognisePage(file, index, pool, options)
                  reporter.advance(`${input.name} p${index + 1}`)
                  return page
                }),
              ),
            )
            recognised = {status: 'ok', input, file, pages}
          } catch (error) {
            recognised = failure(input, error)
          }
          return finish(recognised)
        }),
      ),
    )
  } finally {
    reporter.stop()
    if (starting) await (await starting.catch(() => undefined))?.close()
  }
}

/**
 * Pages under way at once for `workers` OCR workers: per worker, one being read, one prepared
 * and waiting, and one finishing (re-reads, PDF). Pages are prepared one at a time, so the
 * preparing page must never wait for a place: with one page more than workers, it waited
 * behind pages being re-read or written, and the workers went idle (seen: 6 s of 40 on 10 pages).
 */
export function pagesInFlight(workers: number): number {
  return 3 * Math.max(1, workers)
}

/**
 * Pages are prepared (decoded, analysed, corrected) one at a time: the work is the main
 * thread's, and pages prepared side by side all came out late, the first one too, while the
 * workers waited for it. One at a time, pages come out ready in order, the first soonest.
 */
const preparing = pLimit(1)

/**
 * OCR mean confidence (0–100) by which an upside-down reading must beat the page as it
 * stands before the page is turned: a wrong-way-up page reads as near-gibberish (confidence
 * in the 30s–60s), the right way up in the 80s–90s.
 */
const FLIP_MARGIN = 15
/** Below this mean confidence a page is read again upside down (upright Vietnamese print reads at 85–96). */
const DOUBTFUL_CONFIDENCE = 75

export async function recognisePage(
  file: AcquiredFile,
  index: number,
  pool: () => Promise<OcrEngine>,
  options: Pick<RecogniseOptions, 'forceOcr' | 'preprocess' | 'timeoutPerPageMs'>,
): Promise<RecognisedPage> {
  const started = performance.now()
  const preprocess = {...options.preprocess, forceOcr: options.forceOcr}
  const read = async (png: Buffer, segmentation: Segmentation = 'auto', followUp = false): Promise<OcrResult> => {
    try {
      return await (await pool()).recognize(png, {timeoutMs: options.timeoutPerPageMs, segmentation, followUp})
    } catch (error) {
      // The engine knows neither file nor page; the message must name both.
      if (error instanceof SohoaError) throw new SohoaError(error.code, {...error.params, file: file.path, page: index + 1}, error.exitCode)
      throw new SohoaError('ocr.failed', {file: file.path, page: index + 1, detail: (error as Error).message ?? String(error)}, ExitCode.UnreadableInput)
    }
  }
  const page = await file.page(index)
  // A page to be read starts the engine now, so that its workers load while the page is prepared.
  if (page.kind === 'image' || page.existingText === '' || options.forceOcr) void pool().catch(() => {})
  let prepared = await preparing(async () => preparePage(page, preprocess))
  let raw = prepared.ocr ? await read(prepared.ocr.png) : undefined
  let ocr = raw && placeOcr(prepared, raw)
  // When the layout could not tell up from down (one line, a few words), or OCR reads the
  // page poorly (as it reads a page the wrong way up, whatever the layout said), let OCR
  // decide between the page as turned and upside down.
  const doubtful = prepared.corrections.orientationUncertain || (ocr !== undefined && ocr.confidence < DOUBTFUL_CONFIDENCE)
  if (ocr && ocr.text.trim() !== '' && doubtful && preprocess.rotate !== false) {
    const forceRotation = ((prepared.corrections.rotation + 180) % 360) as Rotation
    const flipped = await preparing(async () => preparePage(page, {...preprocess, forceRotation}))
    const flippedRaw = flipped.ocr ? await read(flipped.ocr.png, 'auto', true) : undefined
    const flippedOcr = flippedRaw && placeOcr(flipped, flippedRaw)
    if (flippedOcr && flippedOcr.confidence >= ocr.confidence + FLIP_MARGIN) {
      prepared = {...flipped, corrections: {...flipped.corrections, orientationUncertain: false, orientationByOcr: true}}
      ocr = flippedOcr
      raw = flippedRaw
    }
  }
  // Lost blocks and small type read again, then the page in reading order (reread.ts).
  const finished = raw && (await finishReading(prepared, raw, (png, segmentation) => read(png, segmentation, true)))
  if (finished) ocr = finished.ocr
  const text = normaliseText(ocr ? ocr.text : (prepared.existingText ?? ''))
  const result: PageResult = {
    source: prepared.source,
    text,
    confidence: ocr ? round(ocr.confidence, 1) : null,
    textSource: ocr ? 'ocr' : prepared.existingText === undefined ? 'none' : 'existing',
    dpi: prepared.dpi,
    dpiSource: prepared.dpiSource,
    ...(prepared.ocrDpi ? {ocrDpi: prepared.ocrDpi} : {}),
    width: prepared.width,
    height: prepared.height,
    seconds: round((performance.now() - started) / 1000, 2),
    ...prepared.corrections,
    ...(finished?.reread ? {reread: finished.reread} : {}),
  }
  // The OCR image is no longer needed once read; keep only what the PDF needs.
  prepared.ocr = undefined
  return {result, ocr, prepared, file}
}

/** NFC, trailing spaces and runs of blank lines removed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

export function failure(input: InputRef, error: unknown): RecognisedFile {
  if (error instanceof SohoaError) {
    return {status: 'failed', input, error: {code: error.code, params: error.params, exitCode: error.exitCode}}
  }
  const detail = error instanceof Error ? error.message : String(error)
  return {status: 'failed', input, error: {code: 'input.unreadable', params: {file: input.path, detail}, exitCode: ExitCode.UnreadableInput}}
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
