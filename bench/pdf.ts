/**
 * Scanned-PDF benchmark: generated scanned PDFs of each kind an archive receives (bitonal
 * CCITT G4 at 200 and 300 ppi, greyscale JPEG, colour JPEG; JBIG2 is left out: no encoder is
 * at hand), several pages each: page 1 carries a signature stamp drawn by an annotation and draws its scan through a scaled
 * form XObject (as signed gazette PDFs do), page
 * 2 is skewed 1.5° (so it is re-encoded), the others are straight. Per kind it prints output
 * size ÷ input size, seconds per page, the dpi OCR used, CER against the generated text and
 * the peak RSS; and the same for OCRmyPDF on the same files, run alternately in one process
 * tree, when `ocrmypdf` is installed (Debian: apt-get install ocrmypdf tesseract-ocr-vie).
 * Generating the bitonal files needs ppm2tiff (apt-get install libtiff-tools).
 *
 *   npm run bench:pdf                       # 3 pages per kind, 1 round
 *   npm run bench:pdf -- --pages 4 --rounds 2 --kinds bitonal-200,bitonal-300
 */
import {execFile} from 'node:child_process'
import {mkdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs, promisify} from 'node:util'

import {characterErrorRate} from '../scripts/lib/cer.js'
import {type FontName, renderPage} from '../scripts/lib/page-render.js'
import {type ScanKind, scannedPdf} from '../scripts/lib/scanned-pdf.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {ocrFiles} from '../src/pipeline/ocr.js'

const run = promisify(execFile)
const {values} = parseArgs({
  options: {
    pages: {type: 'string', default: '3'},
    rounds: {type: 'string', default: '1'},
    kinds: {type: 'string', default: 'bitonal-200,bitonal-300,grey-300,colour-300'},
    jobs: {type: 'string', default: '2'},
    keep: {type: 'boolean', default: false},
  },
})
const pageCount = Number(values.pages)
const rounds = Number(values.rounds)
const jobs = Number(values.jobs)
const kinds = values.kinds.split(',').map((name) => {
  const [kind, dpi] = name.split('-')
  return {name, kind: kind as ScanKind, dpi: Number(dpi)}
})

const work = path.join(os.tmpdir(), `sohoa-bench-pdf-${process.pid}`)
await mkdir(work, {recursive: true})
const fonts: FontName[] = ['serif', 'sans', 'condensed']

interface Measure {
  ratio: number
  secondsPerPage: number
  dpis: number[]
  cer: number
  peakRssMb: number
}

async function makeInput(kind: ScanKind, dpi: number, file: string): Promise<string[]> {
  const truths: string[] = []
  const pages = []
  for (let index = 0; index < pageCount; index += 1) {
    const lines = index % 2 === 0 ? FORM_PAGE : LAW_PAGE
    truths.push(lines.join('\n'))
    const image = await renderPage({
      lines,
      dpi,
      font: fonts[index % fonts.length],
      sizePt: 12,
      paper: kind === 'colour' ? {r: 250, g: 246, b: 235} : undefined,
      degrade: index === 1 ? {rotate: 1.5, noise: kind === 'bitonal' ? 0 : 6, seed: index} : kind === 'bitonal' ? undefined : {noise: 6, seed: index},
    })
    pages.push({image, dpi})
  }
  await writeFile(file, await scannedPdf(pages, {kind, extras: ['annotation-stamp', 'form-wrapped']}))
  return truths
}

async function sohoa(input: string, out: string, truths: string[]): Promise<Measure> {
  await rm(out, {recursive: true, force: true})
  await mkdir(out, {recursive: true})
  let peak = 0
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  const result = await ocrFiles([input], {outDir: out, jobs, forceOcr: false, software: 'sohoa-bench'})
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const file = result.files[0]!
  if (file.status === 'blank') throw new Error(`sohoa took every page of ${input} for blank`)
  if (file.status === 'failed') throw new Error(`sohoa failed on ${input}: ${file.error.code} ${JSON.stringify(file.error.params)}`)
  const texts = file.pages.map((page) => page.text)
  return {
    ratio: (await stat(file.pdf)).size / (await stat(input)).size,
    secondsPerPage: seconds / truths.length,
    dpis: file.pages.map((page) => page.ocrDpi ?? page.dpi),
    cer: cerOf(texts, truths),
    peakRssMb: Math.round(peak / 2 ** 20),
  }
}

async function ocrmypdf(input: string, out: string, truths: string[]): Promise<Measure> {
  await rm(out, {recursive: true, force: true})
  await mkdir(out, {recursive: true})
  const pdf = path.join(out, 'out.pdf')
  const sidecar = path.join(out, 'out.txt')
  const started = performance.now()
  const args = ['-c', 'ocrmypdf -q -l vie --deskew --rotate-pages -j "$0" --sidecar "$1" "$2" "$3"', String(jobs), sidecar, input, pdf]
  // /usr/bin/time -f %M: the peak RSS of the largest process of the tree, in KiB.
  const timed = await run('/usr/bin/time', ['-f', '%M', 'sh', ...args]).catch((error: {stderr?: string}) => {
    throw new Error(`ocrmypdf failed on ${input}: ${error.stderr ?? String(error)}`)
  })
  const seconds = (performance.now() - started) / 1000
  const texts = (await readFile(sidecar, 'utf8')).split('\f')
  return {
    ratio: (await stat(pdf)).size / (await stat(input)).size,
    secondsPerPage: seconds / truths.length,
    dpis: [],
    cer: cerOf(texts, truths),
    peakRssMb: Math.round(Number(timed.stderr.trim().split('\n').at(-1)) / 1024),
  }
}

function cerOf(texts: string[], truths: string[]): number {
  let edits = 0
  let length = 0
  truths.forEach((truth, index) => {
    edits += characterErrorRate(texts[index] ?? '', truth) * truth.length
    length += truth.length
  })
  return edits / length
}

const haveOcrmypdf = await run('ocrmypdf', ['--version']).then(
  () => true,
  () => false,
)
const rows: string[][] = []
const sum = new Map<string, Measure[]>()
for (const {name, kind, dpi} of kinds) {
  const input = path.join(work, `${name}.pdf`)
  const truths = await makeInput(kind, dpi, input)
  for (let round = 0; round < rounds; round += 1) {
    const measures: [string, Measure][] = [['sohoa', await sohoa(input, path.join(work, `out-${name}`), truths)]]
    if (haveOcrmypdf) measures.push(['ocrmypdf', await ocrmypdf(input, path.join(work, `ocrmypdf-${name}`), truths)])
    for (const [tool, measure] of measures) {
      const key = `${name}\t${tool}`
      sum.set(key, [...(sum.get(key) ?? []), measure])
    }
  }
}
for (const [key, measures] of sum) {
  const mean = (pick: (m: Measure) => number): number => measures.reduce((s, m) => s + pick(m), 0) / measures.length
  const dpis = measures.flatMap((m) => m.dpis)
  const dpiText = dpis.length ? [...new Set(dpis)].join('/') : '-'
  const [kind, tool] = key.split('\t') as [string, string]
  rows.push([
    kind,
    tool,
    mean((m) => m.ratio).toFixed(2),
    mean((m) => m.secondsPerPage).toFixed(2),
    dpiText,
    `${(mean((m) => m.cer) * 100).toFixed(2)}%`,
    String(Math.max(...measures.map((m) => m.peakRssMb))),
  ])
}
const header = ['kind', 'tool', 'out/in', 's/page', 'OCR dpi', 'CER', 'peak RSS MB']
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')
console.log(`scanned PDFs: ${pageCount} pages per kind, ${rounds} round(s), ${jobs} jobs, cores: ${os.availableParallelism()}`)
console.log(line(header))
for (const row of rows) console.log(line(row))
if (!haveOcrmypdf) console.log('ocrmypdf: not installed, not compared (Debian: apt-get install ocrmypdf tesseract-ocr-vie)')
if (values.keep) console.log(`files kept in ${work}`)
else await rm(work, {recursive: true, force: true})
