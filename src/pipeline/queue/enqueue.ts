/**
 * `sohoa batch <root> --out <dir> --queue redis://…`: one job per dossier on the queue, then
 * the run followed to its end, with the report files and exit codes of a local batch.
 *
 * Enqueuing is idempotent (a job's id is the dossier's input identity), so the same command run
 * again, after an interruption or a lost connection, adds only what is missing and follows
 * the rest. Before any job is added the code sequence in Redis is checked: a missing marker
 * while bags or this machine's record prove codes were given is a Redis that lost its data,
 * and the run is refused (exit 7) rather than reuse codes.
 */
import {createHash} from 'node:crypto'
import {readdir} from 'node:fs/promises'
import path from 'node:path'

import pLimit from 'p-limit'

import type {BatchRow} from '../../core/batch.js'
import {type DossierJob, DOSSIER_JOB_VERSION, type DossierJobOptions, decodeFailure, type QueuedOutcome, queuedRow} from '../../core/dossier-job.js'
import {MissingDependencyError, UsageError} from '../../core/errors.js'
import {type BatchReporter, silentBatchReporter} from '../../core/reporter.js'
import {resolveDataDir} from '../../tools/data-dir.js'
import {DossierQueue} from '../../tools/dossier-queue.js'
import {ensureSequenceMarker, recordedMarker, recordMarker, sequenceMarker} from '../../tools/redis-code-sequence.js'
import {connectRedis, type Redis, shownRedisUrl, withTimeout} from '../../tools/redis.js'
import {fingerprint, planFromManifest, planFromRoot, type PlannedDossier} from '../batch/plan.js'
import {type BatchOptions, type BatchResult, prepareOutput, removeStalePartials, writeBatchReport} from '../batch/run-batch.js'

export interface QueuedBatchOptions
  extends Pick<
    BatchOptions,
    'root' | 'manifest' | 'outDir' | 'procedure' | 'agency' | 'split' | 'forceOcr' | 'preprocess' | 'allowLowDpi' | 'timeoutPerPageMs' | 'dataDir' | 'explain'
  > {
  queueUrl: string
  /** The shared storage root on this machine; jobs name inputs and outputs relative to it. */
  share?: string
  /** How long the first contact with Redis, and any later loss of it, may last before exit 7. */
  waitRedisMs: number
  /** How often the run is looked at. */
  pollMs?: number
  progress?: BatchReporter
}

const BAG_NAME = /-\d{6}-\d{4}$/

export async function runQueuedBatch(options: QueuedBatchOptions): Promise<BatchResult> {
  const started = performance.now()
  const outDir = path.resolve(options.outDir)
  await prepareOutput(outDir)
  const defaults = {procedure: options.procedure, agency: options.agency, split: options.split}
  const planned = options.manifest
    ? await planFromManifest(options.manifest, options.root, defaults)
    : await planFromRoot(options.root!, defaults)
  const url = shownRedisUrl(options.queueUrl)
  const redis = await connectRedis(options.queueUrl, options.waitRedisMs)
  const queue = new DossierQueue(redis)
  const progress = options.progress ?? silentBatchReporter
  try {
    const dataDir = resolveDataDir(options.dataDir)
    const marker = await ensureSequenceMarker({redis, url}, async () => {
      const seen = await recordedMarker(dataDir, url)
      if (seen) return `marker ${seen} (${dataDir})`
      const bags = (await readdir(outDir)).filter((name) => BAG_NAME.test(name))
      return bags.length > 0 ? `${bags.length} bags in ${outDir}` : undefined
    })
    await recordMarker(dataDir, url, marker)
    const jobOptions: DossierJobOptions = {
      forceOcr: options.forceOcr,
      allowLowDpi: options.allowLowDpi,
      ...(options.timeoutPerPageMs ? {timeoutPerPageMs: options.timeoutPerPageMs} : {}),
      ...(options.preprocess ? {preprocess: options.preprocess} : {}),
    }
    const jobs = await Promise.all(planned.map(async (dossier) => jobFor(dossier, outDir, options.share, marker, jobOptions)))
    await queue.add(jobs)
    progress.start(jobs.length)
    const rows = await follow(jobs, {queue, redis, url, waitRedisMs: options.waitRedisMs, pollMs: options.pollMs ?? 500, progress})
    progress.stop()
    await removeStalePartials(outDir, true)
    const pagesDone = rows.reduce((sum, row) => sum + (row.resumed ? 0 : (row.pages ?? 0)), 0)
    return await writeBatchReport(outDir, rows, {started, pagesDone, runs: 1, explain: options.explain})
  } finally {
    progress.stop()
    await queue.close()
    redis.disconnect()
  }
}

/** The job id: the dossier's output folder and its id in the batch, hashed (BullMQ ids take no `:`). */
export function dossierKey(out: string, id: string): string {
  return createHash('sha256').update(`${out}\0${id}`).digest('hex').slice(0, 32)
}

async function jobFor(
  dossier: PlannedDossier,
  outDir: string,
  share: string | undefined,
  marker: string,
  options: DossierJobOptions,
): Promise<DossierJob> {
  const out = relativeToShare(outDir, share)
  return {
    jobVersion: DOSSIER_JOB_VERSION,
    key: dossierKey(out, dossier.id),
    id: dossier.id,
    input: relativeToShare(path.resolve(dossier.input), share),
    out,
    procedure: dossier.procedure,
    agency: dossier.agency,
    ...(dossier.ownerId ? {ownerId: dossier.ownerId} : {}),
    split: dossier.split ?? 'auto',
    fingerprint: dossier.invalid ? '' : await fingerprint(dossier.input),
    sequenceMarker: marker,
    options,
    ...(dossier.invalid ? {invalid: dossier.invalid} : {}),
  }
}

function relativeToShare(file: string, share: string | undefined): string {
  if (!share) return file
  const relative = path.relative(path.resolve(share), file)
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError('queue.outside-share', {file, share})
  return relative
}

interface Follow {
  queue: DossierQueue
  redis: Redis
  url: string
  waitRedisMs: number
  pollMs: number
  progress: BatchReporter
}

/** Looks at the unfinished jobs until none is left; a Redis away longer than `waitRedisMs` is exit 7. */
async function follow(jobs: readonly DossierJob[], context: Follow): Promise<BatchRow[]> {
  const outcomes = new Map<string, QueuedOutcome>()
  const limit = pLimit(16)
  let lastAnswer = Date.now()
  while (outcomes.size < jobs.length) {
    try {
      const pending = jobs.filter((job) => !outcomes.has(job.key))
      const looks = Promise.all(pending.map((job) => limit(async () => look(job, context, outcomes))))
      await withTimeout(looks, Math.min(5000, context.waitRedisMs))
      lastAnswer = Date.now()
    } catch (error) {
      if (error instanceof MissingDependencyError) throw error
      limit.clearQueue()
      if (Date.now() - lastAnswer > context.waitRedisMs) {
        throw new MissingDependencyError('queue.redis-lost', {url: context.url, seconds: Math.round(context.waitRedisMs / 1000)}, {cause: error})
      }
    }
    if (outcomes.size < jobs.length) await new Promise((resolve) => setTimeout(resolve, context.pollMs))
  }
  return jobs.map((job) => queuedRow(job, outcomes.get(job.key)!))
}

async function look(job: DossierJob, context: Follow, outcomes: Map<string, QueuedOutcome>): Promise<void> {
  const found = await context.queue.get(job.key)
  if (!found) {
    // Gone from Redis: lost with its data (then the marker is gone too), or removed by hand.
    if (!(await sequenceMarker(context.redis))) throw new MissingDependencyError('queue.sequence-lost', {url: context.url, evidence: `marker ${job.sequenceMarker}`})
    await context.queue.add([job])
    return
  }
  let outcome: QueuedOutcome | undefined
  if (found.state === 'completed' && found.result) {
    outcome = {state: 'completed', result: found.result, changed: found.result.fingerprint !== job.fingerprint}
  }
  else if (found.state === 'failed') outcome = {state: 'failed', failure: decodeFailure(found.failedReason, job.input)}
  if (!outcome) return
  outcomes.set(job.key, outcome)
  if (outcome.state === 'completed') for (let page = 0; page < outcome.result.pages; page += 1) context.progress.page()
  context.progress.dossier(queuedRow(job, outcome).status)
}
