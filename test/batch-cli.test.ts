/**
 * `sohoa batch` through the built CLI with real OCR (small generated pages): the report and
 * exit code, `batch status`, `validate` of a package agreeing with the batch that made it,
 * a CSV manifest with bad rows, and output folders that cannot take the bags (a file, a
 * read-only mount, a full disk).
 */
import {execFileSync} from 'node:child_process'
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli} from './helpers/cli.js'
import {smallPage} from './helpers/batch-corpus.js'
import {tempDir} from './helpers/fixtures.js'

const AGENCY = '000.00.00.H56'
let work: {dir: string; cleanup: () => Promise<void>}
let root: string
const common = () => ['--procedure', '1.001193', '--agency', AGENCY, '--jobs', '2', '--data-dir', path.join(work.dir, 'data')]

/** Mounting needs root; where the test cannot mount, the two tests that need it say so and do not run. */
function canMount(): boolean {
  try {
    execFileSync('mount', ['--version'], {stdio: 'ignore'})
    return process.getuid?.() === 0
  } catch {
    return false
  }
}
const MOUNTABLE = canMount()
if (!MOUNTABLE) console.warn('batch-cli: not root, cannot mount a tmpfs: the read-only and full-disk output tests do not run here')

async function withMount(options: string, work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await tempDir('sohoa-mount-')
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir.dir])
  try {
    await work(dir.dir)
  } finally {
    execFileSync('umount', ['-l', dir.dir])
    await dir.cleanup()
  }
}

beforeAll(async () => {
  work = await tempDir('sohoa-batch-cli-')
  root = path.join(work.dir, 'root')
  const form = await smallPage(['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Họ, chữ đệm, tên người yêu cầu:', 'NGUYỄN VĂN AN'])
  await mkdir(path.join(root, 'ho-so-1'), {recursive: true})
  await writeFile(path.join(root, 'ho-so-1', 'p1.png'), form)
  await mkdir(path.join(root, 'ho-so-2'))
  // 150 dpi: under the 200 dpi floor, accepted with --allow-low-dpi.
  await writeFile(path.join(root, 'ho-so-2', 'p1.png'), await sharp(form).withMetadata({density: 150}).png().toBuffer())
  await mkdir(path.join(root, 'ho-so-hong'))
  await writeFile(path.join(root, 'ho-so-hong', 'p1.png'), '')
})
afterAll(async () => work?.cleanup())

describe('sohoa batch (real OCR)', () => {
  let out: string
  let report: any

  beforeAll(async () => {
    out = path.join(work.dir, 'out')
    const result = await runCli(['batch', root, '--out', out, ...common(), '--allow-low-dpi', '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(5)
    report = result.json()
  }, 300_000)

  it('packages the good dossiers, names the bad one, and writes both report files', async () => {
    expect(report.totals).toMatchObject({dossiers: 3, failed: 1})
    const byName = Object.fromEntries(report.rows.map((row: any) => [path.basename(row.input), row]))
    expect(byName['ho-so-hong']).toMatchObject({status: 'failed', issues: ['input.empty']})
    expect(byName['ho-so-hong'].reason).toContain(path.join(root, 'ho-so-hong', 'p1.png'))
    for (const name of ['ho-so-1', 'ho-so-2']) expect(byName[name].dossierCode).toMatch(/^000\.00\.00\.H56-\d{6}-\d{4}$/)
    const csv = await readFile(path.join(out, 'batch-report.csv'), 'utf8')
    expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(4)
    expect(JSON.parse(await readFile(path.join(out, 'batch-report.json'), 'utf8')).rows).toHaveLength(3)
  })

  it('every bag passes sohoa verify, and sohoa validate judges each as the batch did (--allow-low-dpi stored in the record)', async () => {
    for (const row of report.rows.filter((entry: any) => entry.dossierCode)) {
      const bag = path.join(out, row.dossierCode)
      expect((await runCli(['verify', bag])).code).toBe(0)
      const record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8'))
      expect(record.validation.policy).toEqual({minDpi: 200, allowLowDpi: true, ownerIdGiven: false})
      const validated = await runCli(['validate', bag, '--json'])
      const codes = (issues: Array<{code: string; severity: string}>) => issues.map((issue) => `${issue.severity} ${issue.code}`).sort()
      expect(codes(validated.json().issues)).toEqual(codes(record.validation.issues))
      expect(validated.json().valid).toBe(record.validation.valid)
    }
    const low = report.rows.find((row: any) => row.input.endsWith('ho-so-2'))
    const lowRecord = JSON.parse(await readFile(path.join(out, low.dossierCode, 'data', 'sohoa.json'), 'utf8'))
    expect(lowRecord.validation.issues.find((issue: any) => issue.code === 'page.low-resolution')?.severity).toBe('warning')
  })

  it('batch status reads the journal: finished, with the same rows', async () => {
    const status = await runCli(['batch', 'status', out, '--json'])
    expect(status.code).toBe(0)
    expect(status.json()).toMatchObject({state: 'finished', runs: 1, totals: {dossiers: 3, failed: 1}})
    const human = await runCli(['batch', 'status', out, '--lang', 'en'])
    expect(human.stdout).toContain('Finished')
    expect(human.stdout).toContain('ho-so-hong')
  })

  it('run again without --json: resumes (nothing new packaged), prints the table, no progress bar without a terminal', async () => {
    const before = (await readdir(out)).sort()
    const again = await runCli(['batch', root, '--out', out, ...common(), '--allow-low-dpi', '--lang', 'en'])
    expect(again.code).toBe(5)
    expect((await readdir(out)).sort()).toEqual(before)
    expect(again.stdout).toMatch(/Input\s+Status\s+Dossier code\s+Pages\s+Note/)
    expect(again.stdout).toContain(`File is empty (0 bytes): ${path.join(root, 'ho-so-hong', 'p1.png')}`)
    expect(again.stderr).toBe('')
  }, 300_000)
})

describe('sohoa batch --manifest', () => {
  it('takes dossiers from the CSV; a bad row fails alone, naming its line', async () => {
    const manifest = path.join(work.dir, 'dossiers.csv')
    await writeFile(
      manifest,
      [
        'input,procedure,agency',
        'root/ho-so-1,1.001193,',
        'root/ho-so-1,1.001193,',
        'root/khong-co,1.001193,',
        'root/ho-so-2,9.999999,',
        'root/ho-so-hong,1.001193,not-an-agency',
      ].join('\n'),
    )
    const out = path.join(work.dir, 'out-manifest')
    const result = await runCli([
      'batch',
      '--manifest',
      manifest,
      '--out',
      out,
      '--agency',
      AGENCY,
      '--jobs',
      '2',
      '--data-dir',
      path.join(work.dir, 'data'),
      '--json',
    ])
    expect(result.code).toBe(5)
    const rows = result.json().rows
    expect(rows.map((row: any) => [row.status, row.issues[0] ?? null])).toEqual([
      ['invalid', 'dossier.component-missing'],
      ['failed', 'batch.manifest-duplicate'],
      ['failed', 'input.not-found'],
      ['failed', 'procedures.not-found'],
      ['failed', 'batch.manifest-row'],
    ])
    expect(rows[1].reason).toContain('line 3')
    expect(rows[4].reason).toContain('agency "not-an-agency"')
  }, 300_000)

  it('refuses a CSV without an input column (exit 2), and a call with neither root nor manifest', async () => {
    const manifest = path.join(work.dir, 'no-input.csv')
    await writeFile(manifest, 'folder,procedure\nroot/ho-so-1,1.001193\n')
    const bad = await runCli(['batch', '--manifest', manifest, '--out', path.join(work.dir, 'o2'), '--agency', AGENCY, '--json'])
    expect(bad.code).toBe(2)
    expect(bad.json().error.message).toContain('no "input" column')
    const none = await runCli(['batch', '--out', path.join(work.dir, 'o3'), '--agency', AGENCY, '--json'])
    expect(none.code).toBe(2)
  })
})

describe('output folders that cannot take the bags', () => {
  it('--out naming a file: exit 8, naming it', async () => {
    const file = path.join(work.dir, 'out-file')
    await writeFile(file, 'x')
    const result = await runCli(['batch', root, '--out', file, ...common(), '--lang', 'en'])
    expect(result.code).toBe(8)
    expect(result.stderr).toContain(`${file} is a file, not a folder`)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it.runIf(MOUNTABLE)('--out on a read-only mount: exit 8, naming it', async () => {
    await withMount('ro,size=1m', async (dir) => {
      const result = await runCli(['batch', root, '--out', path.join(dir, 'out'), ...common(), '--lang', 'en'])
      expect(result.code).toBe(8)
      expect(result.stderr).toContain(path.join(dir, 'out'))
      expect(result.stderr).not.toMatch(/\n\s+at /)
    })
  })

  it.runIf(MOUNTABLE)(
    '--out on a full disk (tmpfs of 64 KiB): the batch exits 5 or 8 saying there is no space left, no half bag',
    async () => {
      await withMount('size=64k', async (dir) => {
        const out = path.join(dir, 'out')
        const result = await runCli(['batch', root, '--out', out, ...common(), '--lang', 'en', '--json'])
        expect([5, 8]).toContain(result.code)
        const text = result.stdout
        expect(text).toMatch(/no space left|ENOSPC/i)
        const names = await readdir(out).catch(() => [] as string[])
        expect(names.filter((name) => name.includes('.partial-'))).toEqual([])
      })
    },
    300_000,
  )
})
