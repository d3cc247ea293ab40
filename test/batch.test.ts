/**
 * `sohoa batch` through the pipeline with the fast OCR double at the engine port (real
 * preprocessing, analysis, PDFs, bags and verify): 20 dossiers with 3 bad ones, a rerun that
 * resumes, a bag written just before a crash, an input changed after packaging, a crashed and
 * a stuck OCR worker, and the lock that keeps a second batch off the same --out.
 */
import {spawn} from 'node:child_process'
import {appendFile, mkdir, readdir, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import type {JournalEvent} from '../src/core/batch.js'
import {type BatchOptions, type BatchResult, runBatch} from '../src/pipeline/batch/run-batch.js'
import {batchStatus} from '../src/pipeline/batch/status.js'
import {verifyBag} from '../src/pipeline/verify.js'
import {translate} from '../src/ui/i18n.js'
import {writeGoodDossiers} from './helpers/batch-corpus.js'
import {FakeOcr} from './helpers/fake-ocr.js'
import {tempDir} from './helpers/fixtures.js'
import {reviewSheetRenderer} from '../src/ui/review-sheet.js'

const AGENCY = '000.00.00.H56'
const WORKER = path.resolve(import.meta.dirname, 'helpers', 'batch-worker.ts')
let work: {dir: string; cleanup: () => Promise<void>}

beforeAll(async () => {
  work = await tempDir('sohoa-batch-')
})
afterAll(async () => work?.cleanup())

function options(root: string, out: string, extra: Partial<BatchOptions> = {}): BatchOptions {
  return {
    renderReview: reviewSheetRenderer('vi'),
    root,
    outDir: out,
    procedure: '1.001193',
    agency: AGENCY,
    split: 'auto',
    jobs: 2,
    forceOcr: false,
    allowLowDpi: false,
    dataDir: path.join(work.dir, 'data'),
    software: 'sohoa/test',
    engine: new FakeOcr({lines: FORM_PAGE}),
    explain: (failure) => translate('en', failure.code, failure.params),
    ...extra,
  }
}

/** The bags in `out`: visible folders named like dossier codes. */
async function bags(out: string): Promise<string[]> {
  return (await readdir(out)).filter((name) => /-\d{6}-\d{4}$/.test(name)).sort()
}

async function journal(out: string): Promise<JournalEvent[]> {
  const text = await readFile(path.join(out, '.sohoa-batch', 'journal.jsonl'), 'utf8')
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalEvent)
}

describe('20 generated dossiers, 3 of them bad', () => {
  let root: string
  let out: string
  let first: BatchResult
  const bad = ['bad-empty', 'bad-not-image', 'bad-truncated']

  beforeAll(async () => {
    root = path.join(work.dir, 'twenty')
    out = path.join(work.dir, 'twenty-out')
    await writeGoodDossiers(root, 17)
    const page = await readFile(path.join(root, 'd01', 'p1.png'))
    await mkdir(path.join(root, bad[0]!))
    await writeFile(path.join(root, bad[0]!, 'p1.png'), '')
    await mkdir(path.join(root, bad[1]!))
    await writeFile(path.join(root, bad[1]!, 'p1.jpg'), 'this is not a JPEG')
    await mkdir(path.join(root, bad[2]!))
    await writeFile(path.join(root, bad[2]!, 'p1.png'), page.subarray(0, Math.floor(page.length / 2)))
    first = await runBatch(options(root, out))
  }, 300_000)

  it('exits 5, packages the 17 and names the 3 with their reasons', async () => {
    expect(first.exitCode).toBe(5)
    expect(first.totals).toMatchObject({dossiers: 20, failed: 3})
    expect(first.totals.packaged + first.totals.invalid).toBe(17)
    expect(await bags(out)).toHaveLength(17)
    const failed = first.rows.filter((row) => row.status === 'failed')
    expect(failed.map((row) => path.basename(row.input)).sort()).toEqual([...bad].sort())
    expect(Object.fromEntries(failed.map((row) => [path.basename(row.input), row.issues[0]]))).toEqual({
      'bad-empty': 'input.empty',
      'bad-not-image': 'input.not-an-image',
      'bad-truncated': 'input.image-corrupt',
    })
    for (const row of failed) expect(row.reason).toContain(path.join(row.input, path.basename((row.failure!.params.file as string) ?? '')))
  })

  it('writes batch-report.json and batch-report.csv with one row per dossier', async () => {
    const report = JSON.parse(await readFile(path.join(out, 'batch-report.json'), 'utf8')) as BatchResult
    expect(report.rows).toHaveLength(20)
    const csv = (await readFile(path.join(out, 'batch-report.csv'), 'utf8')).trim().split('\r\n')
    expect(csv[0]).toBe('input,procedure,status,dossier_code,pages,documents,issues,seconds,reason')
    expect(csv).toHaveLength(21)
    const truncated = csv.find((line) => line.includes('bad-truncated'))!
    expect(truncated).toContain(',failed,,')
    expect(truncated).toContain('input.image-corrupt')
  })

  it('every bag passes full verify and the codes are distinct', async () => {
    const codes = first.rows.flatMap((row) => (row.dossierCode ? [row.dossierCode] : []))
    expect(new Set(codes).size).toBe(17)
    expect(codes.sort()).toEqual(await bags(out))
    for (const code of codes) expect((await verifyBag(path.join(out, code), 'full')).problems).toEqual([])
  })

  it('run again, skips the 17 after checking them, packages nothing twice and retries the 3', async () => {
    const again = await runBatch(options(root, out))
    expect(again.exitCode).toBe(5)
    expect(again.runs).toBe(2)
    expect(await bags(out)).toHaveLength(17)
    const resumed = again.rows.filter((row) => row.resumed)
    expect(resumed).toHaveLength(17)
    expect(
      again.rows
        .filter((row) => row.status === 'failed')
        .map((row) => path.basename(row.input))
        .sort(),
    ).toEqual([...bad].sort())
    expect(again.rows.map((row) => row.dossierCode)).toEqual(first.rows.map((row) => row.dossierCode))
  })
})

describe('resume', () => {
  it('adopts a bag that was written just before a crash (journal without its "packaged" line), without packaging it again', async () => {
    const root = path.join(work.dir, 'adopt')
    const out = path.join(work.dir, 'adopt-out')
    await writeGoodDossiers(root, 3)
    const first = await runBatch(options(root, out))
    const events = await journal(out)
    const victim = events.find((event): event is Extract<JournalEvent, {type: 'packaged'}> => event.type === 'packaged')!
    // As if the process died between the bag's rename and the journal line.
    const kept = events.filter((event) => event !== events.find((e) => e.type === 'packaged' && e.id === victim.id))
    await writeFile(path.join(out, '.sohoa-batch', 'journal.jsonl'), kept.map((event) => `${JSON.stringify(event)}\n`).join(''))
    const engine = new FakeOcr({lines: FORM_PAGE})
    const again = await runBatch(options(root, out, {engine}))
    expect(engine.calls).toBe(0)
    expect(await bags(out)).toHaveLength(3)
    expect(again.rows.map((row) => row.dossierCode)).toEqual(first.rows.map((row) => row.dossierCode))
    expect(again.rows.find((row) => row.dossierCode === victim.code)!.resumed).toBe(true)
  })

  it('reports an input that changed after it was packaged, and keeps the old bag', async () => {
    const root = path.join(work.dir, 'changed')
    const out = path.join(work.dir, 'changed-out')
    await writeGoodDossiers(root, 2)
    const first = await runBatch(options(root, out))
    expect(first.exitCode).toBe(4)
    await appendFile(path.join(root, 'd02', 'p1.png'), Buffer.from([0]))
    const again = await runBatch(options(root, out))
    expect(again.exitCode).toBe(5)
    const changed = again.rows.find((row) => row.input.endsWith('d02'))!
    expect(changed).toMatchObject({status: 'changed', dossierCode: first.rows[1]!.dossierCode})
    expect(changed.reason).toContain('changed after it was packaged')
    expect(await bags(out)).toHaveLength(2)
  })
})

describe('isolation', () => {
  it('a crashed OCR worker and a stuck one fail their dossiers alone, with reasons', async () => {
    const root = path.join(work.dir, 'isolation')
    const out = path.join(work.dir, 'isolation-out')
    await writeGoodDossiers(root, 4)
    // Dossiers are recognised two at a time, so calls 1 and 2 are the first two dossiers' pages.
    const engine = new FakeOcr({lines: FORM_PAGE, crashOn: new Set([1]), hangOn: new Set([2])})
    const result = await runBatch(options(root, out, {engine, timeoutPerPageMs: 300}))
    expect(result.exitCode).toBe(5)
    const failed = result.rows.filter((row) => row.status === 'failed')
    expect(failed.map((row) => row.issues[0]).sort()).toEqual(['ocr.failed', 'ocr.timeout'])
    for (const row of failed) expect(row.reason).toMatch(/p1\.png page 1/)
    expect(await bags(out)).toHaveLength(2)
  })
})

describe('two batches on one --out', () => {
  it('the second refuses with a clear message while the first runs (batch status says running), and takes over at once after the first is killed', async () => {
    const root = path.join(work.dir, 'lock')
    const out = path.join(work.dir, 'lock-out')
    await writeGoodDossiers(root, 4)
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, root, out, path.join(work.dir, 'data'), '400'], {stdio: 'ignore'})
    // The journal is opened once the lock is held.
    const lock = path.join(out, '.sohoa-batch', 'journal.jsonl')
    for (let tries = 0; tries < 600 && !(await stat(lock).catch(() => undefined)); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50))
    const refused = await runBatch(options(root, out)).then(
      () => undefined,
      (error: {code: string; params: Record<string, string | number>}) => error,
    )
    const running = await batchStatus(out)
    expect(running).toMatchObject({state: 'running', holder: {pid: child.pid}})
    expect(refused?.code).toBe('batch.locked')
    expect(refused?.params.pid).toBe(child.pid)
    expect(translate('en', refused!.code, refused!.params)).toContain('is in use by another batch')
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    const taken = await runBatch(options(root, out))
    expect(taken.totals.packaged + taken.totals.invalid).toBe(4)
    expect(new Set(taken.rows.map((row) => row.dossierCode)).size).toBe(4)
  })
})
