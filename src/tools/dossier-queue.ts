/**
 * The dossier queue on BullMQ (SPEC §7 `batch --queue`, `worker`): the distributed engine, not
 * a home-made one. Jobs are keyed by the dossier's input identity (BullMQ's job id), so
 * enqueuing a batch again adds nothing already there. Delivery is at least once: a worker
 * that dies has its job moved back to waiting by BullMQ's stalled-job check; the worker's
 * side makes a second run harmless (src/pipeline/queue/run-job.ts).
 */
import {Job, Queue, UnrecoverableError, Worker} from 'bullmq'

import type {DossierFailure} from '../core/batch.js'
import {type DossierJob, type DossierJobResult, encodeFailure} from '../core/dossier-job.js'
import type {Redis} from './redis.js'

export const QUEUE_NAME = 'sohoa-dossiers'

export type JobStateName = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed' | 'unknown'

export interface QueuedJob {
  key: string
  state: JobStateName
  data: DossierJob
  result?: DossierJobResult
  failedReason?: string
  attempts: number
  /** What the worker last reported: the stage it is in and the seconds of those done. */
  progress?: unknown
}

export interface JobCounts {
  waiting: number
  active: number
  completed: number
  failed: number
  delayed: number
}

/** The queue as the enqueuer, `batch status` and `batch retry` see it. */
export class DossierQueue {
  private readonly queue: Queue<DossierJob, DossierJobResult>

  constructor(connection: Redis, name = QUEUE_NAME) {
    this.queue = new Queue<DossierJob, DossierJobResult>(name, {connection})
    this.queue.on('error', () => {})
  }

  /** Adds the jobs not already known (by key); a finished job stays as it is. */
  async add(jobs: readonly DossierJob[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += 500) {
      await this.queue.addBulk(
        jobs.slice(start, start + 500).map((data) => ({
          name: 'dossier',
          data,
          opts: {jobId: data.key, attempts: 3, backoff: {type: 'fixed', delay: 2000}},
        })),
      )
    }
  }

  async get(key: string): Promise<QueuedJob | undefined> {
    const job = (await this.queue.getJob(key)) as Job<DossierJob, DossierJobResult> | undefined
    if (!job) return undefined
    return describe(job, normaliseState(await job.getState()))
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'paused')
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
      active: counts.active ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      delayed: counts.delayed ?? 0,
    }
  }

  /** Every job in the given states, oldest first. */
  async list(states: ReadonlyArray<Exclude<JobStateName, 'unknown'>>): Promise<QueuedJob[]> {
    const found: QueuedJob[] = []
    for (const state of states) {
      const types = state === 'waiting' ? (['waiting', 'prioritized', 'paused'] as const) : ([state] as const)
      const jobs = (await this.queue.getJobs([...types], 0, -1, true)) as Array<Job<DossierJob, DossierJobResult>>
      for (const job of jobs) if (job) found.push(describe(job, state))
    }
    return found
  }

  /** Moves the chosen failed (or completed) jobs back to waiting; returns their keys. */
  async retry(states: ReadonlyArray<'failed' | 'completed'>, which: (key: string) => boolean = () => true): Promise<string[]> {
    const moved: string[] = []
    for (const state of states) {
      const jobs = (await this.queue.getJobs([state], 0, -1, true)) as Array<Job<DossierJob, DossierJobResult>>
      for (const job of jobs) {
        if (!job || !which(job.id!)) continue
        await job.retry(state, {resetAttemptsMade: true})
        moved.push(job.id!)
      }
    }
    return moved
  }

  async close(): Promise<void> {
    await this.queue.close().catch(() => {})
  }
}

function describe(job: Job<DossierJob, DossierJobResult>, state: JobStateName): QueuedJob {
  return {
    key: job.id!,
    state,
    data: job.data,
    ...(state === 'completed' && job.returnvalue ? {result: job.returnvalue} : {}),
    ...(state === 'failed' ? {failedReason: job.failedReason} : {}),
    attempts: job.attemptsMade,
    ...(job.progress !== undefined && job.progress !== 0 ? {progress: job.progress} : {}),
  }
}

function normaliseState(state: string): JobStateName {
  if (state === 'prioritized' || state === 'waiting-children' || state === 'paused' || state === 'wait') return 'waiting'
  if (state === 'waiting' || state === 'active' || state === 'completed' || state === 'failed' || state === 'delayed') return state
  return 'unknown'
}

/** A dossier the worker could not package: final, with its reason (BullMQ does not try it again). */
export class DossierJobFailed extends Error {
  constructor(readonly failure: DossierFailure) {
    super(failure.code)
  }
}

export interface DossierWorkerOptions {
  /** Dossiers run at once by this worker. */
  concurrency: number
  /** Seconds a job's lock lasts without renewal; a dead worker's job is taken back within about twice that. */
  lockSeconds: number
  onConnectionError?: (error: Error) => void
}

export type DossierProcessor = (data: DossierJob, report: (progress: object) => Promise<void>) => Promise<DossierJobResult>

/** A BullMQ worker over the dossier queue; `returnActive` hands its jobs back for another worker. */
export class DossierWorker {
  private readonly worker: Worker<DossierJob, DossierJobResult>
  private readonly active = new Map<string, {job: Job<DossierJob, DossierJobResult>; token: string}>()

  constructor(
    private readonly connection: Redis,
    processor: DossierProcessor,
    options: DossierWorkerOptions,
    private readonly name = QUEUE_NAME,
  ) {
    const lockDuration = options.lockSeconds * 1000
    this.worker = new Worker<DossierJob, DossierJobResult>(
      name,
      async (job, token) => {
        this.active.set(job.id!, {job, token: token ?? ''})
        try {
          return await processor(job.data, (progress) => job.updateProgress(progress))
        } catch (error) {
          if (error instanceof DossierJobFailed) throw new UnrecoverableError(encodeFailure(error.failure))
          throw error
        } finally {
          this.active.delete(job.id!)
        }
      },
      {
        connection,
        concurrency: options.concurrency,
        lockDuration,
        stalledInterval: lockDuration,
        maxStalledCount: 2,
        autorun: true,
      },
    )
    this.worker.on('error', (error) => options.onConnectionError?.(error))
  }

  get running(): number {
    return this.active.size
  }

  /**
   * Stops taking jobs and moves the ones in hand back to waiting, for another worker to take at
   * once. The worker's own connections are closed first, through a spare one the jobs are moved:
   * a fetch still waiting on Redis would otherwise take a returned job straight back.
   */
  async returnActive(): Promise<string[]> {
    const returned: string[] = []
    const spare = this.connection.duplicate()
    spare.on('error', () => {})
    await this.worker.close(true).catch(() => {})
    this.connection.disconnect()
    if (this.active.size === 0) {
      spare.disconnect()
      return returned
    }
    const queue = new Queue<DossierJob, DossierJobResult>(this.name, {connection: spare})
    queue.on('error', () => {})
    try {
      for (const [key, {token}] of this.active) {
        try {
          const job = await Job.fromId<DossierJob, DossierJobResult>(queue, key)
          await job?.moveToWait(token)
          if (job) returned.push(key)
        } catch {
          // the lock is gone already: BullMQ's stalled check gives the job back
        }
      }
    } finally {
      await queue.close().catch(() => {})
      spare.disconnect()
    }
    return returned
  }

  async close(): Promise<void> {
    await this.worker.close().catch(() => {})
  }

  /** Resolves when the worker stops (closed, or its connection given up). */
  async closed(): Promise<void> {
    await new Promise<void>((resolve) => this.worker.once('closed', () => resolve()))
  }
}
