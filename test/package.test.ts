import {createHash} from 'node:crypto'
import {spawn} from 'node:child_process'
import {cp, mkdir, readdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {Ajv2020} from 'ajv/dist/2020.js'
import {PDFDocument} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import {runDossier, type RunOptions, type RunResult} from '../src/pipeline/run-dossier.js'
import {verifyBag} from '../src/pipeline/verify.js'
import {ROOT, runCli} from './helpers/cli.js'
import {FakeOcr} from './helpers/fake-ocr.js'
import {tempDir, writePage} from './helpers/fixtures.js'
import {reviewSheetRenderer} from '../src/ui/review-sheet.js'

const AGENCY = '000.00.00.H56'
let work: {dir: string; cleanup: () => Promise<void>}
let input: string
let run: RunResult
let bag: string
let inputHashesBefore: Map<string, string>

async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>()
  for (const name of await readdir(dir)) hashes.set(name, createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex'))
  return hashes
}

/** Every file under `dir`, relative, `/`-separated: an independent walk, not the project's. */
async function walk(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(path.join(dir, prefix), {withFileTypes: true})) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) out.push(...(await walk(dir, relative)))
    else out.push(relative)
  }
  return out.sort()
}

/** The options of a `sohoa run` of procedure 1.001193 received on 15 March 2024. */
function runOptions(from: string, outDir: string): RunOptions {
  return {
    input: from,
    procedure: '1.001193',
    agency: AGENCY,
    outDir,
    jobs: 2,
    split: 'auto',
    forceOcr: false,
    strict: false,
    allowLowDpi: false,
    dataDir: path.join(work.dir, 'data'),
    software: 'sohoa/test',
    renderReview: reviewSheetRenderer('vi'),
    now: new Date('2024-03-15T02:00:00Z'),
  }
}

beforeAll(async () => {
  work = await tempDir()
  input = path.join(work.dir, 'hồ sơ')
  await mkdir(input)
  await writePage(path.join(input, 'p1.png'), {lines: FORM_PAGE, dpi: 300, paper: {r: 250, g: 246, b: 236}})
  inputHashesBefore = await hashTree(input)
  run = await runDossier(runOptions(input, path.join(work.dir, 'out')))
  bag = run.package!
}, 240_000)

afterAll(async () => work?.cleanup())

describe('sohoa run → package', () => {
  it('packages the dossier under its new dossier code, even though it is incomplete', () => {
    expect(run.dossierCode).toBe(`${AGENCY}-240315-0001`)
    expect(path.basename(bag)).toBe(run.dossierCode)
    expect(run.valid).toBe(false)
    expect(run.exitCode).toBe(4)
    expect(run.documents).toHaveLength(1)
    expect(run.documents[0]).toMatchObject({kind: 'to-khai-khai-sinh', componentCode: '000.00.00.G15-KQ003204'})
    expect(run.documents[0]!.code).toBe('038185012345.1.001193.000.00.00.G15-KQ003204.01')
  })

  it('lays the bag out as SPEC §6 says', async () => {
    const code = run.documents[0]!.code
    expect(await walk(bag)).toEqual(
      [
        'bag-info.txt',
        'bagit.txt',
        'data/hoso.json',
        'data/sohoa.json',
        'data/review.html',
        `data/documents/${code}.pdf`,
        `data/text/${code}.txt`,
        'manifest-sha256.txt',
        'tagmanifest-sha256.txt',
      ].sort(),
    )
    const info = await readFile(path.join(bag, 'bag-info.txt'), 'utf8')
    for (const label of ['Source-Organization', 'Bagging-Date', 'Payload-Oxum', 'External-Identifier', 'Bag-Software-Agent']) {
      expect(info).toMatch(new RegExp(`^${label}: .+$`, 'm'))
    }
    expect(info).toContain(`External-Identifier: ${run.dossierCode}`)
  })

  it('passes verify, and an independent recomputation of every hash and the Payload-Oxum agrees', async () => {
    expect((await verifyBag(bag, 'full')).problems).toEqual([])
    const lines = (await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8')).trim().split('\n')
    const payload = (await walk(bag)).filter((file) => file.startsWith('data/'))
    expect(lines.map((line) => line.split(/\s+/)[1]).sort()).toEqual(payload)
    let octets = 0
    for (const line of lines) {
      const [hash, file] = line.split(/\s+/) as [string, string]
      const bytes = await readFile(path.join(bag, file))
      octets += bytes.length
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(hash)
    }
    const info = await readFile(path.join(bag, 'bag-info.txt'), 'utf8')
    expect(info).toContain(`Payload-Oxum: ${octets}.${payload.length}`)
    for (const line of (await readFile(path.join(bag, 'tagmanifest-sha256.txt'), 'utf8')).trim().split('\n')) {
      const [hash, file] = line.split(/\s+/) as [string, string]
      expect(createHash('sha256').update(await readFile(path.join(bag, file))).digest('hex'), file).toBe(hash)
    }
  })

  it('writes hoso.json and sohoa.json that validate against their schemas', async () => {
    const ajv = new Ajv2020({allErrors: true, strict: true})
    const hoso = JSON.parse(await readFile(path.join(bag, 'data', 'hoso.json'), 'utf8'))
    const record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8'))
    const checkHoso = ajv.compile(JSON.parse(await readFile(path.join(ROOT, 'schemas', 'hoso.schema.json'), 'utf8')))
    const checkRecord = ajv.compile(JSON.parse(await readFile(path.join(ROOT, 'schemas', 'record.schema.json'), 'utf8')))
    expect(checkHoso(hoso), JSON.stringify(checkHoso.errors)).toBe(true)
    expect(checkRecord(record), JSON.stringify(checkRecord.errors)).toBe(true)
    expect(hoso).toMatchObject({MaHoSo: run.dossierCode, MaTTHC: '1.001193', NgayTiepNhan: '20240315090000', DinhDanhCHS: [{SoDinhDanh: '038185012345'}]})
    expect(hoso.TaiLieuNop[0].MaThanhPhanHoSo).toBe('000.00.00.G15-KQ003204')
    expect(record.documents[0].pages[0].source).toEqual({file: 'p1.png', page: 1})
    expect(record.validation.valid).toBe(false)
    expect(record.validation.issues.length).toBeGreaterThan(0)
  })

  it('writes a colour PDF 1.4+ aiming at PDF/A-2b: XMP identification, sRGB output intent, file ID, embedded font', async () => {
    const file = path.join(bag, 'data', 'documents', `${run.documents[0]!.code}.pdf`)
    const bytes = await readFile(file)
    const text = bytes.toString('latin1')
    expect(text.slice(0, 8)).toMatch(/^%PDF-1\.[4-7]$/)
    expect(text).toMatch(/\/OutputIntents\s*\[/)
    expect(text).toContain('/GTS_PDFA1')
    expect(text).toMatch(/\/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]/)
    expect(text).toMatch(/\/FontFile2/)
    expect(text).toMatch(/\/ColorSpace\s*\/DeviceRGB/)
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(bytes.toString('utf8'))![0]
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>')
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>')
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    expect(doc.getCreator()).toBe('sohoa/test')
  })

  it('never modifies its input files', async () => {
    expect(await hashTree(input)).toEqual(inputHashesBefore)
  })
})

describe('sohoa verify on tampered bags', () => {
  async function tampered(name: string, change: (copy: string) => Promise<void>): Promise<string> {
    const copy = path.join(work.dir, 'tampered', name, path.basename(bag))
    await cp(bag, copy, {recursive: true})
    await change(copy)
    return copy
  }
  const pdfOf = (copy: string): string => path.join(copy, 'data', 'documents', `${run.documents[0]!.code}.pdf`)

  it('finds a changed byte (full mode) and exits 6 from the CLI', async () => {
    const copy = await tampered('byte', async (dir) => {
      const bytes = await readFile(pdfOf(dir))
      // Inside the page image's data: the PDF stays well formed, only its content changes.
      const middle = Math.floor(bytes.length / 2)
      bytes[middle] = bytes[middle]! ^ 0xff
      await writeFile(pdfOf(dir), bytes)
    })
    const report = await verifyBag(copy, 'full')
    expect(report.problems.map((item) => item.code)).toContain('bag.checksum-mismatch')
    // Same size: the fast check cannot see it, by design.
    expect((await verifyBag(copy, 'fast')).problems).toEqual([])
    const cli = await runCli(['verify', copy, '--json'])
    expect(cli.code).toBe(6)
    expect(cli.json().problems[0]).toMatchObject({code: 'bag.checksum-mismatch'})
    expect(cli.json().problems[0].message).toMatch(/SHA-256/)
  })

  it('finds a missing file', async () => {
    const copy = await tampered('missing', async (dir) => rm(path.join(dir, 'data', 'hoso.json')))
    const codes = (await verifyBag(copy, 'full')).problems.map((item) => `${item.code} ${item.path}`)
    expect(codes).toContain('bag.missing-file data/hoso.json')
    expect(codes).toContain('bag.oxum-mismatch bag-info.txt')
  })

  it('finds an extra file', async () => {
    const copy = await tampered('extra', async (dir) => writeFile(path.join(dir, 'data', 'ghi-chu.txt'), 'thêm vào sau'))
    const codes = (await verifyBag(copy, 'full')).problems.map((item) => `${item.code} ${item.path}`)
    expect(codes).toContain('bag.unlisted-file data/ghi-chu.txt')
    expect((await verifyBag(copy, 'fast')).problems.map((item) => item.code)).toEqual(['bag.oxum-mismatch'])
  })

  it('finds a renamed file', async () => {
    const copy = await tampered('renamed', async (dir) => rename(pdfOf(dir), path.join(dir, 'data', 'documents', 'renamed.pdf')))
    const codes = (await verifyBag(copy, 'full')).problems.map((item) => `${item.code} ${item.path}`)
    expect(codes).toContain(`bag.missing-file data/documents/${run.documents[0]!.code}.pdf`)
    expect(codes).toContain('bag.unlisted-file data/documents/renamed.pdf')
  })

  it('refuses a manifest entry that points outside the bag', async () => {
    const copy = await tampered('escape', async (dir) => {
      const file = path.join(dir, 'manifest-sha256.txt')
      await writeFile(file, `${await readFile(file, 'utf8')}${'0'.repeat(64)}  data/../../etc/passwd\n`)
    })
    const problems = (await verifyBag(copy, 'full')).problems
    expect(problems).toContainEqual(expect.objectContaining({code: 'bag.unsafe-path', params: {entry: 'data/../../etc/passwd'}}))
    // The tag manifest still holds the old manifest's hash.
    expect(problems.map((item) => `${item.code} ${item.path}`)).toContain('bag.checksum-mismatch manifest-sha256.txt')
  })

  it('finds a sohoa.json that breaks its schema', async () => {
    const copy = await tampered('schema', async (dir) => {
      const file = path.join(dir, 'data', 'sohoa.json')
      const record = JSON.parse(await readFile(file, 'utf8'))
      record.documents[0].file = '../../outside.pdf'
      await writeFile(file, JSON.stringify(record))
    })
    const problems = (await verifyBag(copy, 'full')).problems
    expect(problems.map((item) => item.path)).toContain('data/sohoa.json#/documents/0/file')
  })
})

describe('sohoa pack', () => {
  it('rebuilds an identical-payload bag from a work folder (hoso.json rebuilt from sohoa.json), and refuses to overwrite', async () => {
    const workdir = path.join(work.dir, 'workdir')
    await cp(path.join(bag, 'data'), workdir, {recursive: true})
    await rm(path.join(workdir, 'hoso.json'))
    const out = path.join(work.dir, 'packed')
    const first = await runCli(['pack', workdir, '--out', out, '--json'])
    expect(first.code, first.stderr).toBe(0)
    const packed = first.json().path
    expect(path.basename(packed)).toBe(run.dossierCode)
    expect((await verifyBag(packed, 'full')).problems).toEqual([])
    const payload = await walk(path.join(bag, 'data'))
    expect(await walk(path.join(packed, 'data'))).toEqual(payload)
    expect(payload).toContain('hoso.json')
    for (const file of payload) {
      const [original, rebuilt] = await Promise.all([readFile(path.join(bag, 'data', file)), readFile(path.join(packed, 'data', file))])
      expect(rebuilt.equals(original), file).toBe(true)
    }
    const again = await runCli(['pack', workdir, '--out', out, '--json'])
    expect(again.code).toBe(8)
    expect(again.json().error.code).toBe('package.exists')
  })

  it('keeps the owner given with --owner-id and the procedure field (TenLinhVuc) in the hoso.json it rebuilds', async () => {
    const ownerInput = path.join(work.dir, 'owner-id')
    await mkdir(ownerInput)
    await writePage(path.join(ownerInput, 'p1.png'), {lines: ['TỜ KHAI ĐĂNG KÝ KHAI SINH'], dpi: 300, pageMm: {width: 105, height: 148}})
    const given = await runDossier({
      ...runOptions(ownerInput, path.join(work.dir, 'owner-id-out')),
      ownerId: '001090012345',
      engine: new FakeOcr({lines: FORM_PAGE}),
    })
    const original = JSON.parse(await readFile(path.join(given.package!, 'data', 'hoso.json'), 'utf8'))
    expect(original).toMatchObject({TenLinhVuc: 'Hộ tịch', DinhDanhCHS: [{LoaiDinhDanh: '1', SoDinhDanh: '001090012345'}]})
    const workdir = path.join(work.dir, 'owner-id-workdir')
    await cp(path.join(given.package!, 'data'), workdir, {recursive: true})
    await rm(path.join(workdir, 'hoso.json'))
    const packed = await runCli(['pack', workdir, '--out', path.join(work.dir, 'owner-id-packed'), '--json'])
    expect(packed.code, packed.stderr).toBe(0)
    expect(JSON.parse(await readFile(path.join(packed.json().path, 'data', 'hoso.json'), 'utf8'))).toEqual(original)
  }, 60_000)

  it('leaves no bag at the final path when killed mid-write', async () => {
    const workdir = path.join(work.dir, 'big-workdir')
    await cp(path.join(bag, 'data'), workdir, {recursive: true})
    const record = JSON.parse(await readFile(path.join(workdir, 'sohoa.json'), 'utf8'))
    // A large document makes the write long enough to interrupt.
    await writeFile(path.join(workdir, record.documents[0].file), Buffer.alloc(400 * 2 ** 20, 7))
    const out = path.join(work.dir, 'killed')
    await mkdir(out)
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'pack', workdir, '--out', out], {
      env: {...process.env, NODE_ENV: 'production', CI: 'true'},
      stdio: 'ignore',
    })
    const closed = new Promise((resolve) => child.on('close', resolve))
    let sawPartial = false
    for (let tries = 0; tries < 400 && !sawPartial; tries += 1) {
      sawPartial = (await readdir(out)).some((name) => name.includes('.partial-'))
      if (!sawPartial) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    child.kill('SIGKILL')
    await closed
    expect(sawPartial).toBe(true)
    expect(await stat(path.join(out, record.dossierCode)).catch(() => undefined)).toBeUndefined()
    // A later pack is not blocked by the leftover partial folder.
    const retry = await runCli(['pack', workdir, '--out', out, '--json'])
    expect(retry.code, retry.stderr).toBe(0)
    // The stand-in document is not a PDF; everything else about the bag is whole.
    const problems = (await verifyBag(retry.json().path, 'full')).problems.map((item) => item.code)
    expect(problems.filter((code) => !code.startsWith('bag.pdf-'))).toEqual([])
  }, 120_000)
})

describe('sohoa run through the CLI', () => {
  it('exits 4 and packages nothing with --strict, reporting the missing components', async () => {
    const out = path.join(work.dir, 'strict-out')
    const result = await runCli(['run', input, '--procedure', '1.001193', '--agency', AGENCY, '--out', out, '--strict', '--json', '--data-dir', path.join(work.dir, 'data')])
    expect(result.code, result.stderr).toBe(4)
    const json = result.json()
    expect(json.package).toBeNull()
    expect(json.valid).toBe(false)
    expect(json.issues.some((issue: {severity: string}) => issue.severity === 'error')).toBe(true)
    expect(await readdir(out).catch(() => [])).toEqual([])
  })

  it('--keep-blank keeps a blank page in its document instead of dropping it', async () => {
    const withBlank = path.join(work.dir, 'keep-blank')
    await mkdir(withBlank)
    await cp(path.join(input, 'p1.png'), path.join(withBlank, 'p1.png'))
    await writePage(path.join(withBlank, 'p2.png'), {lines: [], dpi: 300, pageMm: {width: 148, height: 210}})
    const out = path.join(work.dir, 'keep-blank-out')
    const args = ['run', withBlank, '--procedure', '1.001193', '--agency', AGENCY, '--out', out, '--json', '--jobs', '1']
    const result = await runCli([...args, '--keep-blank', '--data-dir', path.join(work.dir, 'data')])
    expect(result.code, result.stderr).toBe(4)
    const json = result.json()
    expect(json.pagesDropped).toEqual([])
    expect(json.documents.map((document: {kind: string; pages: number}) => [document.kind, document.pages])).toEqual([['to-khai-khai-sinh', 2]])
    const record = JSON.parse(await readFile(path.join(json.package, 'data', 'sohoa.json'), 'utf8'))
    expect(record.documents[0].pages.map((page: {source: unknown}) => page.source)).toEqual([
      {file: 'p1.png', page: 1},
      {file: 'p2.png', page: 1},
    ])
    const pdf = await PDFDocument.load(await readFile(path.join(json.package, 'data', record.documents[0].file)))
    expect(pdf.getPageCount()).toBe(2)
  }, 240_000)

  it('names the software one way, sohoa/<version>, in the PDFs of run and ocr, the Bag-Software-Agent and the record', async () => {
    const software = `sohoa/${JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).version}`
    const small = path.join(work.dir, 'software')
    await mkdir(small)
    await writePage(path.join(small, 'p1.png'), {lines: ['TỜ KHAI ĐĂNG KÝ KHAI SINH'], dpi: 300, pageMm: {width: 105, height: 148}})
    const ran = await runCli(['run', small, '--procedure', '1.001193', '--agency', AGENCY, '--out', path.join(work.dir, 'software-run'), '--json', '--jobs', '1'])
    expect(ran.code, ran.stderr).toBe(4)
    const packaged = ran.json().package
    const record = JSON.parse(await readFile(path.join(packaged, 'data', 'sohoa.json'), 'utf8'))
    expect(record.toolVersion).toBe(software)
    expect(await readFile(path.join(packaged, 'bag-info.txt'), 'utf8')).toContain(`Bag-Software-Agent: ${software}\n`)
    const ocrOut = path.join(work.dir, 'software-ocr')
    const ocred = await runCli(['ocr', path.join(small, 'p1.png'), '--out', ocrOut, '--json', '--jobs', '1'])
    expect(ocred.code, ocred.stderr).toBe(0)
    for (const file of [path.join(packaged, 'data', record.documents[0].file), path.join(ocrOut, 'p1.pdf')]) {
      const pdf = await PDFDocument.load(await readFile(file), {updateMetadata: false})
      expect([pdf.getCreator(), pdf.getProducer()], file).toEqual([software, software])
    }
  }, 240_000)

  it('exits 2 for an unknown procedure and 3 for a missing input', async () => {
    const unknown = await runCli(['run', input, '--procedure', '9.999999', '--agency', AGENCY, '--out', work.dir])
    expect(unknown.code).toBe(2)
    const missing = await runCli(['run', path.join(work.dir, 'nowhere'), '--procedure', '1.001193', '--agency', AGENCY, '--out', work.dir])
    expect(missing.code).toBe(3)
  })
})

describe('pages under 200 dpi', () => {
  it('are an error in the record by default, and a warning with --allow-low-dpi (sohoa run)', async () => {
    const lowInput = path.join(work.dir, 'low-dpi')
    await mkdir(lowInput)
    await writePage(path.join(lowInput, 'p1.png'), {lines: ['TỜ KHAI ĐĂNG KÝ KHAI SINH'], dpi: 150, pageMm: {width: 105, height: 148}})
    const lowResolution = async (flags: string[], out: string) => {
      const args = ['run', lowInput, '--procedure', '1.001193', '--agency', AGENCY, '--out', path.join(work.dir, out), '--json', '--jobs', '1']
      const result = await runCli([...args, ...flags, '--data-dir', path.join(work.dir, 'data')])
      expect(result.code, result.stderr).toBe(4)
      const json = result.json()
      const record = JSON.parse(await readFile(path.join(json.package, 'data', 'sohoa.json'), 'utf8'))
      type Issue = {code: string; severity: string; params: unknown}
      const low = (issues: Issue[]) =>
        issues.filter((issue) => issue.code === 'page.low-resolution').map(({code, severity, params}) => ({code, severity, params}))
      expect(low(record.validation.issues)).toEqual(low(json.issues))
      return {issues: low(json.issues), policy: record.validation.policy}
    }
    const byDefault = await lowResolution([], 'low-out')
    expect(byDefault.issues).toEqual([expect.objectContaining({severity: 'error', params: expect.objectContaining({dpi: 150, minDpi: 200})})])
    expect(byDefault.policy).toMatchObject({minDpi: 200, allowLowDpi: false})
    const allowed = await lowResolution(['--allow-low-dpi'], 'low-allowed-out')
    expect(allowed.issues).toEqual([expect.objectContaining({severity: 'warning', params: expect.objectContaining({dpi: 150, minDpi: 200})})])
    expect(allowed.policy).toMatchObject({minDpi: 200, allowLowDpi: true})
  }, 240_000)
})
