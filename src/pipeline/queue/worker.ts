/**
 * `sohoa worker`: takes dossier jobs from the queue and runs each like a local batch would,
 * on one OCR pool. While Redis is away it waits (ioredis reconnects) and goes on; Ctrl-C or
 * SIGTERM hands the jobs in hand back to the queue at once (another worker takes them) and
 * stops; a worker killed outright has its jobs taken back by BullMQ's stalled-job check.
 */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import pLimit from 'p-limit'

import type {DossierFailure} from '../../core/batch.js'
import type {DossierJob, DossierJobResult} from '../../core/dossier-job.js'
import type {OcrEngine} from '../../core/ocr-engine.js'
import type {ReviewSheetRenderer} from '../../core/review-sheet.js'
import {DossierJobFailed, DossierQueue, DossierWorker} from '../../tools/dossier-queue.js'
import {connectRedis, shownRedisUrl} from '../../tools/redis.js'
import {registerCleanup} from '../../tools/shutdown.js'
import {lazyOcrPool} from '../../tools/tesseract.js'
import {type FoundProcedure, lookupProcedure} from '../procedure-catalogue.js'
import {pagesInFlight} from '../recognise.js'
import type {DocumentSigning} from '../sign-documents.js'
import {runDossierJob} from './run-job.js'

export interface WorkerEvents {
  ready?(url: string): void
  started?(job: DossierJob): void
  done?(job: DossierJob, result: DossierJobResult): void
  failed?(job: DossierJob, failure: DossierFailure | Error): void
  redisLost?(url: string): void
  redisBack?(url: string): void
  returned?(keys: string[]): void
}

export interface WorkerOptions {
  queueUrl: string
  share?: string
  /** OCR workers (tesseract) of this worker. */
  jobs: number
  /** Dossiers at once: two keep the OCR pool busy across a dossier's analysis and packaging. */
  concurrency?: number
  /** BullMQ lock: a killed worker's job is taken back within about twice this. */
  lockSeconds: number
  /** How long the first contact with Redis may take. */
  connectMs: number
  /** Stop once the queue has nothing waiting or running (benchmarks, one-off runs). */
  untilEmpty?: boolean
  proceduresDir?: string
  software: string
  renderReview: ReviewSheetRenderer
  signing?: DocumentSigning
  engine?: OcrEngine
  events?: WorkerEvents
}

export interface WorkerSummary {
  done: number
  failed: number
  pages: number
  seconds: number
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const url = shownRedisUrl(options.queueUrl)
  const redis = await connectRedis(options.queueUrl, options.connectMs)
  const events = options.events ?? {}
  let away = false
  redis.on('error', () => {
    if (!away) events.redisLost?.(url)
    away = true
  })
  redis.on('ready', () => {
    if (away) events.redisBack?.(url)
    away = false
  })
  const engine = options.engine ?? lazyOcrPool(options.jobs)
  const ownEngine = options.engine ? undefined : (engine as ReturnType<typeof lazyOcrPool>)
  const workRoot = await mkdtemp(path.join(os.tmpdir(), 'sohoa-worker-'))
  const found = new Map<string, Promise<FoundProcedure>>()
  const summary: WorkerSummary = {done: 0, failed: 0, pages: 0, seconds: 0}
  const started = performance.now()
  const context = {
    share: options.share,
    engine,
    pageSlots: pLimit(pagesInFlight(engine.size)),
    sequence: {redis, url},
    workRoot,
    procedure: (code: string): Promise<FoundProcedure> => {
      if (!found.has(code)) found.set(code, lookupProcedure(code, options.proceduresDir))
      return found.get(code)!
    },
    software: options.software,
    renderReview: options.renderReview,
    signing: options.signing,
    onPage: () => (summary.pages += 1),
  }
  const worker = new DossierWorker(
    redis,
    async (job, report) => {
      events.started?.(job)
      try {
        const result = await runDossierJob(job, context, report)
        summary.done += 1
        events.done?.(job, result)
        return result
      } catch (error) {
        summary.failed += 1
        events.failed?.(job, error instanceof DossierJobFailed ? error.failure : (error as Error))
        throw error
      }
    },
    {concurrency: options.concurrency ?? 2, lockSeconds: options.lockSeconds},
  )
  events.ready?.(url)
  const unregister = registerCleanup(async () => {
    events.returned?.(await worker.returnActive())
    redis.disconnect()
  })
  try {
    if (options.untilEmpty) await untilEmpty(new DossierQueue(redis), worker)
    else await worker.closed()
    await worker.close()
  } finally {
    unregister()
    await ownEngine?.close()
    await rm(workRoot, {recursive: true, force: true})
    redis.disconnect()
  }
  summary.seconds = Math.round((performance.now() - started) / 100) / 10
  return summary
}

async function untilEmpty(queue: DossierQueue, worker: DossierWorker): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500))
    const counts = await queue.counts()
    if (counts.waiting + counts.active + counts.delayed === 0 && worker.running === 0) return
  }
}
