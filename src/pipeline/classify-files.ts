/**
 * `sohoa classify`: files → recognised pages → documents with kind, confidence, evidence and
 * fields. The files are one page stack, in the order given (a folder in natural name order).
 * A file that cannot be read is reported and the others are still classified.
 */
import {maskIdFields} from '../core/citizen-id.js'
import type {DocumentFields, Evidence, ReviewReason, SplitMode, SplitReason} from '../core/dossier.js'
import {ExitCode} from '../core/exit-codes.js'
import type {DroppedPage, PageSource} from '../core/page.js'
import type {PreprocessOptions} from './preprocess.js'
import type {Reporter} from '../core/reporter.js'
import {analyseDossier} from './analyse.js'
import {type FileFailure, recognise, type RecognisedPage} from './recognise.js'

export interface ClassifyOptions {
  jobs: number
  split: SplitMode
  reveal: boolean
  preprocess?: Partial<Omit<PreprocessOptions, 'forceOcr'>>
  reporter?: Reporter
  progressLabel?: string
}

export interface ClassifiedDocument {
  index: number
  kind: string
  confidence: number
  evidence: Evidence[]
  fields: DocumentFields
  pages: PageSource[]
  splitReason?: SplitReason
  review: ReviewReason[]
}

export interface ClassifyRun {
  documents: ClassifiedDocument[]
  pagesDropped: DroppedPage[]
  failures: Array<FileFailure & {file: string}>
  exitCode: number
}

export async function classifyFiles(paths: readonly string[], options: ClassifyOptions): Promise<ClassifyRun> {
  const pages: RecognisedPage[] = []
  const failures: ClassifyRun['failures'] = []
  const {jobs, preprocess, reporter, progressLabel} = options
  const files = await recognise(paths, {jobs, forceOcr: false, preprocess, reporter, progressLabel}, async (file) => file)
  try {
    for (const file of files) {
      if (file.status === 'ok') pages.push(...file.pages)
      else failures.push({...file.error, file: file.input.name})
    }
    const analysed = await analyseDossier(pages, {split: options.split, keepBlank: options.preprocess?.keepBlank})
    const documents = analysed.documents.map(({document}, index): ClassifiedDocument => ({
      index: index + 1,
      kind: document.kind,
      confidence: document.confidence,
      evidence: document.evidence,
      fields: options.reveal ? document.fields : maskIdFields(document.fields),
      pages: document.pages.map((page) => page.source),
      splitReason: document.splitReason,
      review: document.review ?? [],
    }))
    const exitCode = failures.length === 0 ? ExitCode.Ok : (failures[0]?.exitCode ?? ExitCode.UnreadableInput)
    return {documents, pagesDropped: analysed.pagesDropped, failures, exitCode}
  } finally {
    await Promise.allSettled(files.map(async (file) => (file.status === 'ok' ? file.file.close() : undefined)))
  }
}
