/**
 * The OCR job: input files → one searchable PDF and one UTF-8 text file per input. Pages of
 * all files share one worker pool; the parent alone assembles each file's PDF, in page order,
 * and writes it atomically. A file that fails is reported and the others go on.
 */
import path from 'node:path'

import pLimit from 'p-limit'

import {ExitCode} from '../core/exit-codes.js'
import {type MessageParams, SohoaError} from '../core/errors.js'
import type {OcrResult, PageResult} from '../core/page.js'
import {writeFileAtomic} from '../tools/atomic-write.js'
import {SearchablePdf} from '../tools/pdf.js'
import {OcrPool} from '../tools/tesseract.js'
import {silentReporter, type Reporter} from '../ui/reporter.js'
import {acquireFile, type AcquiredFile, type InputRef, resolveInputs} from './acquire.js'
import {preparePage, type PreparedPage} from './preprocess.js'

export interface OcrOptions {
  outDir: string
  jobs: number
  forceOcr: boolean
  /** Written into the PDF's Creator and Producer. */
  toolName: string
  reporter?: Reporter
  progressLabel?: string
}

export interface FileFailure {
  code: string
  params: MessageParams
  exitCode: number
  /** Filled in by the command, in the user's language. */
  message?: string
}

export type FileOutcome =
  | {file: string; path: string; status: 'ok'; pdf: string; text: string; pages: PageResult[]}
  | {file: string; path: string; status: 'failed'; error: FileFailure}

export interface OcrRun {
  files: FileOutcome[]
  pages: number
  seconds: number
  jobs: number
  exitCode: number
}

interface DonePage {
  prepared: PreparedPage
  ocr: OcrResult | undefined
  result: PageResult
}

export async function ocrFiles(paths: readonly string[], options: OcrOptions): Promise<OcrRun> {
  const started = performance.now()
  const reporter = options.reporter ?? silentReporter
  const {inputs, errors} = await resolveInputs(paths)
  const outcomes: FileOutcome[] = errors.map((error) => failed({path: String(error.params.file), name: String(error.params.file)}, error))
  const outputNames = outputBaseNames(inputs)
  // Started on the first page that needs OCR: a call whose inputs all fail costs no workers.
  let starting: Promise<OcrPool> | undefined
  const pool = (): Promise<OcrPool> => (starting ??= OcrPool.start(options.jobs))
  // One page more than workers in flight, so that decoding overlaps recognition.
  const pageSlots = pLimit(options.jobs + 1)
  const fileSlots = pLimit(options.jobs)
  reporter.start(options.progressLabel ?? 'OCR')
  try {
    const results = await Promise.all(
      inputs.map((input, index) =>
        fileSlots(async () => {
          try {
            return await ocrOneFile(input, outputNames[index]!, pool, pageSlots, options, reporter)
          } catch (error) {
            return failed(input, error)
          }
        }),
      ),
    )
    outcomes.push(...results)
  } finally {
    reporter.stop()
    if (starting) await (await starting.catch(() => undefined))?.close()
  }
  const pages = outcomes.reduce((sum, outcome) => sum + (outcome.status === 'ok' ? outcome.pages.length : 0), 0)
  const worst = outcomes.find((outcome) => outcome.status === 'failed')
  return {
    files: outcomes,
    pages,
    seconds: round((performance.now() - started) / 1000, 2),
    jobs: options.jobs,
    exitCode: worst && worst.status === 'failed' ? worst.error.exitCode : ExitCode.Ok,
  }
}

async function ocrOneFile(
  input: InputRef,
  outputName: string,
  pool: () => Promise<OcrPool>,
  pageSlots: ReturnType<typeof pLimit>,
  options: OcrOptions,
  reporter: Reporter,
): Promise<FileOutcome> {
  const acquired = await acquireFile(input)
  try {
    const done = await Promise.all(
      Array.from({length: acquired.pageCount}, (_, index) =>
        pageSlots(async () => {
          const page = await ocrOnePage(acquired, index, pool, options)
          reporter.advance(`${input.name} p${index + 1}`)
          return page
        }),
      ),
    )
    const pdfPath = path.join(options.outDir, `${outputName}.pdf`)
    const textPath = path.join(options.outDir, `${outputName}.txt`)
    const pdf = await assemblePdf(acquired, done, options.toolName)
    const text = done.map((page) => page.result.text).join('\n\f\n')
    await writeFileAtomic(pdfPath, pdf)
    await writeFileAtomic(textPath, `${text}\n`)
    return {file: input.name, path: input.path, status: 'ok', pdf: pdfPath, text: textPath, pages: done.map((page) => page.result)}
  } finally {
    await acquired.close()
  }
}

async function ocrOnePage(acquired: AcquiredFile, index: number, pool: () => Promise<OcrPool>, options: OcrOptions): Promise<DonePage> {
  const started = performance.now()
  const prepared = await preparePage(await acquired.page(index), {forceOcr: options.forceOcr})
  const ocr = prepared.ocr ? await (await pool()).recognize(prepared.ocr.png) : undefined
  const text = normaliseText(ocr ? ocr.text : (prepared.existingText ?? ''))
  const result: PageResult = {
    source: prepared.source,
    text,
    confidence: ocr ? round(ocr.confidence, 1) : null,
    textSource: ocr ? 'ocr' : 'existing',
    dpi: prepared.dpi,
    dpiSource: prepared.dpiSource,
    width: prepared.width,
    height: prepared.height,
    seconds: round((performance.now() - started) / 1000, 2),
  }
  // The OCR image is no longer needed once read; keep only what the PDF needs.
  prepared.ocr = undefined
  return {prepared, ocr, result}
}

async function assemblePdf(acquired: AcquiredFile, pages: DonePage[], toolName: string): Promise<Uint8Array> {
  const pdf = await SearchablePdf.create({title: acquired.name, creator: toolName})
  for (const {prepared, ocr} of pages) {
    const archival = prepared.archival
    if (archival.kind === 'image') {
      await pdf.addImagePage(archival.image, prepared.dpi, ocr, {width: prepared.width, height: prepared.height})
    } else {
      await pdf.addSourcePage(acquired.pdf!, archival.index, ocr, archival.pixelToPdf ?? [1, 0, 0, 1, 0, 0])
    }
  }
  return pdf.save()
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

/**
 * Output names without extension, relative to --out. Two inputs that would land on the same
 * name (scan.jpg and scan.png) keep their extension to stay apart.
 */
export function outputBaseNames(inputs: readonly InputRef[]): string[] {
  const stems = inputs.map((input) => input.name.replace(/\.[^./\\]+$/, ''))
  const counts = new Map<string, number>()
  for (const stem of stems) counts.set(stem.toLowerCase(), (counts.get(stem.toLowerCase()) ?? 0) + 1)
  return stems.map((stem, index) => (counts.get(stem.toLowerCase())! > 1 ? inputs[index]!.name : stem))
}

function failed(input: InputRef, error: unknown): FileOutcome {
  if (error instanceof SohoaError) {
    return {file: input.name, path: input.path, status: 'failed', error: {code: error.code, params: error.params, exitCode: error.exitCode}}
  }
  const detail = error instanceof Error ? error.message : String(error)
  return {
    file: input.name,
    path: input.path,
    status: 'failed',
    error: {code: 'input.unreadable', params: {file: input.path, detail}, exitCode: ExitCode.UnreadableInput},
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
