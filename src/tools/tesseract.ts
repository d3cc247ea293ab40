/**
 * The tesseract.js worker pool. Language data (4.0.0_best_int) comes from the npm packages
 * @tesseract.js-data/vie and /eng: `vie` alone by default (it covers Latin letters; adding
 * `eng` made tesseract try a second model on uncertain words, which read the real pages worse:
 * CER 1.20% → 0.89% without it, bench/ocr-throughput.ts), `vie+eng` on request; the wasm core from tesseract.js-core. Nothing is
 * fetched and nothing is cached (cacheMethod 'none').
 *
 * tesseract.js takes one `langPath` for all languages, and the two packages keep their data
 * in different folders; its other way in (language objects carrying the bytes) names the
 * languages after their bytes when it initialises (tesseract.js 7, worker-script `initialize`),
 * which fails. So the pool links both files into one private temporary folder and points
 * `langPath` (and `cachePath`, which tesseract.js touches when initialisation fails) there,
 * never at the current directory.
 */
import {access, mkdtemp, readdir, rm, stat, symlink} from 'node:fs/promises'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'

import {createWorker, OEM, PSM, type Worker} from 'tesseract.js'

import {InterruptedError, MissingDependencyError, SohoaError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import type {OcrEngine, OcrRequest, Segmentation} from '../core/ocr-engine.js'
import type {OcrResult} from '../core/page.js'
import {registerCleanup} from './shutdown.js'
import {hocrLines} from './tesseract-hocr.js'

const require = createRequire(import.meta.url)
/** The language models installed with sohoa (npm packages); which of them are used: `ocrLanguages()`. */
export const OCR_LANGUAGES = ['vie', 'eng'] as const
export type OcrLanguage = (typeof OCR_LANGUAGES)[number]
const MODEL = '4.0.0_best_int'

/** `SOHOA_OCR_LANGUAGES` (`vie`, the default, or `vie+eng`): the models each worker loads. */
export function ocrLanguages(env: NodeJS.ProcessEnv = process.env): OcrLanguage[] {
  const given = (env.SOHOA_OCR_LANGUAGES ?? 'vie').split('+').filter(Boolean)
  const known = given.filter((code): code is OcrLanguage => (OCR_LANGUAGES as readonly string[]).includes(code))
  return known.length > 0 ? known : ['vie']
}

/** Extra tesseract parameters, `name=value;name=value` (benchmarks measure levers with it). */
function extraParameters(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const pairs = (env.SOHOA_TESSERACT_PARAMS ?? '').split(';').filter((pair) => pair.includes('='))
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]))
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length)
}

/** The installed language files, or a missing-dependency error naming what is absent. */
export async function languageFiles(languages: readonly OcrLanguage[] = OCR_LANGUAGES): Promise<{code: string; file: string}[]> {
  return Promise.all(
    languages.map(async (code) => {
      let file = `@tesseract.js-data/${code}`
      try {
        const packageDir = path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`))
        file = path.join(packageDir, MODEL, `${code}.traineddata.gz`)
        await access(file)
        return {code, file}
      } catch (error) {
        throw new MissingDependencyError('ocr.tesseract-missing', {detail: file}, {cause: error})
      }
    }),
  )
}

const LANGUAGE_DIR_PREFIX = 'sohoa-tessdata-'
/** Folders of versions that did not put their pid in the name: removed once a day old. */
const UNOWNED_DIR_AGE_MS = 24 * 60 * 60 * 1000

/** False once the process is gone; EPERM means it lives under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes language folders left by runs that were killed (SIGKILL runs no cleanup): the
 * owner's pid is in the folder name, and a folder whose owner is gone is stale.
 */
export async function removeStaleLanguageDirs(tmp = os.tmpdir(), now = Date.now()): Promise<string[]> {
  const names = await readdir(tmp).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names.filter((entry) => entry.startsWith(LANGUAGE_DIR_PREFIX))) {
    const owner = /^sohoa-tessdata-(\d+)-/.exec(name)
    const dir = path.join(tmp, name)
    const age = async (): Promise<number> => now - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? now)
    const stale = owner ? !processAlive(Number(owner[1])) : (await age()) > UNOWNED_DIR_AGE_MS
    if (!stale) continue
    await rm(dir, {recursive: true, force: true}).catch(() => {})
    removed.push(dir)
  }
  return removed
}

async function linkLanguageDir(): Promise<string> {
  const files = await languageFiles(ocrLanguages())
  await removeStaleLanguageDirs()
  const dir = await mkdtemp(path.join(os.tmpdir(), `${LANGUAGE_DIR_PREFIX}${process.pid}-`))
  await Promise.all(files.map(async ({code, file}) => symlink(file, path.join(dir, `${code}.traineddata.gz`))))
  return dir
}

const PSM_OF: Record<Segmentation, PSM> = {auto: PSM.AUTO, block: PSM.SINGLE_BLOCK, line: PSM.SINGLE_LINE}

interface Task {
  image: Buffer
  timeoutMs: number | undefined
  segmentation: Segmentation
  followUp: boolean
  resolve: (result: OcrResult) => void
  reject: (error: unknown) => void
}

/**
 * A fixed set of workers fed from one queue; terminated on `close()` and on Ctrl-C. A worker
 * that fails a page or overruns its time is terminated and replaced by a fresh one, so one
 * bad page (or a crashed worker) costs that page, not the pool.
 */
export class OcrPool implements OcrEngine {
  private readonly idle: Worker[] = []
  private readonly queue: Task[] = []
  /** Pages being read: a terminated worker never answers them, so close() does. */
  private readonly inFlight = new Set<Task>()
  private readonly workers: Worker[] = []
  private readonly segmentationOf = new Map<Worker, Segmentation>()
  private readonly unregister: () => void
  private closed = false
  private languageDir: string | undefined

  private constructor() {
    this.unregister = registerCleanup(() => this.close())
  }

  static async start(size: number): Promise<OcrPool> {
    const pool = new OcrPool()
    try {
      const languageDir = await linkLanguageDir()
      pool.languageDir = languageDir
      const workers = await Promise.all(Array.from({length: size}, async () => startWorker(languageDir)))
      pool.workers.push(...workers)
      pool.idle.push(...workers)
    } catch (error) {
      await pool.close()
      throw error
    }
    return pool
  }

  get size(): number {
    return this.workers.length
  }

  /** Workers started as replacements for failed or stuck ones. */
  replaced = 0

  recognize(image: Buffer, request: OcrRequest = {}): Promise<OcrResult> {
    // The pool closes early only when the run is interrupted (Ctrl-C): say that, not a file error.
    if (this.closed) return Promise.reject(new InterruptedError())
    return new Promise((resolve, reject) => {
      const task = {image, timeoutMs: request.timeoutMs, segmentation: request.segmentation ?? 'auto', followUp: request.followUp ?? false, resolve, reject}
      // Follow-ups go after the follow-ups already waiting and before every new page.
      const firstNew = this.queue.findIndex((queued) => !queued.followUp)
      if (task.followUp && firstNew >= 0) this.queue.splice(firstNew, 0, task)
      else this.queue.push(task)
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.unregister()
    for (const task of [...this.queue.splice(0), ...this.inFlight]) task.reject(new InterruptedError())
    this.inFlight.clear()
    await Promise.allSettled(this.workers.map(async (worker) => worker.terminate()))
    if (this.languageDir) await rm(this.languageDir, {recursive: true, force: true})
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const task = this.queue.shift()!
      void this.run(worker, task)
    }
  }

  private async run(worker: Worker, task: Task): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      if (task.timeoutMs !== undefined) {
        timer = setTimeout(() => reject(new SohoaError('ocr.timeout', {seconds: Math.round(task.timeoutMs! / 100) / 10}, ExitCode.UnreadableInput)), task.timeoutMs)
      }
    })
    this.inFlight.add(task)
    try {
      if ((this.segmentationOf.get(worker) ?? 'auto') !== task.segmentation) {
        await worker.setParameters({tessedit_pageseg_mode: PSM_OF[task.segmentation]})
        this.segmentationOf.set(worker, task.segmentation)
      }
      const result = await Promise.race([worker.recognize(task.image, {}, {text: true, hocr: true}), timeout])
      task.resolve(toOcrResult(result.data))
      this.idle.push(worker)
    } catch (error) {
      task.reject(this.closed ? new InterruptedError() : error)
      if (!this.closed) await this.replace(worker)
    } finally {
      this.inFlight.delete(task)
      clearTimeout(timer)
      this.dispatch()
    }
  }

  /** A worker that failed may be dead or still busy with the page: it is never trusted again. */
  private async replace(worker: Worker): Promise<void> {
    const index = this.workers.indexOf(worker)
    if (index >= 0) this.workers.splice(index, 1)
    void worker.terminate().catch(() => {})
    if (this.closed || !this.languageDir) return
    try {
      const fresh = await startWorker(this.languageDir)
      if (this.closed) {
        await fresh.terminate()
        return
      }
      this.replaced += 1
      this.workers.push(fresh)
      this.idle.push(fresh)
    } catch {
      // No replacement: the pool goes on smaller; with no worker left, queued pages fail.
      if (this.workers.length === 0) for (const queued of this.queue.splice(0)) queued.reject(new Error('no OCR worker left'))
    }
  }
}

async function startWorker(languageDir: string): Promise<Worker> {
  const worker = await createWorker(ocrLanguages(), OEM.LSTM_ONLY, {
    langPath: languageDir,
    cachePath: languageDir,
    cacheMethod: 'none',
    gzip: true,
  })
  // tesseract.js defaults to a single block; full pages need automatic segmentation.
  await worker.setParameters({tessedit_pageseg_mode: PSM.AUTO, ...extraParameters()})
  return worker
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data']

/** Lines and words from the hOCR (tesseract-hocr.ts), not from tesseract.js's block tree, which costs 7% of the reading. */
function toOcrResult(page: TesseractPage): OcrResult {
  return {text: page.text.normalize('NFC'), confidence: page.confidence, lines: hocrLines(page.hocr ?? '')}
}

/** An engine whose pool starts on the first page to read, so a run whose inputs all fail starts no workers. */
export function lazyOcrPool(size: number): OcrEngine & {close(): Promise<void>} {
  let starting: Promise<OcrPool> | undefined
  return {
    size,
    async recognize(png, request) {
      return (await (starting ??= OcrPool.start(size))).recognize(png, request)
    },
    async close() {
      if (starting) await (await starting.catch(() => undefined))?.close()
    },
  }
}
