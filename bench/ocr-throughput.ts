/**
 * `sohoa ocr` against OCRmyPDF on the same pages, side by side in one run (A B A B: the
 * machines here are shared and noisy, so the ratio is the figure, not the seconds): pages/min
 * of each, the ratio, CER of each against the truth, peak RSS, and the start-up time of
 * `sohoa --help` and `sohoa id parse`.
 *
 * The pages: the real scans in ../shared/data/real-pages when that folder is present (said
 * when it is not), and generated pages always. sohoa reads the page images; OCRmyPDF reads
 * one PDF holding the same images unchanged (it takes one file), with the options:
 * `ocrmypdf -l vie --deskew --rotate-pages -j <jobs> --output-type pdfa` (text from --sidecar).
 * Needs the Debian packages ocrmypdf and tesseract-ocr-vie (apt-get install ocrmypdf
 * tesseract-ocr-vie); runs the built CLI (npm run build first).
 *
 *   npm run bench                                  # 2 rounds, 2 jobs
 *   npm run bench -- --rounds 3 --pages 6 --seed 7
 *   npm run bench -- --variant 'eng:SOHOA_OCR_LANGUAGES=vie+eng'   # more sohoa variants, alternated too
 *   npm run bench -- --no-ocrmypdf                 # sohoa variants only
 */
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {type FontName, mulberry32, renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {cerPercent, cerTally} from './lib/cer.js'
import {commandSeconds, missingOcrmypdf, pagesPdf, runOcrmypdf, runSohoa, type Timed} from './lib/side-by-side.js'

const {values} = parseArgs({
  options: {
    pages: {type: 'string', default: '4'},
    seed: {type: 'string', default: '1'},
    rounds: {type: 'string', default: '2'},
    jobs: {type: 'string', default: '2'},
    variant: {type: 'string', multiple: true, default: []},
    'no-ocrmypdf': {type: 'boolean', default: false},
    'no-generated': {type: 'boolean', default: false},
  },
})
const jobs = Number(values.jobs)
const rounds = Number(values.rounds)
const realPages = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'real-pages')

interface PageSet {
  name: string
  files: string[]
  truths: string[]
  pdf: string
}

interface Side {
  name: string
  run: () => Promise<Timed>
}

const missing = values['no-ocrmypdf'] ? [] : await missingOcrmypdf()
if (missing.length > 0) {
  console.error(`OCRmyPDF is not ready (missing: ${missing.join(', ')}). Install it with:\n  apt-get install ocrmypdf tesseract-ocr-vie time`)
  process.exit(2)
}

const work = path.join(os.tmpdir(), `sohoa-bench-${process.pid}`)
await mkdir(work, {recursive: true})
try {
  const variants = [{name: 'sohoa', env: {}}, ...values.variant.map(parseVariant)]
  const sets: PageSet[] = []
  const real = await realPageSet()
  if (real) sets.push(real)
  else console.log(`real pages: ${realPages} not found, skipped (generated pages only)`)
  if (!values['no-generated']) sets.push(await generatedPageSet(Number(values.pages), Number(values.seed)))

  console.log(`cores: ${os.availableParallelism()}, jobs: ${jobs}, rounds: ${rounds}, load average: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`)
  for (const set of sets) {
    const sides: Side[] = variants.map((variant) => ({name: variant.name, run: () => runSohoa(set.files, work, jobs, variant.env)}))
    if (!values['no-ocrmypdf']) sides.push({name: 'ocrmypdf', run: () => runOcrmypdf(set.pdf, set.files.length, work, jobs)})
    const results = new Map<string, Timed[]>(sides.map((side) => [side.name, []]))
    for (let round = 0; round < rounds; round += 1) {
      for (const side of sides) {
        const timed = await side.run()
        results.get(side.name)!.push(timed)
        console.log(`  ${set.name} round ${round + 1} ${side.name}: ${timed.seconds.toFixed(1)} s, peak RSS ${timed.peakRssMb} MB, CER ${cer(timed, set).toFixed(2)}%`)
      }
    }
    report(set, results)
  }
  console.log(`start-up: sohoa --help ${(await commandSeconds(['--help'])).toFixed(2)} s, sohoa id parse ${(await commandSeconds(['id', 'parse', '001203012345'])).toFixed(2)} s (median of 5)`)
  console.log(`load average at the end: ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`)
} finally {
  await rm(work, {recursive: true, force: true})
}

function parseVariant(spec: string): {name: string; env: Record<string, string>} {
  const colon = spec.indexOf(':')
  const name = colon < 0 ? spec : spec.slice(0, colon)
  const settings = colon < 0 ? '' : spec.slice(colon + 1)
  const pairs = settings.split(',').filter(Boolean)
  const env = Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
  return {name, env}
}

function cer(timed: Timed, set: PageSet): number {
  return cerPercent(set.truths.map((truth, index) => cerTally(timed.pages[index] ?? '', truth)))
}

function report(set: PageSet, results: Map<string, Timed[]>): void {
  const seconds = (runs: Timed[]): number => runs.reduce((sum, timed) => sum + timed.seconds, 0)
  const pagesPerMinute = (runs: Timed[]): number => (60 * set.files.length * runs.length) / seconds(runs)
  const reference = results.get('ocrmypdf')
  console.log(`${set.name}: ${set.files.length} pages × ${rounds} rounds`)
  console.log('  side        pages/min  ratio to ocrmypdf  CER     peak RSS')
  for (const [name, runs] of results) {
    const ratio = reference ? (pagesPerMinute(runs) / pagesPerMinute(reference)).toFixed(2) + '×' : '-'
    const cers = runs.map((timed) => cer(timed, set))
    const peak = Math.max(...runs.map((timed) => timed.peakRssMb))
    console.log(`  ${name.padEnd(10)}  ${pagesPerMinute(runs).toFixed(1).padStart(9)}  ${ratio.padStart(17)}  ${(cers.reduce((a, b) => a + b, 0) / cers.length).toFixed(2)}%  ${peak} MB`)
  }
}

async function realPageSet(): Promise<PageSet | undefined> {
  const names = await readdir(path.join(realPages, 'pages')).catch(() => undefined)
  if (!names) return undefined
  const pages = names.filter((name) => name.endsWith('.jpg')).sort()
  const files = pages.map((name) => path.join(realPages, 'pages', name))
  const truths = await Promise.all(pages.map(async (name) => readFile(path.join(realPages, 'truth', name.replace(/\.jpg$/, '.txt')), 'utf8')))
  const pdf = path.join(work, 'real.pdf')
  await pagesPdf(files, 300, pdf)
  return {name: 'real pages', files, truths, pdf}
}

async function generatedPageSet(count: number, seed: number): Promise<PageSet> {
  const dir = path.join(work, 'generated')
  await mkdir(dir, {recursive: true})
  const random = mulberry32(seed)
  const fonts: FontName[] = ['serif', 'sans', 'condensed']
  const files: string[] = []
  const truths: string[] = []
  for (let index = 0; index < count; index += 1) {
    const lines = index % 2 === 0 ? FORM_PAGE : LAW_PAGE
    const degraded = index % 3 === 2
    const file = path.join(dir, `p${String(index + 1).padStart(2, '0')}.${degraded ? 'jpg' : 'png'}`)
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
    await writeFile(file, bytes)
    files.push(file)
    truths.push(lines.join('\n'))
  }
  const pdf = path.join(work, 'generated.pdf')
  await pagesPdf(files, 300, pdf)
  return {name: `generated pages (seed ${seed})`, files, truths, pdf}
}
