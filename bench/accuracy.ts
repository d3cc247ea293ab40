/**
 * Accuracy benchmark of split → classify → extract on synthetic dossiers of the SPEC
 * procedures (bench/corpus/): page CER, split accuracy, kind accuracy, field exact-match per
 * field, QR decode rate. Targets: kind ≥ 98%, split ≥ 97%, idNumber ≥ 99%, names ≥ 95%,
 * dates ≥ 97%.
 *
 *   npm run bench:accuracy                          # seed 1, two dossiers per procedure
 *   npm run bench:accuracy -- --seed 7 --per-procedure 3 --jobs 2
 */
import {readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {cerPercent, cerTally, type CerTally} from './lib/cer.js'
import {generateDossier, mulberry32, type TruthDossier} from './corpus/generate.js'
import {NAME_FIELDS} from '../src/core/dossier.js'
import type {ProcedureSchema} from '../src/core/procedure.js'
import {analyseDossier, type AnalysedDossier} from '../src/pipeline/analyse.js'
import {recognise, type RecognisedPage} from '../src/pipeline/recognise.js'
import {packagePath} from '../src/tools/package-root.js'

const {values} = parseArgs({
  options: {
    seed: {type: 'string', default: '1'},
    'per-procedure': {type: 'string', default: '2'},
    jobs: {type: 'string', default: String(Math.max(1, Math.min(2, os.availableParallelism())))},
    keep: {type: 'boolean', default: false},
  },
})
const seed = Number(values.seed)
const perProcedure = Number(values['per-procedure'])
const jobs = Number(values.jobs)
const random = mulberry32(seed)

const procedureDir = packagePath('templates', 'procedures')
const procedures: ProcedureSchema[] = []
for (const name of (await readdir(procedureDir)).filter((file) => file.endsWith('.json')).sort()) {
  procedures.push(JSON.parse(await readFile(path.join(procedureDir, name), 'utf8')) as ProcedureSchema)
}

const work = path.join(os.tmpdir(), `sohoa-accuracy-${seed}-${process.pid}`)
const started = performance.now()
const dossiers: TruthDossier[] = []
for (const procedure of procedures) {
  for (let index = 0; index < perProcedure; index += 1) {
    dossiers.push(await generateDossier(path.join(work, `${procedure.code}-${index + 1}`), procedure, random))
  }
}
const pageTotal = dossiers.reduce((sum, dossier) => sum + dossier.pages.length, 0)
console.error(`generated ${dossiers.length} dossiers, ${pageTotal} pages (seed ${seed}) in ${((performance.now() - started) / 1000).toFixed(0)} s`)

interface Tally {
  ok: number
  total: number
}
const tally = (): Tally => ({ok: 0, total: 0})
const count = (entry: Tally, ok: boolean) => {
  entry.total += 1
  if (ok) entry.ok += 1
}
const cer: CerTally[] = []
const split = tally()
const kind = tally()
const qr = tally()
const fields = new Map<string, Tally>()
const confusions = new Map<string, number>()
const misses: string[] = []

const sameValue = (key: string, got: string | undefined, want: string): boolean => {
  if (got === undefined) return false
  if ((NAME_FIELDS as readonly string[]).includes(key)) return got.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim() === want.toLocaleLowerCase('vi')
  return got === want
}

const ocrStarted = performance.now()
for (const dossier of dossiers) {
  const pages: RecognisedPage[] = []
  const files = await recognise([dossier.dir], {jobs, forceOcr: false}, async (file) => file)
  for (const file of files) {
    if (file.status === 'ok') pages.push(...file.pages)
    else console.error(`failed: ${file.input.name}: ${file.error.code}`)
  }
  const analysed: AnalysedDossier = await analyseDossier(pages, {split: 'auto'})
  for (const page of pages) {
    const truth = dossier.pages.find((entry) => entry.file === page.result.source.file)
    if (truth && !truth.blank) cer.push(cerTally(page.result.text, truth.text))
  }
  const predicted = analysed.documents.map((entry) => ({doc: entry.document, files: entry.document.pages.map((page) => page.source.file)}))
  for (const truth of dossier.documents) {
    count(split, predicted.some((entry) => entry.files.join() === truth.files.join()))
    const match = predicted.find((entry) => entry.files.includes(truth.files[0]!))
    const got = match?.doc.kind ?? 'none'
    count(kind, got === truth.kind)
    if (got !== truth.kind) confusions.set(`${truth.kind} → ${got}`, (confusions.get(`${truth.kind} → ${got}`) ?? 0) + 1)
    if (truth.hasQr) count(qr, match?.doc.fields.idNumber?.source === 'qr')
    for (const [key, want] of Object.entries(truth.fields)) {
      const value = match?.doc.fields[key as keyof typeof match.doc.fields]?.value
      const entry = fields.get(key) ?? tally()
      fields.set(key, entry)
      const ok = sameValue(key, value, want)
      count(entry, ok)
      if (!ok) misses.push(`${path.basename(dossier.dir)} ${truth.kind}.${key}: want "${want}" got "${value ?? '—'}"`)
    }
  }
  const wrongSplits = dossier.documents.filter((truth) => !predicted.some((entry) => entry.files.join() === truth.files.join()))
  if (wrongSplits.length > 0) {
    console.error(`split ${path.basename(dossier.dir)}: truth ${dossier.documents.map((d) => `${d.kind}[${d.files.join(' ')}]`).join(' | ')}`)
    console.error(`      predicted ${predicted.map((p) => `${p.doc.kind}[${p.files.join(' ')}]`).join(' | ')}`)
  }
  await Promise.allSettled(files.map(async (file) => (file.status === 'ok' ? file.file.close() : undefined)))
}
const seconds = (performance.now() - ocrStarted) / 1000

const percent = (entry: Tally): string => (entry.total === 0 ? '   —  ' : `${((100 * entry.ok) / entry.total).toFixed(1).padStart(5)}%`)
console.log(`accuracy benchmark, seed ${seed}: ${dossiers.length} dossiers, ${pageTotal} pages, ${seconds.toFixed(0)} s pipeline (${jobs} workers)`)
console.log(`  page CER            ${cerPercent(cer).toFixed(2)}%`)
console.log(`  split accuracy      ${percent(split)}  (${split.ok}/${split.total} documents)   target ≥ 97%`)
console.log(`  kind accuracy       ${percent(kind)}  (${kind.ok}/${kind.total})   target ≥ 98%`)
console.log(`  QR decode rate      ${percent(qr)}  (${qr.ok}/${qr.total} ID cards)`)
console.log('  field exact match')
for (const [key, entry] of [...fields.entries()].sort()) console.log(`    ${key.padEnd(18)}${percent(entry)}  (${entry.ok}/${entry.total})`)
if (confusions.size > 0) console.log(`  kind confusions: ${[...confusions.entries()].map(([pair, n]) => `${pair} ×${n}`).join(', ')}`)
if (misses.length > 0) console.error(`field misses:\n  ${misses.join('\n  ')}`)
if (!values.keep) await rm(work, {recursive: true, force: true})
else console.error(`corpus kept in ${work}`)
