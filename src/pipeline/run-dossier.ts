/**
 * `sohoa run`: one dossier from page files to a verified-shape package, through the three
 * stages a batch also uses: recognise (acquire → preprocess → OCR, pages saved to a private
 * work folder) → analyse (split → classify → extract: a dossier draft) → finalise (validate →
 * code → PDFs → package). A dossier that fails validation is still packaged with its issues
 * recorded, unless strict; its dossier code is allocated only once everything before
 * packaging has succeeded.
 */
import {mkdtemp, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {isAgencyCode} from '../core/agency.js'
import type {CodeAllocator} from '../core/code-allocator.js'
import type {SplitMode} from '../core/dossier.js'
import {UnreadableInputError, UsageError} from '../core/errors.js'
import type {OcrEngine} from '../core/ocr-engine.js'
import type {Reporter} from '../core/reporter.js'
import type {ReviewSheetRenderer} from '../core/review-sheet.js'
import {sequenceCodeAllocator} from '../tools/dossier-code-allocator.js'
import {registerCleanup} from '../tools/shutdown.js'
import {lazyOcrPool} from '../tools/tesseract.js'
import {analyseDraft} from './analyse-draft.js'
import {finaliseDossier, type FinaliseResult, type FinalisedDocument} from './finalise-dossier.js'
import {lookupProcedure} from './procedure-catalogue.js'
import type {RecogniseOptions} from './recognise.js'
import {recogniseDossier} from './recognise-dossier.js'
import {writeReviewOnly} from './review-only.js'
import {preflightRun} from './run-preflight.js'
import type {DocumentSigning} from './sign-documents.js'

export interface RunOptions {
  input: string
  procedure: string
  agency: string
  outDir: string
  jobs: number
  split: SplitMode
  forceOcr: boolean
  preprocess?: RecogniseOptions['preprocess']
  /** Read the targets of symbolic links in the input folder (else a link fails the dossier). */
  followLinks?: boolean
  /** The applicant's personal ID when the clerk knows it; else read from the papers. */
  ownerId?: string
  /** Do not package an invalid dossier. */
  strict: boolean
  /** Pages under 200 dpi become a warning instead of an error. */
  allowLowDpi: boolean
  dataDir?: string
  /** A folder of imported procedure schemas, searched after the bundled catalogue. */
  proceduresDir?: string
  /** `sohoa/0.1.0` (BaseCommand.software): PDF creator and producer, bag software agent, record toolVersion. */
  software: string
  reporter?: Reporter
  progressLabel?: string
  /** Reception time; now by default. */
  now?: Date
  /** The OCR engine to use (left running); a pool of `jobs` workers by default. */
  engine?: OcrEngine
  /** Where dossier codes come from; the sequence file in `dataDir` by default. */
  allocator?: CodeAllocator
  timeoutPerPageMs?: number
  /** The digitiser's key and profile: each document PDF is signed as it is packaged. */
  signing?: DocumentSigning
  /** Turns the review sheet's data into HTML (src/ui/review-sheet.ts, in the user's language). */
  renderReview: ReviewSheetRenderer
  /** Write only `<out>/review.html`: no package, no dossier code. */
  reviewOnly?: boolean
}

export type RunDocumentSummary = FinalisedDocument
export type RunResult = FinaliseResult

export async function runDossier(options: RunOptions): Promise<RunResult> {
  await preflightRun(options)
  const now = options.now ?? new Date()
  if (!isAgencyCode(options.agency)) throw new UsageError('code.agency.format', {value: options.agency})
  const {schema} = await lookupProcedure(options.procedure, options.proceduresDir)
  if (!(await stat(options.input).catch(() => undefined))) throw new UnreadableInputError('input.not-found', {file: options.input})

  // The work folder is private and temporary: nothing is written beside the input or in the current directory.
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-run-'))
  const unregister = registerCleanup(() => rm(workDir, {recursive: true, force: true}))
  const ownEngine = options.engine ? undefined : lazyOcrPool(options.jobs)
  const engine = options.engine ?? ownEngine!
  try {
    options.reporter?.start(options.progressLabel ?? 'OCR')
    const pages = await recogniseDossier({
      input: options.input,
      workDir,
      engine,
      forceOcr: options.forceOcr,
      preprocess: options.preprocess,
      followLinks: options.followLinks,
      timeoutPerPageMs: options.timeoutPerPageMs,
      reporter: options.reporter,
    }).finally(() => options.reporter?.stop())
    const draft = await analyseDraft(pages, {
      input: options.input,
      workDir,
      split: options.split,
      procedure: schema,
      agency: options.agency,
      ownerId: options.ownerId,
      keepBlank: options.preprocess?.keepBlank,
    })
    if (options.reviewOnly) {
      return await writeReviewOnly(draft, pages, {...options, workDir, procedure: schema, now})
    }
    return await finaliseDossier(draft, pages, {
      workDir,
      outDir: options.outDir,
      procedure: schema,
      allocator: options.allocator ?? sequenceCodeAllocator(options.dataDir),
      allowLowDpi: options.allowLowDpi,
      strict: options.strict,
      software: options.software,
      now,
      signing: options.signing,
      renderReview: options.renderReview,
    })
  } finally {
    await ownEngine?.close()
    await rm(workDir, {recursive: true, force: true})
    unregister()
  }
}
