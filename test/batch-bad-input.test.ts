/**
 * A batch root holding every kind of bad input in test/helpers/bad-inputs.ts beside two good
 * dossiers (fast OCR double at the engine port): each bad entry fails alone with its code and
 * a message naming the file, odd-but-good ones are packaged, the inputs are left unchanged,
 * and the batch exits 5.
 */
import {createHash} from 'node:crypto'
import {lstat, mkdir, readdir, readFile, readlink} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import {type BatchResult, runBatch} from '../src/pipeline/batch/run-batch.js'
import {verifyBag} from '../src/pipeline/verify.js'
import {translate} from '../src/ui/i18n.js'
import {BAD_INPUTS} from './helpers/bad-inputs.js'
import {writeGoodDossiers} from './helpers/batch-corpus.js'
import {FakeOcr} from './helpers/fake-ocr.js'
import {tempDir} from './helpers/fixtures.js'
import {reviewSheetRenderer} from '../src/ui/review-sheet.js'

let work: {dir: string; cleanup: () => Promise<void>}
let root: string
let out: string
let result: BatchResult
let before: Map<string, string>

/** Every entry under `dir` with its content hash (links by target, FIFOs by kind), without following links. */
async function snapshot(dir: string, prefix = ''): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const name of await readdir(path.join(dir, prefix))) {
    const relative = path.join(prefix, name)
    const file = path.join(dir, relative)
    const info = await lstat(file)
    if (info.isSymbolicLink()) found.set(relative, `link:${await readlink(file)}`)
    else if (info.isDirectory()) for (const [key, value] of await snapshot(dir, relative)) found.set(key, value)
    else if (info.isFile())
      found.set(
        relative,
        `${createHash('sha256')
          .update(await readFile(file))
          .digest('hex')}:${info.mtimeMs}`,
      )
    else found.set(relative, 'special')
  }
  return found
}

beforeAll(async () => {
  work = await tempDir('sohoa-batch-bad-')
  root = path.join(work.dir, 'root')
  out = path.join(work.dir, 'out')
  await mkdir(root)
  await writeGoodDossiers(root, 2, 1, 'good-')
  for (const entry of BAD_INPUTS) await entry.make(path.join(root, entry.name), path.join(work.dir, 'outside'))
  before = await snapshot(root)
  result = await runBatch({
    renderReview: reviewSheetRenderer('vi'),
    root,
    outDir: out,
    procedure: '1.001193',
    agency: '000.00.00.H56',
    split: 'auto',
    jobs: 2,
    forceOcr: false,
    allowLowDpi: false,
    dataDir: path.join(work.dir, 'data'),
    software: 'sohoa/test',
    engine: new FakeOcr({lines: FORM_PAGE}),
    explain: (failure) => translate('en', failure.code, failure.params),
  })
}, 600_000)
afterAll(async () => work?.cleanup())

describe(`a batch root with ${BAD_INPUTS.length} kinds of odd and bad input`, () => {
  it('gives each entry its documented outcome, and a message naming the file for each failure', () => {
    const table = BAD_INPUTS.map((entry) => {
      const row = result.rows.find(
        (candidate) => path.basename(candidate.input) === entry.name.normalize('NFC') || path.basename(candidate.input) === entry.name,
      )
      return {
        kind: entry.kind,
        status: row?.status,
        code: row?.status === 'failed' ? row.issues[0] : row?.issues.join(' '),
        reason: row?.reason,
      }
    })
    console.log(
      table
        .map((line) => `| ${line.kind} | ${line.status} | ${line.code ?? ''} | ${(line.reason ?? '').replaceAll(work.dir, '…')} |`)
        .join('\n'),
    )
    for (const [index, entry] of BAD_INPUTS.entries()) {
      const got = table[index]!
      expect({kind: entry.kind, status: got.status}).toEqual({kind: entry.kind, status: entry.expect.status})
      if (entry.expect.status === 'failed') {
        expect({kind: entry.kind, code: got.code}).toEqual({kind: entry.kind, code: entry.expect.code})
        expect(got.reason).toContain(entry.name)
        expect(got.reason).not.toMatch(/\n\s+at /)
      } else if (entry.expect.issue) {
        expect(got.code).toContain(entry.expect.issue)
      }
    }
  })

  it('packages the good dossiers beside them, every bag passing full verify, and exits 5', async () => {
    expect(result.exitCode).toBe(5)
    const good = result.rows.filter((row) => path.basename(row.input).startsWith('good-'))
    expect(good.map((row) => row.status)).toEqual(['invalid', 'invalid'])
    const codes = result.rows.flatMap((row) => (row.dossierCode ? [row.dossierCode] : []))
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect((await verifyBag(path.join(out, code), 'full')).problems).toEqual([])
  })

  it('never modifies an input', async () => {
    expect(await snapshot(root)).toEqual(before)
  })
})
