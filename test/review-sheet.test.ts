/**
 * The review sheet (data/review.html): rendered from data by src/ui/review-sheet.ts, written
 * into every package and listed in its manifest, accepted by verify, and shown by a real
 * headless Chromium (Debian `chromium`, driven by puppeteer-core) with no network at all.
 */
import {copyFile, mkdir, readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import puppeteer, {type Browser} from 'puppeteer-core'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import type {ReviewSheet} from '../src/core/review-sheet.js'
import {runDossier} from '../src/pipeline/run-dossier.js'
import {renderReviewSheet, reviewSheetRenderer} from '../src/ui/review-sheet.js'
import {ROOT, runCli} from './helpers/cli.js'
import {FakeOcr} from './helpers/fake-ocr.js'
import {tempDir, writePage} from './helpers/fixtures.js'
import {intakeViewLines} from '../src/ui/intake-view.js'

const AGENCY = '000.00.00.H56'
const CHROMIUM = '/usr/bin/chromium'
/** The birth certificate (giấy chứng sinh) the sample dossier lacks here: its component code for 1.001193. */
const BIRTH_CERTIFICATE = '000.00.00.G15-KQ004389'

let work: {dir: string; cleanup: () => Promise<void>}
let bag: string
let record: any
let browser: Browser

beforeAll(async () => {
  work = await tempDir('sohoa-review-')
  // The sample birth registration without its birth certificate: the form and the parent's ID card.
  const input = path.join(work.dir, 'in')
  await mkdir(input)
  for (const name of ['p1.jpg', 'p3.jpg']) await copyFile(path.join(ROOT, 'samples', 'ho-so-khai-sinh', name), path.join(input, name))
  const out = path.join(work.dir, 'out')
  const run = await runCli(['run', input, '-p', '1.001193', '--agency', AGENCY, '--out', out, '--data-dir', path.join(work.dir, 'data'), '--jobs', '2', '--lang', 'vi'])
  expect(run.code, run.stderr).toBe(4)
  bag = path.join(out, (await readdir(out))[0]!)
  record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8'))
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage'],
  })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await work?.cleanup()
})

describe('the review sheet of a package', {timeout: 60_000}, () => {
  it('is data/review.html, named by sohoa.json, listed in the manifest, and the bag verifies', async () => {
    expect(record.reviewSheet).toBe('review.html')
    const manifest = await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8')
    expect(manifest).toMatch(/^[0-9a-f]{64} {2}data\/review\.html$/m)
    const verified = await runCli(['verify', bag, '--json'])
    expect(verified.code, verified.stdout).toBe(0)
  })

  it('renders in Chromium with no request leaving the page, showing every document, issue and the dossier code', async () => {
    const page = await browser.newPage()
    const requests: string[] = []
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      if (!request.url().startsWith('data:')) requests.push(request.url())
      // The sheet itself is the only thing that may be loaded.
      if (request.url().startsWith('file:') && request.url().endsWith('/review.html')) void request.continue()
      else if (request.url().startsWith('data:')) void request.continue()
      else void request.abort()
    })
    await page.goto(`file://${path.join(bag, 'data', 'review.html')}`, {waitUntil: 'load'})
    expect(requests.filter((url) => !url.endsWith('/review.html'))).toEqual([])
    // Run in the page (as text: the tests are typechecked without the DOM library).
    const shown = (await page.evaluate(`({
      text: document.body.innerText,
      sections: document.querySelectorAll('section.document').length,
      issues: [...document.querySelectorAll('li.issue')].map((item) => item.getAttribute('data-code')),
      images: [...document.querySelectorAll('img')].map((image) => ({complete: image.complete, width: image.naturalWidth})),
      statuses: Object.fromEntries([...document.querySelectorAll('tr.component')].map((row) => [row.textContent, row.getAttribute('data-status')])),
      code: document.getElementById('dossier-code')?.textContent,
    })`)) as {
      text: string
      sections: number
      issues: string[]
      images: Array<{complete: boolean; width: number}>
      statuses: Record<string, string>
      code: string
    }
    expect(shown.code).toBe(record.dossierCode)
    expect(shown.sections).toBe(record.documents.length)
    expect(shown.issues).toEqual(record.validation.issues.map((issue: {code: string}) => issue.code))
    expect(shown.issues).toContain('dossier.component-missing')
    expect(shown.images.length).toBe(record.documents.reduce((sum: number, document: any) => sum + document.pages.length, 0))
    expect(shown.images.every((image) => image.complete && image.width > 0)).toBe(true)
    const missingRow = Object.entries(shown.statuses).find(([row]) => row.includes(BIRTH_CERTIFICATE))
    expect(missingRow?.[1]).toBe('missing')
    expect(shown.text).toContain('✗ thiếu')
    expect(shown.text).toContain('Giấy chứng sinh')
    // ID numbers are masked on the sheet: the card's number appears only as 031******210.
    const idNumber: string = record.documents.find((document: any) => document.kind === 'cccd').fields.idNumber.value
    expect(shown.text).not.toContain(idNumber)
    expect(shown.text).toContain(`${idNumber.slice(0, 3)}******${idNumber.slice(-3)}`)

    const screenshot = path.join(work.dir, 'review.png')
    await page.setViewport({width: 1000, height: 1400})
    await page.screenshot({path: screenshot as `${string}.png`, fullPage: true})
    if (process.env.SOHOA_REVIEW_SCREENSHOT) await copyFile(screenshot, process.env.SOHOA_REVIEW_SCREENSHOT)
    // Not blank: a good share of the pixels are ink (text, thumbnails), not the white page.
    const {data, info} = await sharp(screenshot).greyscale().raw().toBuffer({resolveWithObject: true})
    const dark = data.filter((value) => value < 160).length / (info.width * info.height)
    expect(dark).toBeGreaterThan(0.01)
    await page.close()
  })
})

describe('run --review-only', {timeout: 60_000}, () => {
  it('writes only <out>/review.html, in English with --lang en, with no dossier code and no package', async () => {
    const input = path.join(work.dir, 'review-only-in')
    await mkdir(input)
    await writePage(path.join(input, 'p1.png'), {lines: FORM_PAGE, dpi: 300})
    const out = path.join(work.dir, 'review-only-out')
    const result = await runDossier({
      input,
      procedure: '1.001193',
      agency: AGENCY,
      outDir: out,
      jobs: 1,
      split: 'auto',
      forceOcr: false,
      strict: false,
      allowLowDpi: false,
      dataDir: path.join(work.dir, 'data'),
      software: 'sohoa/test',
      engine: new FakeOcr({lines: FORM_PAGE}),
      renderReview: reviewSheetRenderer('en'),
      reviewOnly: true,
    })
    expect(result).toMatchObject({dossierCode: null, package: null, reviewSheet: path.join(out, 'review.html')})
    expect(await readdir(out)).toEqual(['review.html'])
    const html = await readFile(path.join(out, 'review.html'), 'utf8')
    expect(html).toContain('Digitised dossier review sheet')
    expect(html).toContain('(no code yet: preview)')
    expect(html).toContain('✗ missing')
  })
})

describe('renderReviewSheet', () => {
  const sheet: ReviewSheet = {
    dossierCode: `${AGENCY}-240315-0001`,
    procedure: {code: '1.001193', name: 'Đăng ký khai sinh'},
    agency: AGENCY,
    createdAt: '2024-03-15T09:00:00+07:00',
    documents: [
      {
        kind: 'cccd',
        kindName: 'Căn cước công dân',
        confidence: 0.97,
        code: '031090012345.1.001193.KQ004946.01',
        componentCode: 'KQ004946',
        fields: [
          {key: 'idNumber', value: '031090012345', source: 'qr', confidence: 1},
          {key: 'fullName', value: 'Trần Thị <script>alert(1)</script>', source: 'clerk', confidence: 1, machineValue: 'Tran Thi B'},
          {key: 'gender', value: 'female', source: 'qr', confidence: 1},
        ],
        review: ['low-confidence'],
        pages: [{source: {file: 'p1.png', page: 1}, dpi: 300, thumbnail: null}],
      },
    ],
    checklist: {
      caseIndex: 0,
      caseName: 'Chung',
      entries: [{componentCode: 'KQ004389', name: 'Giấy chứng sinh', required: true, presentOnly: false, status: 'missing', documents: []}],
    },
    issues: [{code: 'dossier.component-missing', severity: 'error', path: '/cases/0/components/1', params: {component: 'Giấy chứng sinh', code: 'KQ004389'}}],
    pagesDropped: [{source: {file: 'p2.png', page: 1}, reason: 'blank'}],
  }

  it('masks ID numbers, escapes what was read, and shows a clerk correction with the machine reading', () => {
    const html = renderReviewSheet(sheet, 'vi')
    expect(html).not.toContain('031090012345')
    expect(html).toContain('031******345')
    expect(html).not.toContain('<script>')
    expect(html).toContain('&#60;script&#62;')
    expect(html).toContain('cán bộ sửa; máy đọc: Tran Thi B')
    expect(html).toContain('Trang trắng đã bỏ: p2.png trang 1')
  })

  it('shows the gender in the reader’s words, not as the record’s code', () => {
    expect(renderReviewSheet(sheet, 'vi')).toMatch(/<td>Giới tính<\/td><td>Nữ /)
    const view = {procedure: sheet.procedure, checklist: sheet.checklist, documents: sheet.documents, issues: [], reveal: false}
    expect(intakeViewLines(view, 'vi').join('\n')).toMatch(/Giới tính: Nữ$/m)
    expect(intakeViewLines(view, 'en').join('\n')).toMatch(/Gender: female$/m)
  })

  it('speaks English with lang en', () => {
    const html = renderReviewSheet(sheet, 'en')
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('✗ missing')
    expect(html).toContain('corrected by the clerk; machine read: Tran Thi B')
    expect(html).toMatch(/<td>Gender<\/td><td>female /)
  })
})

