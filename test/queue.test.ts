/**
 * `sohoa batch --queue` and `sohoa worker` on a private, real redis-server (loopback, a free
 * port, its own folder): the CLI as a user runs it, with real OCR on small generated pages.
 * - two workers and an enqueuer, 12 dossiers, one worker SIGKILLed while jobs are active:
 *   every dossier packaged once, every bag passes full verify, codes distinct;
 * - a job delivered twice (run twice at once, then once more): one bag, one code;
 * - Redis stopped mid-run: the enqueuer fails with exit 7 and a clear message, the workers wait;
 *   Redis back, the same command finishes the run with nothing lost or done twice;
 * - a worker stopped with SIGTERM hands its job back at once;
 * - a failed job keeps its reason, `batch status --queue` lists it, `batch retry --queue --failed` re-runs it;
 * - Redis restarted without its data: refused (exit 7) until `code reseed` rebuilds the sequence.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import {DOSSIER_JOB_VERSION, type DossierJob} from '../src/core/dossier-job.js'
import {parseBagInfo} from '../src/core/bagit.js'
import {lookupProcedure} from '../src/pipeline/procedure-catalogue.js'
import {runDossierJob} from '../src/pipeline/queue/run-job.js'
import {verifyBag} from '../src/pipeline/verify.js'
import {DossierQueue} from '../src/tools/dossier-queue.js'
import {counterValue, ensureSequenceMarker} from '../src/tools/redis-code-sequence.js'
import {connectRedis} from '../src/tools/redis.js'
import {smallPage, writeGoodDossiers} from './helpers/batch-corpus.js'
import {ROOT, runCli, TEST_CACHE_DIR} from './helpers/cli.js'
import {FakeOcr} from './helpers/fake-ocr.js'
import {tempDir} from './helpers/fixtures.js'
import {type RedisServer, startRedis} from './helpers/redis-server.js'
import {reviewSheetRenderer} from '../src/ui/review-sheet.js'

const AGENCY = '000.00.00.H56'
const BAG = /-\d{6}-\d{4}$/
let work: {dir: string; cleanup: () => Promise<void>}
let redis: RedisServer
const workers: ChildProcess[] = []

beforeAll(async () => {
  work = await tempDir('sohoa-queue-')
  redis = await startRedis(path.join(work.dir, 'redis'))
})
afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL')
  await redis?.stop()
  await work?.cleanup()
})

function env(): Record<string, string> {
  return {SOHOA_DATA_DIR: path.join(work.dir, 'data'), SOHOA_LANG: 'en'}
}

/** A `sohoa worker` child process; its stderr is kept for the assertions. */
function startWorker(lockSeconds = 2): ChildProcess & {log: string[]} {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'run.js'), 'worker', '--queue', redis.url, '--jobs', '1', '--lock-seconds', String(lockSeconds), '--lang', 'en'],
    {
      cwd: ROOT,
      env: {...process.env, CI: 'true', NODE_ENV: 'production', SOHOA_CACHE_DIR: TEST_CACHE_DIR, ...env()},
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  ) as ChildProcess & {log: string[]}
  child.log = []
  child.stderr!.on('data', (chunk: Buffer) => child.log.push(chunk.toString('utf8')))
  workers.push(child)
  return child
}

function enqueue(root: string, out: string, extra: string[] = []): ReturnType<typeof runCli> {
  return runCli(['batch', root, '-p', '1.001193', '--agency', AGENCY, '--out', out, '--queue', redis.url, '--json', ...extra], {env: env()})
}

async function bags(out: string): Promise<string[]> {
  return (await readdir(out).catch(() => [] as string[])).filter((name) => BAG.test(name)).sort()
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.kill(signal)
  })
}

describe('two workers and an enqueuer on a private Redis', () => {
  it('packages 12 dossiers exactly once with distinct codes although one worker is SIGKILLed mid-job', async () => {
    const root = path.join(work.dir, 'twelve')
    const out = path.join(work.dir, 'twelve-out')
    await writeGoodDossiers(root, 12, 1)
    const first = startWorker()
    const second = startWorker()
    const run = enqueue(root, out)
    const client = await connectRedis(redis.url, 5000)
    const queue = new DossierQueue(client)
    const firstId = `${os.hostname()}:${first.pid}`
    let held: string | undefined
    try {
      // Kill the first worker while it reads the pages of a job (its progress says so) and a bag is already written.
      await until(async () => {
        if ((await bags(out)).length === 0) return false
        const active = await queue.list(['active'])
        const reading = (progress: unknown): boolean => {
          const {worker, stage} = (progress ?? {}) as {worker?: string; stage?: string}
          return worker === firstId && stage === 'recognise'
        }
        held = active.find((job) => reading(job.progress))?.key
        return held !== undefined
      }, 90_000)
      first.kill('SIGKILL')
    } finally {
      await queue.close()
      client.disconnect()
    }
    const result = await run
    expect(result.code).toBe(4)
    const report = result.json() as {rows: Array<{status: string; dossierCode: string}>}
    expect(report.rows).toHaveLength(12)
    expect(report.rows.every((row) => row.status === 'invalid')).toBe(true)

    const names = await bags(out)
    expect(names).toHaveLength(12)
    expect(report.rows.map((row) => row.dossierCode).sort()).toEqual(names)
    expect((await readdir(out)).filter((name) => name.includes('.partial-'))).toEqual([])
    const identities = new Set<string>()
    for (const name of names) {
      expect((await verifyBag(path.join(out, name), 'full')).problems).toEqual([])
      identities.add(parseBagInfo(await readFile(path.join(out, name, 'bag-info.txt'), 'utf8')).get('Internal-Sender-Identifier')!)
    }
    expect(identities.size).toBe(12)
    // The job the killed worker held was finished by the other one.
    const check = await connectRedis(redis.url, 5000)
    const checkQueue = new DossierQueue(check)
    const retaken = await checkQueue.get(held!)
    await checkQueue.close()
    check.disconnect()
    expect(retaken?.result?.worker).toBe(`${os.hostname()}:${second.pid}`)
    expect(await exited(second, 'SIGTERM')).toBe(130)
    expect(second.log.join('')).toMatch(/Returned \d+ jobs to the queue/)
  }, 240_000)
})

describe('a job delivered twice', () => {
  it('gives one bag and one code whether the two runs overlap or follow each other', async () => {
    const url = redis.url.replace(/\/0$/, '/1')
    const client = await connectRedis(url, 5000)
    const root = path.join(work.dir, 'twice')
    const out = path.join(work.dir, 'twice-out')
    try {
      await writeGoodDossiers(root, 1, 2)
      const marker = await ensureSequenceMarker({redis: client, url}, async () => undefined)
      const job: DossierJob = {
        jobVersion: DOSSIER_JOB_VERSION,
        key: 'twice-d01',
        id: 'd01',
        input: path.join(root, 'd01'),
        out,
        procedure: '1.001193',
        agency: AGENCY,
        split: 'auto',
        fingerprint: 'x',
        sequenceMarker: marker,
        options: {forceOcr: false, allowLowDpi: false},
      }
      const queue = new DossierQueue(client)
      await queue.add([job])
      await queue.add([job])
      expect((await queue.counts()).waiting).toBe(1)
      await queue.close()

      const context = {
        engine: new FakeOcr({lines: FORM_PAGE, delayMs: 50}),
        pageSlots: (await import('p-limit')).default(3),
        sequence: {redis: client, url},
        workRoot: path.join(work.dir, 'twice-work'),
        procedure: (code: string) => lookupProcedure(code),
        software: 'sohoa/test',
        renderReview: reviewSheetRenderer('vi'),
      }
      const overlapping = await Promise.all([runDossierJob(job, context), runDossierJob(job, context)])
      const again = await runDossierJob(job, context)
      const codes = new Set([...overlapping, again].map((result) => result.code))
      expect(codes.size).toBe(1)
      expect(overlapping.filter((result) => !result.adopted)).toHaveLength(1)
      expect(again.adopted).toBe(true)
      expect(await bags(out)).toEqual([...codes])
      expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([])
      const [code] = [...codes] as [string]
      expect(await counterValue(client, AGENCY, code.split('-')[1]!)).toBe(1)
    } finally {
      await client.flushdb()
      client.disconnect()
    }
  }, 60_000)
})

describe('a worker stopped with SIGTERM', () => {
  it('hands the job it is reading back to the queue at once, and another worker packages it', async () => {
    const root = path.join(work.dir, 'term')
    const out = path.join(work.dir, 'term-out')
    await writeGoodDossiers(root, 1, 3, 't')
    // A long lock: only the worker's own hand-back can put the job back to waiting in time.
    const first = startWorker(60)
    const run = enqueue(root, out)
    const client = await connectRedis(redis.url, 5000)
    const queue = new DossierQueue(client)
    try {
      await until(async () => {
        const [job] = await queue.list(['active'])
        return (job?.progress as {stage?: string} | undefined)?.stage === 'recognise'
      }, 60_000)
      expect(await exited(first, 'SIGTERM')).toBe(130)
      expect(first.log.join('')).toMatch(/Returned 1 jobs to the queue/)
      expect((await queue.counts()).waiting).toBe(1)
    } finally {
      await queue.close()
      client.disconnect()
    }
    const second = startWorker()
    const result = await run
    expect(result.code).toBe(4)
    expect(await bags(out)).toEqual([result.json().rows[0].dossierCode])
    expect(await exited(second, 'SIGTERM')).toBe(130)
  }, 120_000)
})

describe('failed jobs on the queue', () => {
  it('keep their reason, are listed by batch status --queue and re-run by batch retry --queue --failed', async () => {
    const root = path.join(work.dir, 'retry')
    const out = path.join(work.dir, 'retry-out')
    await mkdir(path.join(root, 'r01'), {recursive: true})
    const worker = startWorker()
    const failed = await enqueue(root, out)
    expect(failed.code).toBe(5)
    expect(failed.json().rows[0].reason).toMatch(/^No page files in .*r01/)

    const status = await runCli(['batch', 'status', out, '--queue', redis.url, '--json'], {env: env()})
    expect(status.code).toBe(0)
    const listed = status.json() as {jobs: Array<{state: string; row: {failure: {code: string}}}>}
    expect(listed.jobs.map((job) => [job.state, job.row.failure.code])).toEqual([['failed', 'input.no-pages']])

    await writeFile(path.join(root, 'r01', 'p1.png'), await smallPage())
    const retry = await runCli(['batch', 'retry', out, '--queue', redis.url, '--failed', '--json'], {env: env()})
    expect(retry.json().retried).toHaveLength(1)
    const again = await enqueue(root, out)
    expect(again.code).toBe(4)
    expect(again.json().rows[0].status).toBe('invalid')
    expect(await bags(out)).toEqual([again.json().rows[0].dossierCode])
    expect(await exited(worker, 'SIGTERM')).toBe(130)
  }, 120_000)
})

describe('Redis stopped in the middle of a run', () => {
  let out: string
  let codes: string[]

  it('fails the enqueuer with exit 7 while the workers wait, and the same command finishes the run once Redis is back', async () => {
    const root = path.join(work.dir, 'six')
    out = path.join(work.dir, 'six-out')
    await writeGoodDossiers(root, 6, 1, 's')
    const worker = startWorker()
    const run = enqueue(root, out, ['--wait-redis', '3'])
    await until(async () => (await bags(out)).length >= 1, 90_000)
    await redis.stop()
    const lost = await run
    expect(lost.code).toBe(7)
    expect(lost.json().error.message).toMatch(/Lost Redis at redis:\/\/127\.0\.0\.1:\d+\/0 for more than 3 s/)
    expect(worker.exitCode).toBe(null)
    await redis.start()
    const again = await enqueue(root, out)
    expect(again.code).toBe(4)
    const rows = (again.json() as {rows: Array<{dossierCode: string}>}).rows
    codes = await bags(out)
    expect(codes).toHaveLength(6)
    expect(rows.map((row) => row.dossierCode).sort()).toEqual(codes)
    expect(worker.log.join('')).toMatch(/Lost Redis at .*; waiting/)
    expect(await exited(worker, 'SIGTERM')).toBe(130)
  }, 180_000)

  it('refuses a Redis restarted without its data until `code reseed` rebuilds the sequence from the bags', async () => {
    expect(codes).toHaveLength(6)
    await redis.stop()
    await redis.start(path.join(work.dir, 'redis-empty'))
    const refused = await enqueue(path.join(work.dir, 'six'), out)
    expect(refused.code).toBe(7)
    expect(refused.json().error.code).toBe('queue.sequence-lost')

    const reseed = await runCli(['code', 'reseed', '--from', out, '--from', path.join(work.dir, 'twelve-out'), '--queue', redis.url, '--json'], {
      env: env(),
    })
    expect(reseed.code).toBe(0)
    const seeded = reseed.json() as {bags: number; counters: Array<{last: number}>}
    const numbers = [...codes, ...(await bags(path.join(work.dir, 'twelve-out')))].map((code) => Number(code.slice(-4)))
    expect(seeded.bags).toBe(18)
    expect(seeded.counters.map((counter) => counter.last)).toEqual([Math.max(...numbers)])

    const worker = startWorker()
    const after = await enqueue(path.join(work.dir, 'six'), out)
    expect(after.code).toBe(4)
    const rows = (after.json() as {rows: Array<{dossierCode: string; resumed: boolean}>}).rows
    expect(rows.map((row) => row.dossierCode).sort()).toEqual(codes)
    expect(rows.every((row) => row.resumed)).toBe(true)
    expect(await bags(out)).toEqual(codes)
    expect(await exited(worker, 'SIGTERM')).toBe(130)
  }, 120_000)
})
