/**
 * `sohoa batch status --queue …` and `sohoa batch retry --queue …`: the jobs on the queue, as
 * the report's rows (waiting and running ones `pending`), and failed (or all finished) jobs
 * moved back to waiting. With an output folder, only that batch's jobs.
 */
import path from 'node:path'

import type {BatchRow} from '../../core/batch.js'
import {decodeFailure, type QueuedOutcome, queuedRow} from '../../core/dossier-job.js'
import {DossierQueue, type JobCounts, type QueuedJob} from '../../tools/dossier-queue.js'
import {connectRedis, shownRedisUrl} from '../../tools/redis.js'

export interface QueueStatusOptions {
  queueUrl: string
  waitRedisMs: number
  /** Only the jobs of the batch writing to this folder (named as the enqueuer named it: relative to `share`, or absolute). */
  out?: string
  share?: string
}

export interface QueueStatus {
  queue: string
  counts: JobCounts
  jobs: Array<{state: QueuedJob['state']; attempts: number; progress?: unknown; row: BatchRow}>
}

export async function queueStatus(options: QueueStatusOptions): Promise<QueueStatus> {
  return withQueue(options, async (queue) => {
    const jobs = (await queue.list(['active', 'waiting', 'delayed', 'failed', 'completed'])).filter(inBatch(options))
    return {
      queue: shownRedisUrl(options.queueUrl),
      counts: await queue.counts(),
      jobs: jobs.map((job) => ({
        state: job.state,
        attempts: job.attempts,
        ...(job.progress === undefined ? {} : {progress: job.progress}),
        row: queuedRow(job.data, outcomeOf(job)),
      })),
    }
  })
}

export interface RetryResult {
  queue: string
  retried: string[]
}

/** Failed jobs (and, unless `failedOnly`, completed ones, whose rerun only checks their bag) back to waiting. */
export async function retryQueued(options: QueueStatusOptions & {failedOnly: boolean}): Promise<RetryResult> {
  return withQueue(options, async (queue) => {
    const keys = new Set((await queue.list(['failed', 'completed'])).filter(inBatch(options)).map((job) => job.key))
    const retried = await queue.retry(options.failedOnly ? ['failed'] : ['failed', 'completed'], (key) => keys.has(key))
    return {queue: shownRedisUrl(options.queueUrl), retried}
  })
}

async function withQueue<T>(options: QueueStatusOptions, work: (queue: DossierQueue) => Promise<T>): Promise<T> {
  const redis = await connectRedis(options.queueUrl, options.waitRedisMs)
  const queue = new DossierQueue(redis)
  try {
    return await work(queue)
  } finally {
    await queue.close()
    redis.disconnect()
  }
}

function inBatch(options: QueueStatusOptions): (job: QueuedJob) => boolean {
  if (options.out === undefined) return () => true
  const out = path.resolve(options.out)
  const named = options.share ? path.relative(path.resolve(options.share), out) : out
  return (job) => job.data.out === named
}

function outcomeOf(job: QueuedJob): QueuedOutcome {
  if (job.state === 'completed' && job.result) return {state: 'completed', result: job.result}
  if (job.state === 'failed') return {state: 'failed', failure: decodeFailure(job.failedReason, job.data.input)}
  return {state: 'pending'}
}
