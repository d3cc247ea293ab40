/**
 * CER of `sohoa ocr` on the ten real Công báo scans in ../shared/data/real-pages (README there
 * defines the metric). Runs the whole OCR pipeline, preprocessing included.
 * Usage: node --import tsx bench/real-pages-cer.ts [--data <dir>] [--jobs N] [--no-deskew]
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {ocrFiles} from '../src/pipeline/ocr.js'
import {defaultJobs} from '../src/tools/tesseract.js'
import {cerPercent, cerTally} from './lib/cer.js'

const {values} = parseArgs({
  options: {
    data: {type: 'string', default: path.join(import.meta.dirname, '..', '..', 'shared', 'data', 'real-pages')},
    jobs: {type: 'string'},
    'no-deskew': {type: 'boolean', default: false},
  },
})
const dataDir = values.data!
const jobs = values.jobs ? Number(values.jobs) : defaultJobs()
const names = (await readdir(path.join(dataDir, 'pages'))).filter((name) => name.endsWith('.jpg')).sort()
const out = await mkdtemp(path.join(os.tmpdir(), 'sohoa-cer-'))
try {
  const run = await ocrFiles(
    names.map((name) => path.join(dataDir, 'pages', name)),
    {outDir: out, jobs, forceOcr: false, software: 'bench', preprocess: values['no-deskew'] ? {deskew: false} : {}},
  )
  const tallies = []
  for (const name of names) {
    const id = name.replace(/\.jpg$/, '')
    const text = await readFile(path.join(out, `${id}.txt`), 'utf8')
    const truth = await readFile(path.join(dataDir, 'truth', `${id}.txt`), 'utf8')
    const tally = cerTally(text, truth)
    tallies.push(tally)
    const outcome = run.files.find((file) => file.file === name)
    const page = outcome?.status === 'ok' ? outcome.pages[0] : undefined
    console.log(`${id}: CER ${((100 * tally.edits) / tally.length).toFixed(2)}%  skew ${page?.skew ?? '-'}  rotation ${page?.rotation ?? '-'}`)
  }
  console.log(`CER ${cerPercent(tallies).toFixed(2)}% over ${names.length} pages in ${run.seconds} s (jobs ${jobs})`)
} finally {
  await rm(out, {recursive: true, force: true})
}
