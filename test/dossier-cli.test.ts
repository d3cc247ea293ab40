/**
 * The dossier commands through the built CLI: `id read` on a generated ID-card scan with a
 * real QR code (300 dpi), `validate` on records and a package folder (exit 4 when invalid),
 * `classify` on a few small (A6) generated pages with real OCR.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import QRCode from 'qrcode'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {renderPage} from '../scripts/lib/page-render.js'
import {findIdPayload} from '../src/pipeline/id-read.js'
import {runCli} from './helpers/cli.js'
import {doc} from './helpers/dossier-pages.js'
import type {Document} from '../src/core/dossier.js'
import {tempDir} from './helpers/fixtures.js'

const PAYLOAD = '001090012345|123456789|Nguyễn Văn An|01051990|Nam|Số 1 phố Huế, Hai Bà Trưng, Hà Nội|10102022'
const mm = (value: number, dpi: number) => Math.round((value / 25.4) * dpi)

/** A card front photocopied on an A4 page: text and a 15 mm QR code, slightly rotated, JPEG. */
async function cardScan(dpi: number): Promise<Buffer> {
  const card = await renderPage({
    lines: ['CĂN CƯỚC CÔNG DÂN', 'Số / No.: 001090012345', 'Họ và tên / Full name:', 'NGUYỄN VĂN AN', 'Ngày sinh / Date of birth: 01/05/1990'],
    dpi,
    sizePt: 7,
    pageMm: {width: 95, height: 62},
    marginMm: 3,
    font: 'sans',
  })
  const qr = await QRCode.toBuffer(PAYLOAD, {errorCorrectionLevel: 'M', margin: 1, width: mm(15, dpi)})
  const front = await sharp(card).composite([{input: qr, left: mm(76, dpi), top: mm(3, dpi)}]).png().toBuffer()
  const page = await sharp({create: {width: mm(210, dpi), height: mm(297, dpi), channels: 3, background: '#fcfaf4'}})
    .composite([{input: front, left: mm(25, dpi), top: mm(25, dpi)}])
    .png()
    .toBuffer()
  return sharp(page).rotate(1.2, {background: '#fcfaf4'}).blur(0.6).withMetadata({density: dpi}).jpeg({quality: 85}).toBuffer()
}

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({dir, cleanup} = await tempDir('sohoa-dossier-cli-'))
})
afterAll(async () => cleanup())

describe('QR decoding', () => {
  it('finds the QR payload on a 300 dpi ID-card scan', async () => {
    const payload = await findIdPayload({bytes: await cardScan(300), page: 0})
    expect(payload).toBe(PAYLOAD)
  })

  it('sohoa id read prints the card fields, masked unless --reveal', async () => {
    const file = path.join(dir, 'cccd.jpg')
    await writeFile(file, await cardScan(300))
    const masked = await runCli(['id', 'read', file, '--json'])
    expect(masked.code).toBe(0)
    expect(masked.json()).toMatchObject({page: 1, valid: true, idNumber: '001******345', fields: {fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-01', gender: 'male'}})
    expect(masked.stdout).not.toContain('001090012345')
    const revealed = await runCli(['id', 'read', file, '--json', '--reveal'])
    expect(revealed.json()).toMatchObject({payload: PAYLOAD, idNumber: '001090012345'})
  })

  it('sohoa id read exits 3 when there is no QR code', async () => {
    const file = path.join(dir, 'plain.png')
    await writeFile(file, await renderPage({lines: ['Không có mã QR'], pageMm: {width: 105, height: 148}, dpi: 150}))
    const result = await runCli(['id', 'read', file, '--json'])
    expect(result.code).toBe(3)
    expect(result.json().error.code).toBe('id-read.no-qr')
  })
})

describe('sohoa validate', () => {
  const card = doc('cccd', {idNumber: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-01', gender: 'male'})
  const form = doc('to-khai-khai-sinh', {requesterName: 'NGUYỄN VĂN AN', requesterIdNumber: '001090012345'})
  /** A digitisation record as `run` writes it (schemas/record.schema.json), around the given documents. */
  const record = (documents: Document[]) => ({
    recordVersion: 1,
    procedure: {code: '1.001193', name: 'Đăng ký khai sinh'},
    dossierCode: '000.00.00.H56-240315-0001',
    agency: '000.00.00.H56',
    createdAt: '2024-03-15T09:00:00+07:00',
    toolVersion: 'sohoa/test',
    documents: documents.map((document, index) => ({
      ...document,
      componentCode: null,
      code: `038185012345.1.001193.X.0${index + 1}`,
      file: `documents/${index + 1}.pdf`,
      textFile: `text/${index + 1}.txt`,
    })),
    pagesDropped: [],
    validation: {valid: true, issues: []},
  })

  it('accepts a complete record (exit 0)', async () => {
    const file = path.join(dir, 'complete.json')
    await writeFile(file, JSON.stringify(record([form, doc('giay-chung-sinh'), card])))
    const result = await runCli(['validate', file, '--json'])
    expect(result.code).toBe(0)
    expect(result.json()).toMatchObject({valid: true, procedure: '1.001193', issues: []})
  })

  it('reports an incomplete package in Vietnamese with exit 4', async () => {
    const bag = path.join(dir, '000.00.00.H56-240315-0002')
    await mkdir(path.join(bag, 'data'), {recursive: true})
    await writeFile(path.join(bag, 'data', 'sohoa.json'), JSON.stringify(record([doc('to-khai-khai-sinh', {requesterName: 'TRẦN VĂN BÌNH'}), card])))
    const result = await runCli(['validate', bag, '--json', '--lang', 'vi'])
    expect(result.code).toBe(4)
    const report = result.json()
    expect(report.valid).toBe(false)
    expect(report.issues.map((issue: {code: string}) => issue.code).sort()).toEqual(['dossier.component-missing', 'dossier.requester-name-mismatch'])
    expect(report.issues[0].message).toContain('Thiếu thành phần hồ sơ bắt buộc')
    expect(report.issues[0].hint).not.toBe('')
  })

  it('refuses a sohoa.json that breaks the record schema, naming the file and the place (exit 3), instead of inventing provenance', async () => {
    const file = path.join(dir, 'plain-fields.json')
    const bad = record([card])
    // A field written as a bare string has no source; it was once read as OCR on page 1.
    const plain: unknown = {...bad, documents: [{...bad.documents[0], fields: {idNumber: '001090012345'}}]}
    await writeFile(file, JSON.stringify(plain))
    const result = await runCli(['validate', file, '--json', '--lang', 'en'])
    expect(result.code).toBe(3)
    const error = result.json().error
    expect(error.code).toBe('record.invalid')
    expect(error.message).toContain(file)
    expect(error.message).toContain('/documents/0/fields/idNumber')
  })

  it('is a usage error for an unknown --procedure', async () => {
    const file = path.join(dir, 'complete.json')
    const result = await runCli(['validate', file, '--procedure', '9.999999', '--json'])
    expect(result.code).toBe(2)
  })
})

describe('sohoa classify (real OCR, small pages)', () => {
  it('splits at a blank sheet and at a title, and classifies each document', async () => {
    const input = path.join(dir, 'stack')
    await mkdir(input)
    const a6 = {pageMm: {width: 105, height: 148}, dpi: 200, sizePt: 9, marginMm: 8, font: 'sans' as const}
    await writeFile(path.join(input, 'p1.png'), await renderPage({...a6, lines: ['GIẤY CHỨNG SINH', 'Dự định đặt tên con: LÊ MINH KHÔI', 'Sinh ngày: 12/03/2024']}))
    await writeFile(path.join(input, 'p2.png'), await renderPage({...a6, lines: ['TỜ KHAI THAY ĐỔI', 'THÔNG TIN CƯ TRÚ', 'Mẫu CT01', '1. Họ, chữ đệm và tên: LÊ VĂN AN', '4. Số định danh cá nhân: 001090012345']}))
    await writeFile(path.join(input, 'p3.png'), await renderPage({...a6, lines: []}))
    await writeFile(path.join(input, 'p4.png'), await renderPage({...a6, lines: ['Trang tiếp theo của hồ sơ', 'Ghi chú thêm']}))
    const result = await runCli(['classify', input, '--json', '--jobs', '1', '--reveal'])
    expect(result.code).toBe(0)
    const run = result.json()
    expect(run.documents.map((entry: {kind: string; splitReason: string}) => [entry.kind, entry.splitReason])).toEqual([
      ['giay-chung-sinh', 'first-page'],
      ['ct01', 'title'],
      ['unknown', 'separator'],
    ])
    expect(run.documents[1].fields.requesterIdNumber).toMatchObject({value: '001090012345', source: 'ocr', page: 1})
    expect(run.documents[2].review).toContain('unknown-kind')
    expect(run.pagesDropped).toEqual([{source: {file: 'p3.png', page: 1}, reason: 'blank'}])
  }, 120_000)

  it('--keep-blank keeps a blank page in its document instead of dropping it', async () => {
    const input = path.join(dir, 'keep-blank')
    await mkdir(input)
    const a7 = {pageMm: {width: 74, height: 105}, dpi: 200, sizePt: 9, marginMm: 6, font: 'sans' as const}
    await writeFile(path.join(input, 'p1.png'), await renderPage({...a7, lines: ['GIẤY CHỨNG SINH', 'Sinh ngày: 12/03/2024']}))
    await writeFile(path.join(input, 'p2.png'), await renderPage({...a7, lines: []}))
    const result = await runCli(['classify', input, '--json', '--jobs', '1', '--keep-blank'])
    expect(result.code, result.stderr).toBe(0)
    const run = result.json()
    expect(run.pagesDropped).toEqual([])
    expect(run.documents.map((entry: {kind: string; pages: unknown[]}) => [entry.kind, entry.pages])).toEqual([
      ['giay-chung-sinh', [{file: 'p1.png', page: 1}, {file: 'p2.png', page: 1}]],
    ])
  }, 120_000)
})
