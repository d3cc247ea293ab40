/**
 * Accuracy of preprocessing on generated pages with known truth: orientation, skew, blank
 * pages, and what skew and rotation cost OCR. Every page comes from the seed, so a run can
 * be repeated exactly.
 *
 *   npm run bench:preprocess -- --seed 1 [--pages 80] [--blanks 40] [--ocr-pages 6] [--dpi 200]
 *
 * Targets (issue 6): orientation ≥ 99%, mean |skew error| ≤ 0.3°, no text page dropped and
 * ≥ 98% of blank pages dropped, CER of skewed/rotated pages within 1 point of the same
 * pages clean. Exit code 1 when a target is missed.
 */
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {FONTS, mulberry32, type PageSpec, renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {ocrFiles} from '../src/pipeline/ocr.js'
import {planCorrections} from '../src/pipeline/preprocess.js'
import {greyPixels} from '../src/tools/images.js'
import {defaultJobs} from '../src/tools/tesseract.js'
import {cerPercent, cerTally} from './lib/cer.js'

const {values} = parseArgs({
  options: {
    seed: {type: 'string', default: '1'},
    pages: {type: 'string', default: '80'},
    blanks: {type: 'string', default: '40'},
    'ocr-pages': {type: 'string', default: '6'},
    dpi: {type: 'string', default: '200'},
    jobs: {type: 'string'},
    /** Page indexes to look at alone (comma-separated), e.g. the misses of a run. */
    only: {type: 'string'},
    /** Folder to save the pages missed, as PNG, to look at. */
    save: {type: 'string'},
  },
})
const only = values.only ? new Set(values.only.split(',').map(Number)) : undefined
const seed = Number(values.seed)
const dpi = Number(values.dpi)
const random = mulberry32(seed * 7919 + 17)
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const uniform = (low: number, high: number): number => low + (high - low) * random()
const chance = (p: number): boolean => random() < p
const ALL_LINES = [...FORM_PAGE, ...LAW_PAGE]
const fonts = Object.keys(FONTS) as (keyof typeof FONTS)[]

interface Truth {
  kind: 'text' | 'nearly-blank' | 'blank'
  /** Degrees the page was turned clockwise; the right correction is (360 − turn) % 360. */
  turn: 0 | 90 | 180 | 270
  skew: number
}

function textLines(): string[] {
  const start = Math.floor(random() * (ALL_LINES.length - 8))
  return ALL_LINES.slice(start, start + 6 + Math.floor(random() * 12))
}

function scanner(): Pick<PageSpec, 'border' | 'paper' | 'punchHoles' | 'bleedThrough'> {
  const spec: Pick<PageSpec, 'border' | 'paper' | 'punchHoles' | 'bleedThrough'> = {}
  if (chance(0.4)) {
    spec.border = {
      top: chance(0.6) ? uniform(2, 12) : 0,
      left: chance(0.6) ? uniform(2, 12) : 0,
      right: chance(0.3) ? uniform(2, 8) : 0,
      bottom: chance(0.3) ? uniform(2, 8) : 0,
      shade: Math.round(uniform(10, 70)),
      shadowMm: chance(0.5) ? uniform(1, 4) : 0,
    }
  }
  if (chance(0.3)) spec.paper = {r: 250, g: 244, b: Math.round(uniform(220, 240))}
  if (chance(0.25)) spec.punchHoles = pick([2, 4] as const)
  if (chance(0.3)) spec.bleedThrough = {lines: textLines(), strength: uniform(0.08, 0.22)}
  return spec
}

function degradation(turn: number, skew: number): PageSpec['degrade'] {
  const blurSigma = chance(0.5) ? uniform(0.3, 1.1) : 0
  return {rotate: turn + skew, noise: uniform(0, 14), blurSigma, contrast: uniform(0.65, 1), seed: Math.floor(random() * 1e6)}
}

function textPage(): {spec: PageSpec; truth: Truth} {
  const turn = pick([0, 90, 180, 270] as const)
  const skew = Math.round(uniform(-10, 10) * 100) / 100
  return {
    spec: {lines: textLines(), dpi, font: pick(fonts), sizePt: pick([10, 11, 12, 13]), ...scanner(), degrade: degradation(turn, skew)},
    truth: {kind: 'text', turn, skew},
  }
}

function nearlyBlankPage(): {spec: PageSpec; truth: Truth} {
  const variant = pick(['signature', 'line', 'words'] as const)
  const base: PageSpec =
    variant === 'signature'
      ? {lines: [], signature: {seed: Math.floor(random() * 1000), xMm: uniform(30, 130), yMm: uniform(40, 240)}}
      : {lines: [variant === 'line' ? pick(ALL_LINES) : pick(['Đã ký', 'Xác nhận', 'Trang 2', 'Ghi chú: không'])], marginMm: uniform(15, 60)}
  const skew = uniform(-3, 3)
  return {spec: {...base, dpi, ...scanner(), degrade: degradation(0, skew)}, truth: {kind: 'nearly-blank', turn: 0, skew}}
}

function blankPage(): {spec: PageSpec; truth: Truth} {
  const skew = uniform(-3, 3)
  return {spec: {lines: [], dpi, ...scanner(), degrade: degradation(0, skew)}, truth: {kind: 'blank', turn: 0, skew}}
}

async function analyse(bytes: Buffer): Promise<Awaited<ReturnType<typeof planCorrections>>> {
  const grey = await greyPixels({bytes, page: 0})
  return planCorrections(grey, dpi, {rotate: true, deskew: true, cropBorders: true, keepBlank: false})
}

async function accuracy(): Promise<{passed: boolean; lines: string[]}> {
  const pages = [
    ...Array.from({length: Number(values.pages)}, textPage),
    ...Array.from({length: Math.ceil(Number(values.blanks) / 2)}, nearlyBlankPage),
    ...Array.from({length: Number(values.blanks)}, blankPage),
  ]
  let turned = 0
  let uncertain = 0
  let skewError = 0
  let worstSkew = 0
  let textDropped = 0
  let blanksDropped = 0
  let seconds = 0
  const misses: string[] = []
  for (const [index, {spec, truth}] of pages.entries()) {
    if (only && !only.has(index)) continue
    const bytes = await renderPage(spec)
    const started = performance.now()
    const {corrections, analysis} = await analyse(bytes)
    seconds += (performance.now() - started) / 1000
    const missed = async (what: string): Promise<void> => {
      misses.push(`page ${index}: ${what} ${JSON.stringify({blank: analysis.blank, crop: analysis.crop})}`)
      if (values.save) await writeFile(path.join(values.save, `miss-${seed}-${index}.png`), bytes)
    }
    if (truth.kind === 'blank') {
      if (corrections.blank) blanksDropped += 1
      else await missed('blank page kept')
      continue
    }
    if (corrections.blank) {
      textDropped += 1
      await missed(`${truth.kind} page dropped as blank`)
    }
    if (truth.kind !== 'text') continue
    const want = (360 - truth.turn) % 360
    if (corrections.rotation === want) turned += 1
    else await missed(`turn ${truth.turn}, got rotation ${corrections.rotation} (confidence ${corrections.orientationConfidence})`)
    if (corrections.orientationUncertain) uncertain += 1
    const error = Math.abs(corrections.skew - truth.skew)
    skewError += error
    worstSkew = Math.max(worstSkew, error)
  }
  const evaluated = pages.filter((_, index) => !only || only.has(index))
  const texts = evaluated.filter((page) => page.truth.kind === 'text').length
  const blanks = evaluated.filter((page) => page.truth.kind === 'blank').length
  const nearly = evaluated.length - texts - blanks
  const orientation = texts ? (100 * turned) / texts : 100
  const meanSkew = texts ? skewError / texts : 0
  const blankRate = blanks ? (100 * blanksDropped) / blanks : 100
  const passed = orientation >= 99 && meanSkew <= 0.3 && textDropped === 0 && blankRate >= 98
  return {
    passed,
    lines: [
      `orientation: ${turned}/${texts} = ${orientation.toFixed(1)}% (target ≥ 99%), ${uncertain} flagged uncertain`,
      `skew: mean |error| ${meanSkew.toFixed(3)}°, worst ${worstSkew.toFixed(2)}° (target mean ≤ 0.3°)`,
      `blank: ${blanksDropped}/${blanks} blank pages dropped = ${blankRate.toFixed(1)}% (target ≥ 98%); text or nearly blank pages dropped: ${textDropped} of ${texts + nearly} (target 0)`,
      `analysis time: ${((1000 * seconds) / evaluated.length).toFixed(0)} ms/page (decode + downscale + analysis, ${dpi} dpi A4)`,
      ...misses.map((miss) => `  miss: ${miss}`),
    ],
  }
}

/** The same text rendered clean, then turned and skewed: OCR both through `ocrFiles`. */
async function ocrCost(): Promise<{passed: boolean; lines: string[]}> {
  const count = Number(values['ocr-pages'])
  if (count === 0) return {passed: true, lines: []}
  const work = await mkdtemp(path.join(os.tmpdir(), 'sohoa-bench-pre-'))
  try {
    const truths: string[] = []
    await mkdir(path.join(work, 'clean'))
    await mkdir(path.join(work, 'scanned'))
    const turns: string[] = []
    for (let i = 0; i < count; i += 1) {
      const lines = textLines().slice(0, 8)
      truths.push(lines.join(' '))
      const base: PageSpec = {lines, dpi: 300, pageMm: {width: 148, height: 150}, font: pick(fonts)}
      const turn = pick([0, 90, 180, 270] as const)
      const skew = Math.round(uniform(-8, 8) * 100) / 100
      turns.push(`${turn}°${skew >= 0 ? '+' : ''}${skew}°`)
      const noise = {noise: 6, blurSigma: 0.5, seed: i + 1}
      await writeFile(path.join(work, 'clean', `p${i}.png`), await renderPage({...base, degrade: noise}))
      await writeFile(path.join(work, 'scanned', `p${i}.png`), await renderPage({...base, border: {top: 5, left: 4, shadowMm: 2}, degrade: {...noise, rotate: turn + skew}}))
    }
    const jobs = values.jobs ? Number(values.jobs) : defaultJobs()
    const cer = async (folder: string): Promise<number[]> => {
      const out = path.join(work, `${folder}-out`)
      await ocrFiles([path.join(work, folder)], {outDir: out, jobs, forceOcr: false, software: 'bench'})
      const tallies = await Promise.all(truths.map(async (truth, i) => cerTally(await readFile(path.join(out, `p${i}.txt`), 'utf8'), truth)))
      return [cerPercent(tallies), ...tallies.map((t) => (100 * t.edits) / t.length)]
    }
    const [clean, ...cleanPages] = await cer('clean')
    const [scanned, ...scannedPages] = await cer('scanned')
    const gap = scanned! - clean!
    return {
      passed: gap <= 1,
      lines: [
        `OCR: CER clean ${clean!.toFixed(2)}%, turned+skewed+bordered ${scanned!.toFixed(2)}%, gap ${gap.toFixed(2)} points over ${count} pages (target ≤ 1)`,
        ...turns.map((turn, i) => `  p${i} ${turn}: clean ${cleanPages[i]!.toFixed(2)}%, scanned ${scannedPages[i]!.toFixed(2)}%`),
      ],
    }
  } finally {
    await rm(work, {recursive: true, force: true})
  }
}

const started = performance.now()
const a = await accuracy()
const o = await ocrCost()
console.log(`bench:preprocess seed ${seed}, ${values.pages} text + ${Math.ceil(Number(values.blanks) / 2)} nearly blank + ${values.blanks} blank pages at ${dpi} dpi`)
for (const line of [...a.lines, ...o.lines]) console.log(line)
console.log(`${a.passed && o.passed ? 'PASS' : 'FAIL'} in ${((performance.now() - started) / 1000).toFixed(0)} s`)
process.exitCode = a.passed && o.passed ? 0 : 1
