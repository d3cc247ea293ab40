/**
 * The OCR job: input files → one searchable PDF and one UTF-8 text file per input, each
 * written atomically. A file that fails is reported and the others go on.
 */
import {stat} from 'node:fs/promises'
import path from 'node:path'

import {OutputError, type SohoaError, type UnreadableInputError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import type {DroppedPage, PageResult} from '../core/page.js'
import {checkWritableFolder, writeFileAtomic} from '../tools/atomic-file.js'
import type {Reporter} from '../core/reporter.js'
import {type InputRef, resolveInputs} from './acquire.js'
import {partitionBlankPages, type PreprocessOptions} from './preprocess.js'
import {failure, type FileFailure, type RecognisedFile, recogniseInputs, round} from './recognise.js'

export type {FileFailure} from './recognise.js'
export {normaliseText} from './recognise.js'

export interface OcrOptions {
  outDir: string
  jobs: number
  forceOcr: boolean
  /** Orientation, deskew, border crop and blank-page handling; all on by default. */
  preprocess?: Partial<Omit<PreprocessOptions, 'forceOcr'>>
  /** `sohoa/0.1.0` (BaseCommand.software): the PDF's Creator and Producer. */
  software: string
  reporter?: Reporter
  progressLabel?: string
  /** Replace outputs that already exist in `outDir` (never an input). */
  force?: boolean
  /** Read the targets of symbolic links found in input folders. */
  followLinks?: boolean
}

export type FileOutcome =
  | {file: string; path: string; status: 'ok'; pdf: string; text: string; pages: PageResult[]; pagesDropped: DroppedPage[]}
  | {file: string; path: string; status: 'failed'; error: FileFailure}
  /** Every page blank (a duplex scan's back saved as its own file): no output, the pages listed. */
  | {file: string; path: string; status: 'blank'; pagesDropped: DroppedPage[]}

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
  await checkWritableFolder(options.outDir)
  const resolved = await resolveInputs(paths, {followLinks: options.followLinks})
  const names = new Map(outputBaseNames(resolved.inputs).map((name, index) => [resolved.inputs[index]!.path, name]))
  const refused = await refuseOverwrites(resolved, names, options)
  const inputs = resolved.inputs.filter((input) => !refused.has(input.path))
  const errors = [...resolved.errors, ...refused.values()]
  const finish = async (recognised: RecognisedFile): Promise<FileOutcome> => {
    const {input} = recognised
    if (recognised.status === 'failed') return {file: input.name, path: input.path, status: 'failed', error: recognised.error}
    try {
      const stem = path.join(options.outDir, names.get(input.path)!)
      const {kept, dropped} = partitionBlankPages(recognised.pages, options.preprocess?.keepBlank ?? false)
      if (kept.length === 0 && dropped.length > 0) return {file: input.name, path: input.path, status: 'blank', pagesDropped: dropped}
      // pdf-lib loads once the first file is read, not before the first page (0.5 s of start-up).
      const {assemblePdf} = await import('./searchable-pdf.js')
      const pdf = await assemblePdf(kept, {title: input.name, creator: options.software})
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
  const missing = await Promise.all(
    errors.map(async (error) => {
      const given = String(error.params.input ?? error.params.file)
      return finish(failure({path: given, name: given}, error))
    }),
  )
  const files = [...missing, ...(await recogniseInputs(inputs, options, finish))]
  const pages = files.reduce((sum, file) => sum + (file.status === 'ok' ? file.pages.length : 0), 0)
  const firstFailure = files.find((file) => file.status === 'failed')
  return {
    files,
    pages,
    pagesDropped: files.flatMap((file) => (file.status === 'failed' ? [] : file.pagesDropped)),
    seconds: round((performance.now() - started) / 1000, 2),
    jobs: options.jobs,
    exitCode: firstFailure?.status === 'failed' ? firstFailure.error.exitCode : ExitCode.Ok,
  }
}

/**
 * Output names without extension, relative to --out, one per input and all different (also
 * ignoring case, for case-blind file systems). Two inputs that would land on the same name
 * keep their extension to stay apart (scan.jpg and scan.png); two inputs of the same name
 * from different folders are numbered in the order given (page, page-2).
 */
export function outputBaseNames(inputs: readonly InputRef[]): string[] {
  const stems = inputs.map((input) => input.name.replace(/\.[^./\\]+$/, ''))
  const groups = new Map<string, number[]>()
  stems.forEach((stem, index) => groups.set(stem.toLowerCase(), [...(groups.get(stem.toLowerCase()) ?? []), index]))
  const wanted = stems.map((stem, index) => {
    const group = groups.get(stem.toLowerCase())!
    if (group.length === 1) return stem
    const fullNames = new Set(group.map((member) => inputs[member]!.name.toLowerCase()))
    return fullNames.size === group.length ? inputs[index]!.name : stem
  })
  const taken = new Set<string>()
  return wanted.map((name) => {
    let candidate = name
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = `${name}-${n}`
    taken.add(candidate.toLowerCase())
    return candidate
  })
}

/**
 * Inputs whose outputs may not be written, found before any OCR: an output that would replace
 * an input (refused, even with --force), or a file already in --out (refused unless --force).
 */
async function refuseOverwrites(
  resolved: {inputs: InputRef[]; errors: UnreadableInputError[]},
  names: Map<string, string>,
  options: OcrOptions,
): Promise<Map<string, SohoaError>> {
  const identity = async (file: string): Promise<string | undefined> => {
    const info = await stat(file).catch(() => undefined)
    return info ? `${info.dev}:${info.ino}` : undefined
  }
  const given = [...resolved.inputs.map((input) => input.path), ...resolved.errors.map((error) => String(error.params.file))]
  const inputIds = new Set((await Promise.all(given.map(identity))).filter((id) => id !== undefined))
  const refused = new Map<string, SohoaError>()
  for (const input of resolved.inputs) {
    const stem = path.join(options.outDir, names.get(input.path)!)
    for (const output of [`${stem}.pdf`, `${stem}.txt`]) {
      const id = await identity(output)
      if (id === undefined) continue
      if (inputIds.has(id)) refused.set(input.path, new UsageError('ocr.output-is-input', {file: output, input: input.path}))
      else if (!options.force) refused.set(input.path, new OutputError('ocr.output-exists', {file: output, input: input.path}))
      if (refused.has(input.path)) break
    }
  }
  return refused
}
