/**
 * Runs `sohoa ocr` (the built CLI, bin/run.js) and OCRmyPDF on the same pages as child
 * processes, timed and with their peak RSS (GNU time's maximum resident set size: for
 * OCRmyPDF that is its largest single process, for sohoa the one Node process holding its
 * OCR threads), and reads back each one's text per page.
 */
import {execFile, spawn} from 'node:child_process'
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'

import {PDFDocument} from 'pdf-lib'

const run = promisify(execFile)

export interface Timed {
  seconds: number
  peakRssMb: number
  /** Text per page, in the order the pages were given. */
  pages: string[]
}

const REPO = path.resolve(import.meta.dirname, '..', '..')

/** What is missing to run OCRmyPDF as the issue defines it, with how to install it; empty when all is there. */
export async function missingOcrmypdf(): Promise<string[]> {
  const missing: string[] = []
  const has = async (command: string, args: string[]): Promise<string | undefined> =>
    run(command, args).then(
      ({stdout, stderr}) => stdout + stderr,
      () => undefined,
    )
  if ((await has('ocrmypdf', ['--version'])) === undefined) missing.push('ocrmypdf')
  const langs = await has('tesseract', ['--list-langs'])
  if (!langs || !/^vie$/m.test(langs)) missing.push('tesseract-ocr-vie')
  if ((await has('/usr/bin/time', ['-f', '%M', 'true'])) === undefined) missing.push('time')
  return missing
}

/** Runs a command under GNU time; stdout/stderr are kept only to show when it fails. */
async function timedCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeFile: string,
): Promise<{seconds: number; peakRssMb: number}> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %M', '-o', timeFile, command, ...args], {env, stdio: ['ignore', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${stderr}`))))
  })
  const [seconds, kb] = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number)
  return {seconds: seconds!, peakRssMb: Math.round(kb! / 1024)}
}

/**
 * `sohoa ocr <pages> --out <dir> --jobs <jobs>`; `env` adds to this process's environment.
 * `SOHOA_BENCH_REPO` in `env` runs another built checkout instead (to compare with a baseline).
 */
export async function runSohoa(pages: readonly string[], work: string, jobs: number, env: Record<string, string> = {}): Promise<Timed> {
  const out = path.join(work, `sohoa-${Date.now()}`)
  await mkdir(out, {recursive: true})
  try {
    const args = [path.join(env.SOHOA_BENCH_REPO ?? REPO, 'bin', 'run.js'), 'ocr', ...pages, '--out', out, '--jobs', String(jobs)]
    const timed = await timedCommand(process.execPath, args, {...process.env, ...env}, path.join(work, 'time.txt'))
    const texts = await Promise.all(pages.map(async (page) => readFile(path.join(out, `${path.parse(page).name}.txt`), 'utf8')))
    return {...timed, pages: texts}
  } finally {
    await rm(out, {recursive: true, force: true})
  }
}

/** One PDF holding the page images as they are (JPEG bytes embedded, PNG re-encoded losslessly), at their resolution. */
export async function pagesPdf(pages: readonly string[], dpi: number, file: string): Promise<void> {
  const pdf = await PDFDocument.create()
  for (const page of pages) {
    const bytes = await readFile(page)
    const image = /\.jpe?g$/i.test(page) ? await pdf.embedJpg(bytes) : await pdf.embedPng(bytes)
    const width = (image.width * 72) / dpi
    const height = (image.height * 72) / dpi
    pdf.addPage([width, height]).drawImage(image, {x: 0, y: 0, width, height})
  }
  await writeFile(file, await pdf.save())
}

/** The OCRmyPDF command, text from its sidecar (pages split at form feeds). */
export const OCRMYPDF_ARGS = ['-l', 'vie', '--deskew', '--rotate-pages', '--output-type', 'pdfa'] as const

export async function runOcrmypdf(pdf: string, pageCount: number, work: string, jobs: number): Promise<Timed> {
  const out = path.join(work, `ocrmypdf-${Date.now()}.pdf`)
  const sidecar = `${out}.txt`
  try {
    const args = [...OCRMYPDF_ARGS, '-j', String(jobs), '--sidecar', sidecar, '-q', pdf, out]
    const timed = await timedCommand('ocrmypdf', args, process.env, path.join(work, 'time.txt'))
    const text = await readFile(sidecar, 'utf8')
    const pages = text.split('\f').slice(0, pageCount)
    return {...timed, pages}
  } finally {
    await rm(out, {force: true})
    await rm(sidecar, {force: true})
  }
}

/** Median wall time (s) of a `sohoa` command line, each run a fresh process. */
export async function commandSeconds(args: readonly string[], runs = 5): Promise<number> {
  const times: number[] = []
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now()
    await run(process.execPath, [path.join(REPO, 'bin', 'run.js'), ...args]).catch(() => undefined)
    times.push((performance.now() - started) / 1000)
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
}
