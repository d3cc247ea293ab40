/**
 * The OCR job: input files → one searchable PDF and one UTF-8 text file per input, each
 * written atomically. A file that fails is reported and the others go on.
 */
import path from 'node:path'

import {ExitCode} from '../core/exit-codes.js'
import type {DroppedPage, PageResult} from '../core/page.js'
import {writeFileAtomic} from '../tools/atomic-file.js'
import type {Reporter} from '../core/reporter.js'
import {type InputRef, resolveInputs} from './acquire.js'
import {partitionBlankPages, type PreprocessOptions} from './preprocess.js'
import {failure, type FileFailure, type RecognisedFile, recogniseInputs, round} from './recognise.js'
import {assemblePdf} from './searchable-pdf.js'

export type {FileFailure} from './recognise.js'
export {normaliseText} from './recognise.js'

export interface OcrOptions {
  outDir: string
  jobs: number
  forceOcr: boolean
  /** Orientation, deskew, border crop and blank-page handling; all on by default. */
  preprocess?: Partial<Omit<PreprocessOptions, 'forceOcr'>>
  /** Written into the PDF's Creator and Producer. */
  toolName: string
  reporter?: Reporter
  progressLabel?: string
}

export type FileOutcome =
  | {file: string; path: string; status: 'ok'; pdf: string; text: string; pages: PageResult[]; pagesDropped: DroppedPage[]}
  | {file: string; path: string; status: 'failed'; error: FileFailure}

export interface OcrRun {
  files: FileOutcome[]
  /** Pages written to the outputs. */
  pages: number
  /** Blank pages left out of the outputs, over all files. */
  pagesDropped: DroppedPage[]
  seconds: number
  jobs: number
  exitCode: number
}

export async function ocrFiles(paths: readonly string[], options: OcrOptions): Promise<OcrRun> {
  const started = performance.now()
  const {inputs, errors} = await resolveInputs(paths)
  const names = new Map(outputBaseNames(inputs).map((name, index) => [inputs[index]!.path, name]))
  const finish = async (recognised: RecognisedFile): Promise<FileOutcome> => {
    const {input} = recognised
    if (recognised.status === 'failed') return {file: input.name, path: input.path, status: 'failed', error: recognised.error}
    try {
      const stem = path.join(options.outDir, names.get(input.path)!)
      const {kept, dropped} = partitionBlankPages(recognised.pages, options.preprocess?.keepBlank ?? false)
      const pdf = await assemblePdf(kept, {title: input.name, creator: options.toolName})
      const text = kept.map((page) => page.result.text).join('\n\f\n')
      await writeFileAtomic(`${stem}.pdf`, pdf)
      await writeFileAtomic(`${stem}.txt`, `${text}\n`)
      return {file: input.name, path: input.path, status: 'ok', pdf: `${stem}.pdf`, text: `${stem}.txt`, pages: kept.map((page) => page.result), pagesDropped: dropped}
    } catch (error) {
      const failed = failure(input, error)
      return {file: input.name, path: input.path, status: 'failed', error: failed.status === 'failed' ? failed.error : {code: 'error.internal', params: {}, exitCode: ExitCode.Internal}}
    } finally {
      await recognised.file.close()
    }
  }
  const missing = await Promise.all(errors.map(async (error) => finish(failure({path: String(error.params.file), name: String(error.params.file)}, error))))
  const files = [...missing, ...(await recogniseInputs(inputs, options, finish))]
  const pages = files.reduce((sum, file) => sum + (file.status === 'ok' ? file.pages.length : 0), 0)
  const firstFailure = files.find((file) => file.status === 'failed')
  return {
    files,
    pages,
    pagesDropped: files.flatMap((file) => (file.status === 'ok' ? file.pagesDropped : [])),
    seconds: round((performance.now() - started) / 1000, 2),
    jobs: options.jobs,
    exitCode: firstFailure?.status === 'failed' ? firstFailure.error.exitCode : ExitCode.Ok,
  }
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
