/**
 * OCR throughput and accuracy benchmark: seconds per page with 1 and 2 workers on generated
 * A4 pages (ratio measured in one run, since machines here are shared and noisy), CER on
 * clean and degraded generated pages, and CER on the real scanned pages in
 * ../shared/data/real-pages when that folder is present.
 *
 *   npm run bench                 # default: 6 generated pages
 *   npm run bench -- --pages 10 --seed 7
 */
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {characterErrorRate} from '../scripts/lib/cer.js'
import {type FontName, mulberry32, renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {ocrFiles, type OcrRun} from '../src/pipeline/ocr.js'
import {ocrImage} from '../src/tools/images.js'
import {OcrPool} from '../src/tools/tesseract.js'

const {values} = parseArgs({options: {pages: {type: 'string', default: '6'}, seed: {type: 'string', default: '1'}}})
const pageCount = Number(values.pages)
const seed = Number(values.seed)
const realPages = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'real-pages')

const work = path.join(os.tmpdir(), `sohoa-bench-${process.pid}`)
const input = path.join(work, 'in')
await mkdir(input, {recursive: true})
const random = mulberry32(seed)
const fonts: FontName[] = ['serif', 'sans', 'condensed']
const truths = new Map<string, string>()
for (let index = 0; index < pageCount; index += 1) {
  const lines = index % 2 === 0 ? FORM_PAGE : LAW_PAGE
  const degraded = index % 3 === 2
  const name = `p${String(index + 1).padStart(2, '0')}-${degraded ? 'degraded' : 'clean'}.${degraded ? 'jpg' : 'png'}`
  const bytes = await renderPage({
    lines,
    font: fonts[index % fonts.length],
    sizePt: 11 + Math.round(random() * 2),
    format: degraded ? 'jpeg' : 'png',
    degrade: degraded
      ? {
          rotate: (random() - 0.5) * 3,
          blurSigma: 0.8 + random() * 0.4,
          noise: 10 + random() * 8,
          contrast: 0.65 + random() * 0.2,
          seed: seed + index,
        }
      : undefined,
  })
  await writeFile(path.join(input, name), bytes)
  truths.set(name, lines.join('\n'))
}

async function timed(jobs: number): Promise<{run: OcrRun; peakRssMb: number}> {
  const out = path.join(work, `out-${jobs}`)
  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  const run = await ocrFiles([input], {outDir: out, jobs, forceOcr: false, software: 'sohoa-bench'})
  clearInterval(sampler)
  return {run, peakRssMb: Math.round(peak / 2 ** 20)}
}

function cerBy(run: OcrRun, kind: 'clean' | 'degraded'): number {
  let edits = 0
  let length = 0
  for (const file of run.files) {
    if (file.status !== 'ok' || !file.file.includes(kind)) continue
    const truth = truths.get(file.file)!
    const cer = characterErrorRate(file.pages.map((page) => page.text).join('\n'), truth)
    edits += cer * truth.length
    length += truth.length
  }
  return length ? edits / length : Number.NaN
}

/** OCR alone (one prepared page, recognised 4 times): how far the engine itself scales. */
async function engineSecondsPerPage(jobs: number): Promise<number> {
  const first = (await readdir(input)).sort()[0]!
  const {png} = await ocrImage({bytes: await readFile(path.join(input, first)), page: 0}, 300)
  const pool = await OcrPool.start(jobs)
  try {
    await pool.recognize(png)
    const started = performance.now()
    await Promise.all(Array.from({length: 4}, async () => pool.recognize(png)))
    return (performance.now() - started) / 4000
  } finally {
    await pool.close()
  }
}

const engineOne = await engineSecondsPerPage(1)
const engineTwo = await engineSecondsPerPage(2)
const one = await timed(1)
const two = await timed(2)
const perPage = (run: OcrRun): number => run.seconds / run.pages
console.log(`generated pages: ${pageCount} (seed ${seed}), cores: ${os.availableParallelism()}`)
console.log(`1 worker : ${perPage(one.run).toFixed(2)} s/page (${one.run.seconds} s total, peak RSS ${one.peakRssMb} MB)`)
console.log(`2 workers: ${perPage(two.run).toFixed(2)} s/page (${two.run.seconds} s total, peak RSS ${two.peakRssMb} MB)`)
console.log(`speed-up 2 vs 1 workers: ${(one.run.seconds / two.run.seconds).toFixed(2)}x (OCR engine alone: ${engineOne.toFixed(2)} → ${engineTwo.toFixed(2)} s/page, ${(engineOne / engineTwo).toFixed(2)}x)`)
console.log(`CER clean: ${(cerBy(two.run, 'clean') * 100).toFixed(2)}%  degraded: ${(cerBy(two.run, 'degraded') * 100).toFixed(2)}%`)

const hasReal = await readdir(path.join(realPages, 'pages')).catch(() => undefined)
if (hasReal) {
  const out = path.join(work, 'out-real')
  const run = await ocrFiles([path.join(realPages, 'pages')], {outDir: out, jobs: 2, forceOcr: false, software: 'sohoa-bench'})
  let edits = 0
  let length = 0
  for (const file of run.files) {
    if (file.status !== 'ok') continue
    const truth = await readFile(path.join(realPages, 'truth', file.file.replace(/\.jpg$/, '.txt')), 'utf8')
    const cer = characterErrorRate(file.pages.map((page) => page.text).join('\n'), truth)
    edits += cer * truth.trim().length
    length += truth.trim().length
  }
  console.log(`real pages (${run.pages}): CER ${((edits / length) * 100).toFixed(2)}%, ${(run.seconds / run.pages).toFixed(2)} s/page with 2 workers`)
} else {
  console.log(`real pages: ${realPages} not found, skipped`)
}
await rm(work, {recursive: true, force: true})
