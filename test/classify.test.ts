import {describe, expect, it} from 'vitest'

import {foldVietnamese} from '../src/core/text-fold.js'
import {findPhrase, isNationalHeader} from '../src/core/text-match.js'
import {classifyDocument} from '../src/core/documents/classify.js'
import {extractFields, idNumbersIn, parseDate, parseGender} from '../src/core/documents/extract.js'
import {splitPages} from '../src/core/documents/split.js'
import {loadDocumentKindIds, loadDocumentKinds, loadProvinces} from '../src/tools/package-data.js'
import {validateAgainstSchema} from '../src/tools/schemas.js'
import {blankPage, CARD_BACK, CONTINUATION, HEADER, KIND_PAGES, PERSON, textPage} from './helpers/dossier-pages.js'

const kinds = loadDocumentKinds()
const provinces = loadProvinces()
const kindOf = (id: string) => kinds.find((kind) => kind.id === id)!

/** What OCR does to text: diacritics lost, one letter wrong. */
const stripMarks = (line: string): string => line.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')

describe('document-kind catalogue', () => {
  it('has one entry per id of document-kind-ids.json, each valid against the schema', () => {
    const ids = loadDocumentKindIds().map((entry) => entry.id).sort()
    expect(kinds.map((kind) => kind.id).sort()).toEqual(ids)
    expect(ids).toHaveLength(15)
    for (const kind of kinds) expect(validateAgainstSchema('document-kind', kind), kind.id).toEqual([])
  })

  it('never uses the national header as evidence', () => {
    for (const kind of kinds) {
      for (const phrase of [...kind.titlePatterns, ...kind.keywords]) expect(isNationalHeader(phrase), `${kind.id}: ${phrase}`).toBe(false)
    }
  })
})

describe('classifyDocument', () => {
  it.each(Object.keys(KIND_PAGES))('recognises %s from its first page', (id) => {
    const result = classifyDocument([textPage(KIND_PAGES[id]!)], kinds)
    expect(result.kind).toBe(id)
    expect(result.confidence).toBeGreaterThanOrEqual(0.45)
    expect(result.confidence).toBeLessThanOrEqual(1)
    expect(result.evidence.some((item) => item.type === 'title' && item.zone === 'title')).toBe(true)
  })

  it.each(Object.keys(KIND_PAGES))('recognises %s with every diacritic lost', (id) => {
    const result = classifyDocument([textPage(KIND_PAGES[id]!.map(stripMarks))], kinds)
    expect(result.kind).toBe(id)
    expect(result.evidence.find((item) => item.type === 'title')?.match).not.toBe('fuzzy')
  })

  it.each([
    ['to-khai-khai-sinh', 'TỜ KHAI ĐĂNG KÝ KHAl SINH'],
    ['to-khai-khai-tu', 'TO KHAI DANG KY KHAI TU'],
    ['giay-khai-sinh', 'GIẤY KHAI SlNH'],
    ['giay-chung-sinh', 'GIÂY CHÚNG SINH'],
    ['to-khai-ket-hon', 'TỜ KHAI ĐĂNG KY KẾT HƠN'],
    ['xac-nhan-tinh-trang-hon-nhan', 'GIẤY XÁC NHẬN TÌNH TRANG HỒN NHÂN'],
    ['giay-bao-tu', 'GlẤY BÁO TỬ'],
    ['ct07', 'XÁC NHẬN THÔNG TIN VẾ CƯ TRỨ'],
  ])('%s: a wrong letter or mark in the title (%s)', (id, title) => {
    const lines = KIND_PAGES[id]!.map((line) => (foldVietnamese(line) === foldVietnamese(kindOf(id).titlePatterns[0]!) ? title : line))
    const result = classifyDocument([textPage(lines)], kinds)
    expect(result.kind).toBe(id)
  })

  it('joins a title broken across lines', () => {
    const lines = [...HEADER, 'TỜ KHAI YÊU CẦU CẤP', 'PHIẾU LÝ LỊCH TƯ PHÁP', '1. Họ và tên: NGUYỄN VĂN AN']
    const result = classifyDocument([textPage(lines)], kinds)
    expect(result.kind).toBe('to-khai-lltp')
    expect(result.evidence[0]).toMatchObject({type: 'title', line: 4, zone: 'title'})
  })

  it('is unknown, flagged for review, when only the national header matches', () => {
    const result = classifyDocument([textPage([...HEADER, 'ĐƠN ĐỀ NGHỊ', 'Kính gửi: Ủy ban nhân dân xã'])], kinds)
    expect(result.kind).toBe('unknown')
    expect(result.review).toContain('unknown-kind')
  })

  it('does not take a kind mentioned in the body for the title', () => {
    const lines = [...HEADER, 'ĐƠN XIN XÁC NHẬN', 'Tôi xin gửi kèm Giấy khai sinh và Căn cước công dân số 001090012345 của tôi để xác nhận.']
    expect(classifyDocument([textPage(lines)], kinds).kind).toBe('unknown')
  })

  it('recognises an ID card from its QR code alone', () => {
    const qr = `${PERSON.id}||Nguyễn Văn An|01051990|Nam|Hà Nội|10102022`
    const result = classifyDocument([textPage(['IIIl ll', '@@ ##'], {qr: [qr]})], kinds)
    expect(result.kind).toBe('cccd')
    expect(result.evidence.some((item) => item.type === 'qr')).toBe(true)
  })
})

describe('findPhrase', () => {
  it('matches exactly, folded, and within a small edit distance', () => {
    expect(findPhrase(['GIẤY CHỨNG SINH'], 'GIẤY CHỨNG SINH')).toMatchObject({match: 'exact', distance: 0})
    expect(findPhrase(['GIAY CHUNG SINH'], 'GIẤY CHỨNG SINH')).toMatchObject({match: 'folded', distance: 0})
    expect(findPhrase(['GIAY CHUNC SINH'], 'GIẤY CHỨNG SINH')).toMatchObject({match: 'fuzzy', distance: 1})
    expect(findPhrase(['GIAY KHAI SINH'], 'GIẤY CHỨNG SINH')).toBeUndefined()
  })
})

describe('splitPages', () => {
  const page = (id: string) => textPage(KIND_PAGES[id]!)

  it.each(Object.keys(KIND_PAGES))('starts a new document at a %s title page', (id) => {
    const pages = [page('hop-dong-thue-nha'), textPage(CONTINUATION), page(id), textPage(CONTINUATION)]
    const groups = splitPages(pages, 'auto', kinds)
    const expected = id === 'hop-dong-thue-nha' ? [2, 2] : [2, 2]
    expect(groups.map((group) => group.pages.length)).toEqual(expected)
    expect(groups[1]!.reason).toBe(id === 'cccd' ? 'id-card' : 'title')
    expect(classifyDocument(groups[1]!.pages, kinds).kind).toBe(id)
  })

  it('ends a document at a blank separator sheet and drops the sheet', () => {
    const groups = splitPages([textPage(['Trang 1 không tiêu đề']), textPage(CONTINUATION), blankPage(), textPage(['Một trang khác'])], 'auto', kinds)
    expect(groups.map((group) => [group.pages.length, group.reason])).toEqual([[2, 'first-page'], [1, 'separator']])
  })

  it('keeps the front and the back of an ID card together, and two cards apart', () => {
    const front = () => textPage(KIND_PAGES.cccd!)
    const back = () => textPage(CARD_BACK)
    const groups = splitPages([page('to-khai-khai-sinh'), front(), back(), front(), back()], 'auto', kinds)
    expect(groups.map((group) => group.pages.length)).toEqual([1, 2, 2])
    expect(groups.slice(1).map((group) => group.reason)).toEqual(['id-card', 'id-card'])
  })

  it('makes one document per input file with --split per-file', () => {
    const pages = [
      textPage(KIND_PAGES.ct01!, {source: {file: 'a.pdf', page: 1}}),
      textPage(KIND_PAGES.ct07!, {source: {file: 'a.pdf', page: 2}}),
      blankPage({source: {file: 'a.pdf', page: 3}}),
      textPage(CONTINUATION, {source: {file: 'b.pdf', page: 1}}),
    ]
    const groups = splitPages(pages, 'per-file', kinds)
    expect(groups.map((group) => [group.pages.length, group.reason])).toEqual([[2, 'file'], [1, 'file']])
  })
})

describe('extractFields', () => {
  it('reads the requester and the child from a birth registration form', () => {
    const fields = extractFields([textPage(KIND_PAGES['to-khai-khai-sinh']!)], kindOf('to-khai-khai-sinh'), {provinces})
    expect(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field!.value]))).toEqual({
      requesterName: PERSON.name,
      requesterIdNumber: PERSON.id,
      childName: PERSON.child,
      childDateOfBirth: '2024-03-12',
    })
    expect(fields.requesterName).toMatchObject({source: 'ocr', page: 1, label: 'Họ, chữ đệm, tên người yêu cầu'})
  })

  it('takes an ID card from its QR code, with the OCR reading as cross-check', () => {
    const qr = `${PERSON.id}|123456789|Nguyễn Văn An|01051990|Nam|Số 1 phố Huế, Hai Bà Trưng, Hà Nội|10102022`
    const fields = extractFields([textPage(KIND_PAGES.cccd!.map((line) => line.replace('001090012345', '001090012346')), {qr: [qr]})], kindOf('cccd'), {provinces})
    expect(fields.idNumber).toMatchObject({value: PERSON.id, source: 'qr', ocrValue: '001090012346'})
    expect(fields.fullName).toMatchObject({value: 'Nguyễn Văn An', source: 'qr'})
    expect(fields.dateOfBirth?.value).toBe('1990-05-01')
    expect(fields.gender?.value).toBe('male')
    expect(fields.issueDate?.value).toBe('2022-10-10')
    expect(fields.oldIdNumber?.value).toBe('123456789')
  })

  it('falls back to OCR text on an ID card without a readable QR code', () => {
    const fields = extractFields([textPage(KIND_PAGES.cccd!)], kindOf('cccd'), {provinces})
    expect(fields.idNumber).toMatchObject({value: PERSON.id, source: 'ocr'})
    expect(fields.fullName?.value).toBe(PERSON.name)
    expect(fields.dateOfBirth?.value).toBe('1990-05-01')
    expect(fields.gender?.value).toBe('male')
  })

  it.each(Object.keys(KIND_PAGES))('finds every field %s declares on its sample page', (id) => {
    const kind = kindOf(id)
    const fields = extractFields([textPage(KIND_PAGES[id]!)], kind, {provinces})
    const expected = kind.fields.filter((key) => !['oldIdNumber', 'issueDate'].includes(key))
    expect(Object.keys(fields).sort()).toEqual(expect.arrayContaining(expected))
  })

  it.each([
    ['01/05/1990', '1990-05-01'],
    ['1-5-1990', '1990-05-01'],
    ['ngày 01 tháng 05 năm 1990', '1990-05-01'],
    ['01.05.199O', '1990-05-01'],
    ['31/02/1990', undefined],
  ])('parseDate(%s)', (text, expected) => expect(parseDate(text)).toBe(expected))

  it('reads ID numbers through spaces and letters OCR takes for digits', () => {
    expect(idNumbersIn('Số: 001 090 012 345')).toEqual(['001090012345'])
    expect(idNumbersIn('Số: OO1O9OO12345')).toEqual(['001090012345'])
    expect(idNumbersIn('Số: 0010900123456')).toEqual([])
  })

  it('reads genders', () => {
    expect([parseGender('Nam'), parseGender('Nữ'), parseGender('Nu'), parseGender('Khác')]).toEqual(['male', 'female', 'female', undefined])
  })
})

describe('spellNamesAsCards', () => {
  it('writes a form name OCR read without diacritics as the ID card QR spells it', async () => {
    const {spellNamesAsCards} = await import('../src/pipeline/analyse.js')
    const field = (value: string, source: 'qr' | 'ocr') => ({value, source, page: 1, sourcePage: {file: 'a', page: 1}, confidence: 1})
    const documents = [
      {kind: 'to-khai-khai-sinh', confidence: 1, evidence: [], pages: [], fields: {requesterName: field('NGUYEN THANH THUY', 'ocr'), childName: field('LE MINH', 'ocr')}},
      {kind: 'cccd', confidence: 1, evidence: [], pages: [], fields: {fullName: field('Nguyễn Thanh Thùy', 'qr')}},
    ]
    spellNamesAsCards(documents)
    expect(documents[0]!.fields.requesterName).toMatchObject({value: 'NGUYỄN THANH THÙY', ocrValue: 'NGUYEN THANH THUY', spelledAs: {document: 2, field: 'fullName'}})
    expect(documents[0]!.fields.childName?.value).toBe('LE MINH')
  })
})
