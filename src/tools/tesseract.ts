/**
 * The tesseract.js worker pool. Language data (vie + eng, 4.0.0_best_int) comes from the npm
 * packages @tesseract.js-data/vie and /eng; the wasm core from tesseract.js-core. Nothing is
 * fetched and nothing is cached (cacheMethod 'none').
 *
 * tesseract.js takes one `langPath` for all languages, and the two packages keep their data
 * in different folders; its other way in (language objects carrying the bytes) names the
 * languages after their bytes when it initialises (tesseract.js 7, worker-script `initialize`),
 * which fails. So the pool links both files into one private temporary folder and points
 * `langPath` (and `cachePath`, which tesseract.js touches when initialisation fails) there,
 * never at the current directory.
 */
import {access, mkdtemp, rm, symlink} from 'node:fs/promises'
import {createRequire} from 'node:module'
import os from 'node:os'
import path from 'node:path'

import {createWorker, OEM, PSM, type Worker} from 'tesseract.js'

import {MissingDependencyError} from '../core/errors.js'
import type {OcrLine, OcrResult} from '../core/page.js'
import {registerCleanup} from './shutdown.js'

const require = createRequire(import.meta.url)
export const OCR_LANGUAGES = ['vie', 'eng'] as const
const MODEL = '4.0.0_best_int'

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length)
}

/** The installed language files, or a missing-dependency error naming what is absent. */
export async function languageFiles(): Promise<{code: string; file: string}[]> {
  return Promise.all(
    OCR_LANGUAGES.map(async (code) => {
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

async function linkLanguageDir(): Promise<string> {
  const files = await languageFiles()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-tessdata-'))
  await Promise.all(files.map(async ({code, file}) => symlink(file, path.join(dir, `${code}.traineddata.gz`))))
  return dir
}

/** Page segmentation: the whole page (AUTO), one uniform block of text, or one line. */
export type Segmentation = 'auto' | 'block' | 'line'
const PSM_OF: Record<Segmentation, PSM> = {auto: PSM.AUTO, block: PSM.SINGLE_BLOCK, line: PSM.SINGLE_LINE}

interface Task {
  image: Buffer
  segmentation: Segmentation
  resolve: (result: OcrResult) => void
  reject: (error: unknown) => void
}

/** A fixed set of workers fed from one queue; terminated on `close()` and on Ctrl-C. */
export class OcrPool {
  private readonly idle: Worker[] = []
  private readonly queue: Task[] = []
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

  /** `segmentation` other than `auto` is for crops of a page (a block or a line re-read on its own). */
  recognize(image: Buffer, segmentation: Segmentation = 'auto'): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new Error('OCR pool is closed'))
    return new Promise((resolve, reject) => {
      this.queue.push({image, segmentation, resolve, reject})
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.unregister()
    for (const task of this.queue.splice(0)) task.reject(new Error('OCR pool closed'))
    await Promise.allSettled(this.workers.map(async (worker) => worker.terminate()))
    if (this.languageDir) await rm(this.languageDir, {recursive: true, force: true})
  }

  private async run(worker: Worker, task: Task): Promise<OcrResult> {
    if ((this.segmentationOf.get(worker) ?? 'auto') !== task.segmentation) {
      await worker.setParameters({tessedit_pageseg_mode: PSM_OF[task.segmentation]})
      this.segmentationOf.set(worker, task.segmentation)
    }
    const result = await worker.recognize(task.image, {}, {text: true, blocks: true})
    return toOcrResult(result.data)
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!
      const task = this.queue.shift()!
      this.run(worker, task)
        .then(task.resolve, task.reject)
        .finally(() => {
          this.idle.push(worker)
          this.dispatch()
        })
    }
  }
}

async function startWorker(languageDir: string): Promise<Worker> {
  const worker = await createWorker([...OCR_LANGUAGES], OEM.LSTM_ONLY, {
    langPath: languageDir,
    cachePath: languageDir,
    cacheMethod: 'none',
    gzip: true,
  })
  // tesseract.js defaults to a single block; full pages need automatic segmentation.
  await worker.setParameters({tessedit_pageseg_mode: PSM.AUTO})
  return worker
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data']

function toOcrResult(page: TesseractPage): OcrResult {
  const lines: OcrLine[] = []
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words = line.words
          .filter((word) => word.text.trim() !== '')
          .map((word) => ({text: word.text.normalize('NFC'), confidence: word.confidence, bbox: {...word.bbox}}))
        if (words.length === 0) continue
        lines.push({words, bbox: {...line.bbox}, baselineY: line.baseline?.y0})
      }
    }
  }
  return {text: page.text.normalize('NFC'), confidence: page.confidence, lines}
}
