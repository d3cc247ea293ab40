/**
 * `sohoa intake` end to end, as a clerk drives it: the real inquirer prompter on a virtual
 * terminal (keys in, screen out), a scanner double at the Scanner port feeding the sample
 * dossier's generated pages, real OCR. Pick 1.001193 by typing part of its name without
 * diacritics, scan, see the checklist with the birth certificate missing, be refused packaging
 * ("thiếu giấy tờ"), save for later, resume, scan the missing paper, correct a field, package;
 * the bag passes verify and records the correction with the machine's reading.
 */
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ScanOutcome, Scanner, ScanRequest} from '../src/core/scanner.js'
import {type IntakeOptions, type IntakeResult, runIntake} from '../src/pipeline/intake.js'
import {inquirerPrompter} from '../src/ui/inquirer-prompter.js'
import {reviewSheetRenderer} from '../src/ui/review-sheet.js'
import {openP12Signer} from '../src/tools/p12-signer.js'
import {ROOT, runCli, TEST_CACHE_DIR} from './helpers/cli.js'
import {tempDir} from './helpers/fixtures.js'
import {makeTestPki} from './helpers/signing-pki.js'
import {VirtualTerminal} from './helpers/virtual-terminal.js'

const AGENCY = '000.00.00.H56'
const SAMPLE = path.join(ROOT, 'samples', 'ho-so-khai-sinh')
const BIRTH_CERTIFICATE = '000.00.00.G15-KQ004389'

/** Feeds the sample's pages round by round, as PNG scans, the way the SANE wrapper hands them over. */
class SampleFeeder implements Scanner {
  requests: ScanRequest[] = []
  constructor(private readonly rounds: string[][]) {}
  async list() {
    return [{name: 'double:0', vendor: 'test', model: 'sample feeder', type: 'virtual'}]
  }
  async scan(request: ScanRequest): Promise<ScanOutcome> {
    this.requests.push(request)
    const sheets = this.rounds.shift() ?? []
    const pages = []
    for (const [index, name] of sheets.entries()) {
      const file = path.join(request.workDir, `scan${String(index + 1).padStart(4, '0')}.png`)
      await sharp(path.join(SAMPLE, name)).png().toFile(file)
      pages.push({file, dpi: request.resolution})
    }
    return {device: 'double:0', pages}
  }
}

let work: {dir: string; cleanup: () => Promise<void>}
let feeder: SampleFeeder
let options: (terminal: VirtualTerminal, resume: boolean) => IntakeOptions
const transcript: string[] = []

beforeAll(async () => {
  process.env.SOHOA_CACHE_DIR = TEST_CACHE_DIR
  work = await tempDir('sohoa-intake-')
  // Round 1: the application form and the parent's ID card; round 2: the birth certificate they forgot.
  feeder = new SampleFeeder([['p1.jpg', 'p3.jpg'], ['p2.jpg']])
  options = (terminal, resume) => ({
    prompter: inquirerPrompter('vi', {input: terminal.input, output: terminal.output}),
    scanner: feeder,
    sessionsDir: path.join(work.dir, 'data', 'intake'),
    resume,
    agency: AGENCY,
    outDir: path.join(work.dir, 'out'),
    settings: {'scanner.source': 'adf'},
    jobs: 2,
    dataDir: path.join(work.dir, 'data'),
    software: 'sohoa/test',
    renderReview: reviewSheetRenderer('vi'),
    reveal: false,
  })
})

afterAll(async () => {
  if (process.env.SOHOA_INTAKE_TRANSCRIPT) await writeFile(process.env.SOHOA_INTAKE_TRANSCRIPT, transcript.join('\n'))
  await work?.cleanup()
})

/** Menu positions of "Làm gì tiếp?" (scan, files, kind, move, drop, field, reveal, package, later). */
const MENU = {scan: 0, field: 5, package: 7, later: 8}

/** Waits for the question (its nth time on screen), moves down `downs` choices and takes it. */
async function choose(terminal: VirtualTerminal, question: string, downs: number, nth: number): Promise<void> {
  await terminal.waitFor(question, 180_000, nth)
  terminal.press('down', downs)
  terminal.press('enter')
  await new Promise((resolve) => setTimeout(resolve, 150))
}

const NEXT = 'Làm gì tiếp?'

describe('sohoa intake', () => {
  let result: IntakeResult
  let first: string

  it('picks 1.001193 by typing "dang ky khai sinh", scans, shows the missing birth certificate and refuses to package without confirmation', async () => {
    const terminal = new VirtualTerminal()
    const flow = runIntake(options(terminal, false))
    await terminal.waitFor('Thủ tục (gõ một phần tên, không cần dấu)')
    terminal.type('dang ky khai sinh')
    await terminal.waitFor('❯ 1.001193  Thủ tục đăng ký khai sinh')
    await new Promise((resolve) => setTimeout(resolve, 300))
    terminal.press('enter')
    await choose(terminal, 'Lấy giấy tờ từ đâu?', 0, 1)
    await terminal.waitFor(NEXT, 180_000, 1)
    const checklist = terminal.before(NEXT, 1)
    expect(checklist).toMatch(/✗ Giấy chứng sinh/)
    expect(checklist).toMatch(/✓ Tờ khai đăng ký khai sinh/)
    expect(checklist).toContain('Lỗi: Thiếu thành phần hồ sơ bắt buộc: Giấy chứng sinh')
    // ID numbers are masked on the clerk's screen too.
    expect(checklist).toMatch(/031\*{6}210/)
    await choose(terminal, NEXT, MENU.package, 1)
    await terminal.waitFor('Vẫn đóng gói hồ sơ còn thiếu giấy tờ?', 30_000)
    expect(terminal.before('Vẫn đóng gói', 1)).toContain(`✗ Giấy chứng sinh (${BIRTH_CERTIFICATE})`)
    terminal.press('enter') // the default: no
    await choose(terminal, NEXT, MENU.later, 2)
    // The answer is echoed in the clerk's language, not inquirer's "No".
    expect(terminal.screen()).toMatch(/Vẫn đóng gói hồ sơ còn thiếu giấy tờ\? Không/)
    const saved = await flow
    expect(saved).toMatchObject({package: null, dossierCode: null})
    expect(await readdir(path.join(work.dir, 'out')).catch(() => [])).toEqual([])
    first = terminal.screen()
    transcript.push('$ sohoa intake --agency 000.00.00.H56 --out out', first)
  }, 300_000)

  it('resumes, scans the missing paper, corrects a field and packages a signed bag that verifies and records the correction', async () => {
    const terminal = new VirtualTerminal()
    const pki = await makeTestPki(path.join(work.dir, 'pki'))
    const signer = await openP12Signer(pki.p12File, pki.p12Password)
    const signing = {signer, digitiser: {name: 'Nguyễn Thị Hoa', agency: 'UBND xã Đông Sơn'}, appName: 'sohoa/test'}
    const flow = runIntake({...options(terminal, true), signing}).finally(() => signer.close())
    await terminal.waitFor('Tiếp tục phiên tiếp nhận')
    await choose(terminal, NEXT, MENU.scan, 1)
    await terminal.waitFor(NEXT, 180_000, 2)
    expect(terminal.before(NEXT, 2)).toMatch(/✓ Giấy chứng sinh/)
    await choose(terminal, NEXT, MENU.field, 2)
    await choose(terminal, 'Giấy tờ nào?', 0, 1)
    // Fields of the form, in order: requester, requester's ID, child's name, child's date of birth.
    await choose(terminal, 'Thông tin nào?', 2, 1)
    await terminal.waitFor('Giá trị đúng:', 30_000)
    expect(terminal.screen()).toMatch(/✔ Thông tin nào\? Tên trẻ: /)
    terminal.type('Trần Minh Hiếu')
    terminal.press('enter')
    await terminal.waitFor(NEXT, 30_000, 3)
    expect(terminal.before(NEXT, 3)).toMatch(/Tên trẻ: Trần Minh Hiếu \(cán bộ sửa; máy đọc: .+\)/)
    await choose(terminal, NEXT, MENU.package, 3)
    result = await flow
    await terminal.waitFor('Đã đóng gói hồ sơ', 5_000)
    transcript.push('', '$ sohoa intake --resume --out out', terminal.screen())

    expect(result.dossierCode).toMatch(/^000\.00\.00\.H56-\d{6}-0001$/)
    expect(result.missing).toEqual([])
    const verified = await runCli(['verify', result.package!, '--require-signed', '--trust', pki.caFile, '--json'])
    expect(verified.code, verified.stdout).toBe(0)
    const record = JSON.parse(await readFile(path.join(result.package!, 'data', 'sohoa.json'), 'utf8'))
    expect(record.documents.map((document: {kind: string}) => document.kind).sort()).toEqual(['cccd', 'giay-chung-sinh', 'to-khai-khai-sinh'])
    const form = record.documents.find((document: {kind: string}) => document.kind === 'to-khai-khai-sinh')
    expect(form.fields.childName).toMatchObject({value: 'Trần Minh Hiếu', source: 'clerk'})
    for (const document of record.documents) expect(document.signature).toMatchObject({digitisedBy: 'Nguyễn Thị Hoa', keySource: 'pkcs12'})
    expect(form.corrections).toEqual([
      {field: 'childName', value: 'Trần Minh Hiếu', machine: expect.objectContaining({source: 'ocr'}), correctedAt: expect.any(String)},
    ])
    expect(form.corrections[0].machine.value).not.toBe('Trần Minh Hiếu')
    // The pages came from the scanner at the configured source and the default resolution.
    expect(feeder.requests.map((request) => [request.source, request.resolution])).toEqual([['adf', 300], ['adf', 300]])
  }, 300_000)

  it('without a terminal refuses with exit 2 and points to sohoa run', async () => {
    const out = path.join(work.dir, 'no-tty')
    await mkdir(out)
    const refused = await runCli(['intake', '--agency', AGENCY, '--out', out, '--lang', 'en'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('From a script use: sohoa run')
    expect(await readdir(out)).toEqual([])
  })
})

