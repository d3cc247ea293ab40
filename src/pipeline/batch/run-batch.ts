/**
 * `sohoa batch`: many dossiers through one OCR engine, journaled so that a rerun of the same
 * command after a crash, `kill -9` or a power cut resumes where it stopped.
 *
 * Each dossier goes recognise → analyse → finalise (the stages of `run`). Recognition of the
 * next dossiers overlaps the packaging of the previous one; a dossier that fails (unreadable
 * file, OCR crash or timeout, unknown procedure) fails alone, with its reason. The journal
 * records each finished stage, the code given to a dossier before its bag is written, and the
 * bag once it is in place; the bag's rename is the commit point. On resume:
 * - a packaged dossier is checked (fast verify) and skipped, or reported when its input changed;
 * - a dossier whose code is journaled and whose bag is in place was packaged just before the
 *   crash: it is checked and journaled, never packaged again;
 * - any other dossier is redone from its last finished stage, keeping its journaled code, so
 *   no code is given twice and none is reused.
 */
import {createHash} from 'node:crypto'
import {access, constants, mkdir, readdir, readFile, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pLimit from 'p-limit'

import {
  type BatchRow,
  batchExitCode,
  batchTotals,
  type BatchTotals,
  type DossierFailure,
  type DossierState,
  type JournalEvent,
  replayJournal,
  reportCsv,
  rowFor,
} from '../../core/batch.js'
import type {CodeAllocator} from '../../core/code-allocator.js'
import type {DossierDraft} from '../../core/dossier-draft.js'
import type {SplitMode} from '../../core/dossier.js'
import {OutputError, SohoaError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import type {OcrEngine} from '../../core/ocr-engine.js'
import {type BatchReporter, silentBatchReporter} from '../../core/reporter.js'
import type {ReviewSheetRenderer} from '../../core/review-sheet.js'
import {writeFileAtomic, writeJsonAtomic} from '../../tools/atomic-file.js'
import {acquireBatchLock, isAlive} from '../../tools/batch-lock.js'
import {sequenceCodeAllocator} from '../../tools/dossier-code-allocator.js'
import {Journal, readJournal} from '../../tools/journal.js'
import {lazyOcrPool} from '../../tools/tesseract.js'
import {analyseDraft, DRAFT_FILE} from '../analyse-draft.js'
import {finaliseDossier} from '../finalise-dossier.js'
import type {DocumentSigning} from '../sign-documents.js'
import {loadPageList, PAGES_FILE} from '../page-store.js'
import {type FoundProcedure, lookupProcedure} from '../procedure-catalogue.js'
import type {RecogniseOptions} from '../recognise.js'
import {recogniseDossier} from '../recognise-dossier.js'
import {verifyBag} from '../verify.js'
import {bagSummary} from './bag-summary.js'
import {fingerprint, planFromManifest, planFromRoot, type PlannedDossier} from './plan.js'

export const BATCH_DIR = '.sohoa-batch'
export const JOURNAL_FILE = 'journal.jsonl'
export const REPORT_JSON = 'batch-report.json'
export const REPORT_CSV = 'batch-report.csv'

export interface BatchOptions {
  root?: string
  manifest?: string
  outDir: string
  procedure?: string
  agency?: string
  split: SplitMode
  jobs: number
  forceOcr: boolean
  preprocess?: RecogniseOptions['preprocess']
  allowLowDpi: boolean
  timeoutPerPageMs?: number
  dataDir?: string
  proceduresDir?: string
  software: string
  /** Turns each package's review sheet into data/review.html. */
  renderReview: ReviewSheetRenderer
  /** The OCR engine for every dossier; a pool of `jobs` tesseract workers by default. */
  engine?: OcrEngine
  /** The digitiser's key: every document PDF of every dossier is signed (finalising is serial). */
  signing?: DocumentSigning
  allocator?: CodeAllocator
  progress?: BatchReporter
  /** A failure's reason in the user's language, for the report files. */
  explain?: (failure: DossierFailure) => string
}

export interface BatchResult {
  out: string
  reportJson: string
  reportCsv: string
  totals: BatchTotals
  rows: BatchRow[]
  /** How many times this batch was started, this run included. */
  runs: number
  seconds: number
  /** Pages recognised by this run, per minute of this run. */
  pagesPerMinute: number
  exitCode: number
}

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const started = performance.now()
  const outDir = path.resolve(options.outDir)
  await prepareOutput(outDir)
  const batchDir = path.join(outDir, BATCH_DIR)
  await mkdir(batchDir, {recursive: true}).catch((error: Error) => {
    throw new OutputError('output.cannot-write', {file: batchDir, reason: error.message}, {cause: error})
  })
  const release = await acquireBatchLock(batchDir, outDir)
  const engine = options.engine ?? lazyOcrPool(options.jobs)
  const ownEngine = options.engine ? undefined : (engine as ReturnType<typeof lazyOcrPool>)
  const progress = options.progress ?? silentBatchReporter
  let journal: Journal<JournalEvent> | undefined
  try {
    const defaults = {procedure: options.procedure, agency: options.agency, split: options.split}
    const planned = options.manifest
      ? await planFromManifest(options.manifest, options.root, defaults)
      : await planFromRoot(options.root!, defaults)
    const journalFile = path.join(batchDir, JOURNAL_FILE)
    const previous = replayJournal(await readJournal<JournalEvent>(journalFile))
    journal = await Journal.open<JournalEvent>(journalFile)
    const log = journal
    await log.append({
      type: 'start',
      at: new Date().toISOString(),
      pid: process.pid,
      root: options.root ?? options.manifest ?? '',
      dossiers: planned.length,
    })
    await removeStalePartials(outDir)
    // One lookup per procedure code for the whole batch (the national catalogue loads once).
    const found = new Map<string, Promise<FoundProcedure>>()
    const procedure = (code: string): Promise<FoundProcedure> => {
      if (!found.has(code)) found.set(code, lookupProcedure(code, options.proceduresDir))
      return found.get(code)!
    }
    const allocator = options.allocator ?? sequenceCodeAllocator(options.dataDir)
    const context: Context = {
      options,
      outDir,
      batchDir,
      engine,
      allocator,
      journal: log,
      progress,
      procedure,
      pagesDone: 0,
    }
    // Two dossiers recognised at once keep the pool busy across a dossier's last, lone page;
    // one is analysed and packaged meanwhile; a third waits ready, so memory stays bounded.
    const limits = {inFlight: pLimit(3), recognise: pLimit(2), finalise: pLimit(1), pages: pLimit(engine.size + 1)}
    progress.start(planned.length)
    const rows = await Promise.all(
      planned.map((dossier) =>
        limits.inFlight(async () => {
          const row = await processDossier(dossier, previous.dossiers.get(dossier.id), context, limits)
          progress.dossier(row.status)
          return row
        }),
      ),
    )
    progress.stop()
    const run = {started, pagesDone: context.pagesDone, runs: previous.starts + 1, explain: options.explain}
    const result = await writeBatchReport(outDir, rows, run)
    await log.append({type: 'finish', at: new Date().toISOString(), exitCode: result.exitCode})
    return result
  } finally {
    progress.stop()
    await journal?.close()
    await ownEngine?.close()
    await release()
  }
}

/** The report files (`batch-report.json`, `batch-report.csv`) and the result they hold; failures explained in the user's language. */
export async function writeBatchReport(
  outDir: string,
  rows: BatchRow[],
  run: {started: number; pagesDone: number; runs: number; explain?: (failure: DossierFailure) => string},
): Promise<BatchResult> {
  for (const row of rows) if (row.failure && run.explain) row.reason = run.explain(row.failure)
  const seconds = round((performance.now() - run.started) / 1000)
  const result: BatchResult = {
    out: outDir,
    reportJson: path.join(outDir, REPORT_JSON),
    reportCsv: path.join(outDir, REPORT_CSV),
    totals: batchTotals(rows),
    rows,
    runs: run.runs,
    seconds,
    pagesPerMinute: seconds > 0 ? round((run.pagesDone / seconds) * 60) : 0,
    exitCode: batchExitCode(rows),
  }
  await writeJsonAtomic(result.reportJson, result)
  await writeFileAtomic(result.reportCsv, reportCsv(rows))
  return result
}

interface Context {
  options: BatchOptions
  outDir: string
  batchDir: string
  engine: OcrEngine
  allocator: CodeAllocator
  journal: Journal<JournalEvent>
  progress: BatchReporter
  procedure: (code: string) => Promise<FoundProcedure>
  pagesDone: number
}

interface Limits {
  recognise: ReturnType<typeof pLimit>
  finalise: ReturnType<typeof pLimit>
  pages: ReturnType<typeof pLimit>
}

async function processDossier(
  dossier: PlannedDossier,
  state: DossierState | undefined,
  context: Context,
  limits: Limits,
): Promise<BatchRow> {
  const started = performance.now()
  const {journal, outDir} = context
  const at = (): string => new Date().toISOString()
  const print = await fingerprint(dossier.input)
  if (state?.packaged) return checkPackaged(dossier, state, print, context)
  const sameInput = state !== undefined && state.fingerprint === print
  if (!sameInput || state.procedure !== dossier.procedure) {
    await journal.append({
      type: 'planned',
      at: at(),
      id: dossier.id,
      input: dossier.input,
      procedure: dossier.procedure,
      fingerprint: print,
    })
  }
  const current: DossierState = {
    id: dossier.id,
    input: dossier.input,
    procedure: dossier.procedure,
    fingerprint: print,
    ...(state?.code ? {code: state.code} : {}),
  }
  const fail = async (error: unknown): Promise<BatchRow> => {
    const failure = asFailure(error, dossier.input)
    const event = {type: 'failed' as const, at: at(), id: dossier.id, error: failure, seconds: round((performance.now() - started) / 1000)}
    await journal.append(event)
    return rowFor({...current, failed: event}, false)
  }
  if (dossier.invalid) return fail(new SohoaError(dossier.invalid.code, dossier.invalid.params, dossier.invalid.exitCode as ExitCode))

  // Packaged just before the crash: the bag is in place but the journal did not say so yet.
  if (state?.code) {
    const bag = path.join(outDir, state.code)
    if (await exists(bag)) return adoptBag(dossier, current, bag, started, context)
  }

  const workDir = path.join(context.batchDir, 'work', createHash('sha256').update(dossier.id).digest('hex').slice(0, 20))
  try {
    const schema = (await context.procedure(dossier.procedure)).schema
    const resumable = sameInput && state?.stage !== undefined && (await exists(path.join(workDir, PAGES_FILE)))
    let pages
    if (resumable) {
      pages = await loadPageList(workDir)
    } else {
      await rm(workDir, {recursive: true, force: true})
      await mkdir(workDir, {recursive: true})
      pages = await limits.recognise(async () =>
        recogniseDossier({
          input: dossier.input,
          workDir,
          engine: context.engine,
          pageSlots: limits.pages,
          forceOcr: context.options.forceOcr,
          preprocess: context.options.preprocess,
          timeoutPerPageMs: context.options.timeoutPerPageMs,
          reporter: {
            start() {},
            stop() {},
            advance: () => {
              context.pagesDone += 1
              context.progress.page()
            },
          },
        }),
      )
      await journal.append({type: 'stage', at: at(), id: dossier.id, stage: 'recognised'})
    }
    const recognisedPages = pages
    const row = await limits.finalise(async () => {
      const draftFile = path.join(workDir, DRAFT_FILE)
      let draft: DossierDraft
      if (resumable && state?.stage === 'analysed' && (await exists(draftFile))) {
        draft = JSON.parse(await readFile(draftFile, 'utf8')) as DossierDraft
      } else {
        draft = await analyseDraft(recognisedPages, {
          input: dossier.input,
          workDir,
          split: dossier.split ?? 'auto',
          procedure: schema,
          agency: dossier.agency,
          ownerId: dossier.ownerId,
          keepBlank: context.options.preprocess?.keepBlank,
        })
        await journal.append({type: 'stage', at: at(), id: dossier.id, stage: 'analysed'})
      }
      const result = await finaliseDossier(draft, recognisedPages, {
        workDir,
        outDir,
        procedure: schema,
        allocator: journaledAllocator(current, context),
        allowLowDpi: context.options.allowLowDpi,
        strict: false,
        software: context.options.software,
        renderReview: context.options.renderReview,
        now: new Date(),
        signing: context.options.signing,
      })
      const event = {
        type: 'packaged' as const,
        at: at(),
        id: dossier.id,
        code: result.dossierCode!,
        valid: result.valid,
        pages: recognisedPages.length,
        documents: result.documents.length,
        issues: result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code),
        seconds: round((performance.now() - started) / 1000),
      }
      await journal.append(event)
      return rowFor({...current, packaged: event}, false)
    })
    await rm(workDir, {recursive: true, force: true})
    return row
  } catch (error) {
    await rm(workDir, {recursive: true, force: true}).catch(() => {})
    return fail(error)
  }
}

/** The code journaled for this dossier, or a new one journaled before it is used. */
function journaledAllocator(state: DossierState, context: Context): CodeAllocator {
  return {
    async allocate(agency, day) {
      if (state.code) return state.code
      const code = await context.allocator.allocate(agency, day)
      await context.journal.append({type: 'code', at: new Date().toISOString(), id: state.id, code})
      state.code = code
      return code
    },
  }
}

async function checkPackaged(dossier: PlannedDossier, state: DossierState, print: string, context: Context): Promise<BatchRow> {
  const row = rowFor(state, true)
  const bag = path.join(context.outDir, state.packaged!.code)
  if (state.fingerprint !== print) {
    return {
      ...row,
      status: 'changed',
      failure: {code: 'batch.input-changed', params: {file: dossier.input, bag}, exitCode: ExitCode.BatchPartlyFailed},
    }
  }
  const report = await verifyBag(bag, 'fast').catch(() => undefined)
  if (!report?.valid) {
    return {
      ...row,
      status: 'failed',
      issues: ['batch.bag-damaged'],
      failure: {code: 'batch.bag-damaged', params: {file: bag}, exitCode: ExitCode.VerificationFailed},
    }
  }
  return row
}

async function adoptBag(dossier: PlannedDossier, state: DossierState, bag: string, started: number, context: Context): Promise<BatchRow> {
  const report = await verifyBag(bag, 'fast')
  if (!report.valid) {
    const failure = {code: 'batch.bag-damaged', params: {file: bag}, exitCode: ExitCode.VerificationFailed}
    return {...rowFor(state, true), status: 'failed', issues: [failure.code], failure}
  }
  const event = {
    type: 'packaged' as const,
    at: new Date().toISOString(),
    id: dossier.id,
    ...(await bagSummary(bag)),
    seconds: round((performance.now() - started) / 1000),
  }
  await context.journal.append(event)
  return rowFor({...state, packaged: event}, true)
}

export async function prepareOutput(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined)
  if (info && !info.isDirectory()) throw new OutputError('batch.out-not-folder', {file: outDir})
  try {
    await mkdir(outDir, {recursive: true})
    await access(outDir, constants.W_OK)
  } catch (error) {
    throw new OutputError('output.cannot-write', {file: outDir, reason: (error as Error).message}, {cause: error})
  }
}

/**
 * Hidden `.<code>.partial-<pid>-…` folders left by a killed packaging step whose process is gone;
 * `all` once no packaging can be running (a queued batch whose jobs are all finished, written on any machine).
 */
export async function removeStalePartials(outDir: string, all = false): Promise<void> {
  for (const name of await readdir(outDir)) {
    const match = /^\..+\.partial-(\d+)-[0-9a-f]+$/.exec(name)
    if (!match) continue
    if (!all && isAlive({pid: Number(match[1]), host: os.hostname(), startedAt: ''}) && Number(match[1]) !== process.pid) continue
    await rm(path.join(outDir, name), {recursive: true, force: true})
  }
}

function asFailure(error: unknown, input: string): DossierFailure {
  if (error instanceof SohoaError) return {code: error.code, params: error.params, exitCode: error.exitCode}
  const detail = error instanceof Error ? error.message : String(error)
  return {code: 'batch.dossier-error', params: {file: input, detail}, exitCode: ExitCode.Internal}
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
