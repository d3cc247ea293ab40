/**
 * A dossier as a queue job (SPEC §7 `batch --queue`, `worker`): plain data that any worker on
 * any machine can run, and what it reports back. Paths are relative to the shared storage root
 * each machine names (`--share`), so the same job runs wherever that storage is mounted.
 */
import {type BatchRow, type DossierFailure, type JournalEvent, rowFor} from './batch.js'
import type {SplitMode} from './dossier.js'
import {ExitCode} from './exit-codes.js'

export const DOSSIER_JOB_VERSION = 1

export interface DossierJobOptions {
  forceOcr: boolean
  allowLowDpi: boolean
  timeoutPerPageMs?: number
  preprocess?: {rotate?: boolean; deskew?: boolean; keepBlank?: boolean}
}

export interface DossierJob {
  jobVersion: typeof DOSSIER_JOB_VERSION
  /**
   * The dossier's input identity, the key of everything done at most once for it: its code in
   * the sequence, its bag (recorded in bag-info as Internal-Sender-Identifier), the job id.
   */
  key: string
  /** The id in the batch's report (as `sohoa batch` names it). */
  id: string
  /** Input folder or file, relative to the shared root (absolute when none was given). */
  input: string
  /** Output folder, the same way. */
  out: string
  procedure: string
  agency: string
  ownerId?: string
  split: SplitMode
  /** The input's file names, sizes and times when enqueued. */
  fingerprint: string
  /** The sequence marker the enqueuer saw: a worker never takes a code from a Redis that lost it. */
  sequenceMarker: string
  options: DossierJobOptions
  /** Known before any work: the dossier fails with this reason. */
  invalid?: DossierFailure
}

/** Seconds spent in each stage of one dossier. */
export interface StageTimings {
  recognise: number
  analyse: number
  finalise: number
}

/** What a worker reports for a packaged dossier: the facts a local batch journals, and how the run went. */
export type DossierJobResult = Omit<Extract<JournalEvent, {type: 'packaged'}>, 'type' | 'at' | 'id'> & {
  timings: StageTimings
  /** The bag was already in place (a job delivered twice): it was checked and taken, not written again. */
  adopted: boolean
  /** Host and process of the worker that ran it. */
  worker: string
  /** The input's fingerprint when the worker read it (a retried job may have read a corrected input). */
  fingerprint: string
}

/** Where a queued dossier stands, as the enqueuer sees it. */
export type QueuedOutcome =
  /** `changed`: packaged earlier from inputs that changed since (the old bag is kept). */
  | {state: 'completed'; result: DossierJobResult; changed?: boolean}
  | {state: 'failed'; failure: DossierFailure}
  | {state: 'pending'}

/** The report row of a queued dossier: the same columns as a local batch. */
export function queuedRow(job: Pick<DossierJob, 'id' | 'input' | 'procedure' | 'fingerprint'>, outcome: QueuedOutcome): BatchRow {
  const state = {id: job.id, input: job.input, procedure: job.procedure, fingerprint: job.fingerprint}
  if (outcome.state === 'completed') {
    const {result} = outcome
    const packaged = {
      type: 'packaged' as const,
      at: '',
      id: job.id,
      code: result.code,
      valid: result.valid,
      pages: result.pages,
      documents: result.documents,
      issues: result.issues,
      seconds: result.seconds,
    }
    const row = rowFor({...state, packaged}, result.adopted)
    if (!outcome.changed) return row
    const failure = {code: 'batch.input-changed', params: {file: job.input, bag: result.code}, exitCode: ExitCode.BatchPartlyFailed}
    return {...row, status: 'changed', failure}
  }
  if (outcome.state === 'failed') return rowFor({...state, failed: {type: 'failed', at: '', id: job.id, error: outcome.failure, seconds: 0}}, false)
  return rowFor(state, false)
}

/** A failure carried through the queue as text (BullMQ keeps a failed job's reason as a string). */
export function encodeFailure(failure: DossierFailure): string {
  return JSON.stringify(failure)
}

export function decodeFailure(reason: string | undefined, input: string): DossierFailure {
  try {
    const value = JSON.parse(reason ?? '') as Partial<DossierFailure>
    if (typeof value.code === 'string' && typeof value.exitCode === 'number') return {code: value.code, params: value.params ?? {}, exitCode: value.exitCode}
  } catch {
    // not one of ours: a worker crash or a BullMQ reason such as a job stalled too often
  }
  return {code: 'batch.dossier-error', params: {file: input, detail: reason ?? ''}, exitCode: ExitCode.Internal}
}
