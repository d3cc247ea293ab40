/**
 * Batch benchmark, in one run so the ratios compare like with like on a shared machine:
 *
 * 1. Throughput with real OCR: the same N generated one-page dossiers through one
 *    `sohoa batch` and through N separate `sohoa run` calls (the built CLI, dist/), in pages/min.
 * 2. Peak RSS (max resident set of the process) of the pipeline itself, with the fast OCR
 *    double at the engine port (tesseract's workers are the same fixed cost whatever the
 *    size, and real OCR of thousands of pages does not fit in minutes here): one dossier of
 *    20 vs 200 pages, and a batch of 20 vs 200 one-page dossiers. Flat memory means the
 *    200 figures stay near the 20 ones.
 *
 *   npm run build && npm run bench:batch                # 20 dossiers for part 1
 *   npm run bench:batch -- --dossiers 6 --big 100       # quicker
 *   npm run bench:batch -- --part rss                   # or --part throughput
 * Uses only generated pages (no ../shared/data).
 */
import {spawn} from 'node:child_process'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {runBatch} from '../src/pipeline/batch/run-batch.js'
import {runDossier} from '../src/pipeline/run-dossier.js'
import {FakeOcr} from '../test/helpers/fake-ocr.js'
import {reviewSheetRenderer} from '../src/ui/review-sheet.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'bin', 'run.js')
const AGENCY = '000.00.00.H56'

const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {
    dossiers: {type: 'string', default: '20'},
    big: {type: 'string', default: '200'},
    jobs: {type: 'string', default: '2'},
    part: {type: 'string', default: 'all'},
  },
})

/** A small A6 form page at 200 dpi: real OCR in a couple of seconds. */
function page(): Promise<Buffer> {
  return renderPage({lines: FORM_PAGE.slice(0, 8), pageMm: {width: 105, height: 148}, dpi: 200, sizePt: 8, marginMm: 6, font: 'sans'})
}

/** For the memory runs: an A7 page at 200 dpi, a quarter of the pixels of A6, so 200 of them fit in minutes. */
function tinyPage(): Promise<Buffer> {
  return renderPage({lines: FORM_PAGE.slice(0, 4), pageMm: {width: 74, height: 105}, dpi: 200, sizePt: 7, marginMm: 5, font: 'sans'})
}

async function writeDossiers(root: string, count: number, pages: number, given?: Buffer): Promise<string[]> {
  const bytes = given ?? (await page())
  const names: string[] = []
  for (let index = 1; index <= count; index += 1) {
    const dir = path.join(root, `d${String(index).padStart(4, '0')}`)
    await mkdir(dir, {recursive: true})
    for (let p = 1; p <= pages; p += 1) await writeFile(path.join(dir, `p${String(p).padStart(4, '0')}.png`), bytes)
    names.push(dir)
  }
  return names
}

function cli(args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {env: {...process.env, CI: 'true', NODE_ENV: 'production'}, stdio: 'ignore'})
    child.on('error', reject)
    child.on('close', resolve)
  })
}

/** Child mode: one measured job, prints its peak RSS in MiB. */
async function child(mode: string, dir: string, size: number): Promise<void> {
  const common = {
    agency: AGENCY,
    split: 'auto' as const,
    jobs: 2,
    forceOcr: false,
    allowLowDpi: false,
    dataDir: path.join(dir, 'data'),
    software: 'sohoa/bench',
    renderReview: reviewSheetRenderer('vi'),
  }
  // One title page and running text on the rest, so a 200-page dossier stays one or two documents.
  const engine = new FakeOcr({lines: FORM_PAGE, linesFor: (call) => (mode === 'dossier' && call > 1 ? LAW_PAGE : FORM_PAGE)})
  if (mode === 'dossier') {
    const [input] = await writeDossiers(path.join(dir, 'in'), 1, size, await tinyPage())
    await runDossier({...common, input: input!, procedure: '1.001193', outDir: path.join(dir, 'out'), strict: false, engine})
  } else {
    await writeDossiers(path.join(dir, 'in'), size, 1, await tinyPage())
    await runBatch({...common, root: path.join(dir, 'in'), outDir: path.join(dir, 'out'), procedure: '1.001193', engine})
  }
  process.stdout.write(`${Math.round(process.resourceUsage().maxRSS / 1024)}\n`)
}

function measure(mode: string, size: number, dir: string): Promise<{rss: number; seconds: number}> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'batch.ts'), 'child', mode, dir, String(size)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    proc.on('error', reject)
    proc.on('close', () => resolve({rss: Number(out.trim()), seconds: (performance.now() - started) / 1000}))
  })
}

if (positionals[0] === 'child') {
  await child(positionals[1]!, positionals[2]!, Number(positionals[3]))
} else {
  const work = path.join(os.tmpdir(), `sohoa-bench-batch-${process.pid}`)
  await rm(work, {recursive: true, force: true})
  try {
    if (values.part !== 'rss') await throughput(work, Number(values.dossiers), values.jobs!)
    if (values.part !== 'throughput') await peakRss(work, Number(values.big))
  } finally {
    await rm(work, {recursive: true, force: true})
  }
}

async function throughput(work: string, count: number, jobs: string): Promise<void> {
  const inputs = await writeDossiers(path.join(work, 'in'), count, 1)
  const data = ['--data-dir', path.join(work, 'data')]

  let started = performance.now()
  const batchCode = await cli([
    'batch',
    path.join(work, 'in'),
    '--out',
    path.join(work, 'out-batch'),
    '--procedure',
    '1.001193',
    '--agency',
    AGENCY,
    '--jobs',
    jobs,
    ...data,
  ])
  const batchSeconds = (performance.now() - started) / 1000

  started = performance.now()
  for (const input of inputs)
    await cli(['run', input, '--out', path.join(work, 'out-run'), '--procedure', '1.001193', '--agency', AGENCY, '--jobs', jobs, ...data])
  const runSeconds = (performance.now() - started) / 1000

  const perMinute = (seconds: number) => ((count / seconds) * 60).toFixed(1)
  console.log(`Throughput, real OCR, ${count} one-page dossiers, --jobs ${jobs} (exit of batch: ${batchCode}):`)
  console.log(`  sohoa batch          ${batchSeconds.toFixed(1)} s  ${perMinute(batchSeconds)} pages/min`)
  console.log(`  ${count} × sohoa run     ${runSeconds.toFixed(1)} s  ${perMinute(runSeconds)} pages/min`)
  console.log(`  batch / run          ${(runSeconds / batchSeconds).toFixed(2)}× faster`)
}

async function peakRss(work: string, big: number): Promise<void> {
  console.log('Peak RSS of the pipeline (fast OCR double at the engine port):')
  for (const [mode, sizes, unit] of [
    ['dossier', [20, big], 'pages in one dossier'],
    ['batch', [20, big], 'one-page dossiers in one batch'],
  ] as const) {
    for (const size of sizes) {
      const dir = path.join(work, `${mode}-${size}`)
      await mkdir(dir, {recursive: true})
      const {rss, seconds} = await measure(mode, size, dir)
      console.log(`  ${String(size).padStart(4)} ${unit.padEnd(32)} ${String(rss).padStart(5)} MiB  (${seconds.toFixed(0)} s)`)
    }
  }
}
