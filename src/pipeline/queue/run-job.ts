/**
 * One queued dossier on a worker: the stages of a local batch (recognise → analyse → finalise)
 * in a local work folder, the bag written into the shared output.
 *
 * Exactly-once packages under at-least-once delivery: the code comes from the Redis sequence
 * keyed by the dossier's input identity (a second run gets the same code, never a second one),
 * the bag is named by that code and renamed into place as a whole (the commit point), and a run
 * that finds the bag in place (a run before it committed, then died or was only slow) checks it
 * and reports it instead of writing another. Two runs at once race only for the rename; the
 * loser finds the winner's bag and takes it.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, rm, stat} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import type {LimitFunction} from 'p-limit'

import type {DossierFailure} from '../../core/batch.js'
import type {CodeAllocator} from '../../core/code-allocator.js'
import type {DossierJob, DossierJobResult, StageTimings} from '../../core/dossier-job.js'
import {SohoaError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import type {OcrEngine} from '../../core/ocr-engine.js'
import type {ReviewSheetRenderer} from '../../core/review-sheet.js'
import {DossierJobFailed} from '../../tools/dossier-queue.js'
import {assignedCode, redisCodeAllocator, type SequenceLocation} from '../../tools/redis-code-sequence.js'
import {analyseDraft} from '../analyse-draft.js'
import {bagSummary} from '../batch/bag-summary.js'
import {fingerprint} from '../batch/plan.js'
import {finaliseDossier} from '../finalise-dossier.js'
import type {FoundProcedure} from '../procedure-catalogue.js'
import {recogniseDossier} from '../recognise-dossier.js'
import type {DocumentSigning} from '../sign-documents.js'
import {verifyBag} from '../verify.js'

export interface JobContext {
  /** The shared storage root on this machine: job paths are relative to it. */
  share?: string
  engine: OcrEngine
  /** Pages in flight across the dossiers this worker runs at once. */
  pageSlots: LimitFunction
  sequence: SequenceLocation
  /** Local (not shared) folder for work folders. */
  workRoot: string
  procedure: (code: string) => Promise<FoundProcedure>
  /** `sohoa/<version>`: the PDF creator and the bag's software agent. */
  software: string
  /** Turns each package's review sheet into data/review.html. */
  renderReview: ReviewSheetRenderer
  signing?: DocumentSigning
  onPage?: () => void
}

export function sharedPath(share: string | undefined, relative: string): string {
  return path.isAbsolute(relative) ? relative : path.join(share ?? '/', relative)
}

export async function runDossierJob(
  job: DossierJob,
  context: JobContext,
  report: (progress: object) => Promise<void> = async () => {},
): Promise<DossierJobResult> {
  const started = performance.now()
  const timings: StageTimings = {recognise: 0, analyse: 0, finalise: 0}
  const input = sharedPath(context.share, job.input)
  const outDir = sharedPath(context.share, job.out)
  const print = await fingerprint(input)
  const worker = `${os.hostname()}:${process.pid}`
  const result = (bag: Awaited<ReturnType<typeof bagSummary>>, adopted: boolean): DossierJobResult => ({
    ...bag,
    seconds: round((performance.now() - started) / 1000),
    timings,
    adopted,
    worker,
    fingerprint: print,
  })
  if (job.invalid) throw new DossierJobFailed(job.invalid)

  // Packaged by an earlier delivery: check and report the bag, never write a second one.
  const earlier = await assignedCode(context.sequence.redis, job.key)
  if (earlier && (await exists(path.join(outDir, earlier)))) return result(await adopt(path.join(outDir, earlier)), true)

  let given: string | undefined
  const allocator: CodeAllocator = {
    async allocate(agency, day) {
      given = await redisCodeAllocator(context.sequence, job.key, job.sequenceMarker).allocate(agency, day)
      return given
    },
  }
  // Its own folder even for a second delivery of the same job to this worker (a stall it outlived).
  const workDir = path.join(context.workRoot, `${job.key}-${randomBytes(4).toString('hex')}`)
  try {
    await rm(workDir, {recursive: true, force: true})
    await mkdir(workDir, {recursive: true})
    const schema = (await context.procedure(job.procedure)).schema
    const stage = async <T>(name: keyof StageTimings, work: () => Promise<T>): Promise<T> => {
      await report({stage: name, timings, worker})
      const at = performance.now()
      const value = await work()
      timings[name] = round((performance.now() - at) / 1000)
      return value
    }
    const pages = await stage('recognise', () =>
      recogniseDossier({
        input,
        workDir,
        engine: context.engine,
        pageSlots: context.pageSlots,
        forceOcr: job.options.forceOcr,
        preprocess: job.options.preprocess,
        timeoutPerPageMs: job.options.timeoutPerPageMs,
        reporter: {start() {}, stop() {}, advance: () => context.onPage?.()},
      }),
    )
    const draft = await stage('analyse', () =>
      analyseDraft(pages, {
        input,
        workDir,
        split: job.split,
        keepBlank: job.options.preprocess?.keepBlank,
        procedure: schema,
        agency: job.agency,
        ownerId: job.ownerId,
      }),
    )
    const finalised = await stage('finalise', () =>
      finaliseDossier(draft, pages, {
        workDir,
        outDir,
        procedure: schema,
        allocator,
        allowLowDpi: job.options.allowLowDpi,
        strict: false,
        software: context.software,
        renderReview: context.renderReview,
        now: new Date(),
        signing: context.signing,
        senderIdentifier: job.key,
      }),
    )
    await report({stage: 'done', timings, worker})
    return result(await bagSummary(finalised.package!), false)
  } catch (error) {
    // Another delivery of this job committed the same bag first: take it.
    if (given && (await exists(path.join(outDir, given)))) return result(await adopt(path.join(outDir, given)), true)
    throw asJobError(error, input)
  } finally {
    await rm(workDir, {recursive: true, force: true}).catch(() => {})
  }
}

async function adopt(bag: string): Promise<Awaited<ReturnType<typeof bagSummary>>> {
  const report = await verifyBag(bag, 'fast')
  if (!report.valid) throw new DossierJobFailed({code: 'batch.bag-damaged', params: {file: bag}, exitCode: ExitCode.VerificationFailed})
  return bagSummary(bag)
}

/**
 * A dossier's own failure (bad input, unknown procedure, a lost sequence) is final, with its
 * reason; anything else (Redis gone mid-write, a full disk) is thrown as it is, for BullMQ to
 * try the job again.
 */
function asJobError(error: unknown, input: string): Error {
  if (error instanceof DossierJobFailed) return error
  if (error instanceof SohoaError) {
    const failure: DossierFailure = {code: error.code, params: error.params, exitCode: error.exitCode}
    return new DossierJobFailed(failure)
  }
  return error instanceof Error ? error : new Error(`${input}: ${String(error)}`)
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
