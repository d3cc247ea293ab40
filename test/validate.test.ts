import {describe, expect, it} from 'vitest'

import type {Document, Dossier} from '../src/core/dossier.js'
import type {ProcedureSchema} from '../src/core/procedure.js'
import {assignComponents, VALIDATION_CODES, validateDossier} from '../src/core/validate.js'
import {loadProvinces, readPackageJson} from '../src/tools/package-data.js'
import {messages} from '../src/ui/messages/index.js'
import {doc, recordPage} from './helpers/dossier-pages.js'

const provinces = loadProvinces()
const khaiSinh = readPackageJson<ProcedureSchema>('templates/procedures/1.001193.json')
const card = (overrides: Record<string, string> = {}) =>
  doc('cccd', {idNumber: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-01', gender: 'male', ...overrides})
const form = (overrides: Record<string, string> = {}) =>
  doc('to-khai-khai-sinh', {requesterName: 'NGUYỄN VĂN AN', requesterIdNumber: '001090012345', childName: 'NGUYỄN MINH KHÔI', childDateOfBirth: '2024-03-12', ...overrides})
const complete = (): Document[] => [form(), doc('giay-chung-sinh', {childName: 'NGUYỄN MINH KHÔI'}), card()]
const dossier = (documents: Document[]): Dossier => ({procedure: '1.001193', documents, pagesDropped: []})
const check = (documents: Document[]) => validateDossier(dossier(documents), khaiSinh, {provinces, now: new Date('2025-06-01T00:00:00Z')})
const codes = (documents: Document[]) => check(documents).issues.map((issue) => issue.code)

describe('validateDossier', () => {
  it('accepts a complete, consistent dossier', () => {
    expect(check(complete())).toEqual({valid: true, issues: [], caseIndex: 0})
  })

  it('reports a missing required component with the component path', () => {
    const report = check([form(), card()])
    expect(report.valid).toBe(false)
    expect(report.issues).toEqual([expect.objectContaining({code: 'dossier.component-missing', severity: 'error', path: '/cases/0/components/3', params: expect.objectContaining({component: '000.00.00.G15-KQ004389'})})])
  })

  it('warns when a paper that is only shown (the ID card) was not scanned', () => {
    const report = check([form(), doc('giay-chung-sinh')])
    expect(report.issues.map((issue) => [issue.code, issue.severity])).toEqual([['dossier.component-not-shown', 'warning']])
    expect(report.valid).toBe(true)
  })

  it('reports an empty dossier', () => {
    expect(codes([])).toEqual(['dossier.empty'])
  })

  it('warns about more copies than asked for, unknown and unexpected documents, low confidence', () => {
    const result = codes([...complete(), doc('giay-chung-sinh'), doc('unknown', {}, {confidence: 0.2}), doc('hop-dong-thue-nha'), doc('giay-khai-sinh', {}, {confidence: 0.5})])
    expect(result.sort()).toEqual(['dossier.component-count', 'document.low-confidence', 'document.unexpected-kind', 'document.unexpected-kind', 'document.unknown-kind'].sort())
  })

  it('requires 200 dpi and colour', () => {
    const documents = complete()
    documents[1]!.pages = [recordPage({dpi: 150}), recordPage({colour: 'grey'})]
    const report = check(documents)
    expect(report.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['page.low-resolution', '/documents/1/pages/0/dpi'],
      ['page.not-colour', '/documents/1/pages/1/colour'],
    ])
    expect(report.valid).toBe(false)
  })

  it('checks field formats', () => {
    const result = codes([form({requesterIdNumber: '0010900123', childDateOfBirth: '2024-02-30'}), doc('giay-chung-sinh'), card({idNumber: '999090012345', gender: 'x'})])
    expect(result).toEqual(expect.arrayContaining(['field.invalid-id-number', 'field.invalid-date', 'field.invalid-gender']))
  })

  it('checks the ID number against the birth year and gender on the same paper', () => {
    expect(codes([form(), doc('giay-chung-sinh'), card({dateOfBirth: '1991-05-01'})])).toEqual(['field.id-birth-year-mismatch'])
    expect(codes([form(), doc('giay-chung-sinh'), card({gender: 'female'})])).toEqual(['field.id-gender-mismatch'])
  })

  it('judges a birth year by the dossier\'s `now`, never the clock (core/validate reads no clock)', () => {
    const bornIn2024 = [doc('cccd', {idNumber: '001224012345', dateOfBirth: '2024-01-05', gender: 'male'})]
    const reasons = (iso: string) =>
      validateDossier(dossier(bornIn2024), khaiSinh, {provinces, now: new Date(iso)}).issues.flatMap((issue) =>
        issue.code === 'field.invalid-id-number' ? [issue.params.reason] : [],
      )
    expect(reasons('2023-06-01T00:00:00Z')).toEqual(['citizen-id.future-birth-year'])
    expect(reasons('2025-06-01T00:00:00Z')).toEqual([])
  })

  it('checks the requester on the form against the ID card', () => {
    expect(codes([form({requesterName: 'TRẦN VĂN BÌNH'}), doc('giay-chung-sinh'), card()])).toEqual(['dossier.requester-name-mismatch'])
    expect(codes([form({requesterName: 'NGUYEN VAN AN'}), doc('giay-chung-sinh'), card()])).toEqual([])
    expect(codes([form({requesterName: 'NGUYỄN VĂN AM'}), doc('giay-chung-sinh'), card()])).toEqual(['dossier.requester-name-near'])
    const report = check([form({requesterIdNumber: '001090099846'}), doc('giay-chung-sinh'), card()])
    expect(report.issues).toEqual(
      [
        expect.objectContaining(
          {
            code: 'dossier.requester-id-mismatch',
            path: '/documents/0/fields/requesterIdNumber',
            params: expect.objectContaining({formId: '001******846'}),
          },
        ),
      ],
    )
    // One digit off is what a misread digit looks like: a warning for the clerk, not a rejection.
    const slip = check([form({requesterIdNumber: '001090012346'}), doc('giay-chung-sinh'), card()])
    expect(slip.issues).toEqual(
      [
        expect.objectContaining(
          {code: 'dossier.requester-id-uncertain', severity: 'warning', params: expect.objectContaining({formId: '001******346'})},
        ),
      ],
    )
  })

  it('warns when no ID card is of the requester and there are several cards', () => {
    expect(codes([form({requesterName: 'LÊ THỊ C', requesterIdNumber: '001190012345'}), doc('giay-chung-sinh'), card(), card({idNumber: '001090099999', fullName: 'Trần Văn B'})]).sort()).toEqual(['dossier.component-count', 'dossier.requester-no-card'])
  })

  it("warns when an ID card's QR code and printed text disagree", () => {
    const documents = complete()
    documents[2]!.review = ['field-conflict']
    expect(codes(documents)).toEqual(['document.field-conflict'])
  })

  it('notices a record made for another procedure', () => {
    expect(validateDossier({...dossier(complete()), procedure: '1.000656'}, khaiSinh, {provinces, now: new Date('2025-06-01T00:00:00Z')}).issues.map((issue) => issue.code)).toEqual(['dossier.procedure-mismatch'])
  })

  it('has a Vietnamese and an English message and hint for every code validateDossier can report (VALIDATION_CODES)', () => {
    expect(VALIDATION_CODES.length).toBeGreaterThan(20)
    for (const code of VALIDATION_CODES) {
      for (const key of [code, `${code}.hint`]) {
        expect(messages[key]?.vi, `${key} vi`).toMatch(/\S/)
        expect(messages[key]?.en, `${key} en`).toMatch(/\S/)
      }
    }
  })
})

describe('assignComponents', () => {
  it('gives each document the code of the component it satisfies', () => {
    const assigned = assignComponents([...complete(), doc('unknown')], khaiSinh)
    expect(assigned.map((item) => item.componentCode)).toEqual(['000.00.00.G15-KQ003204', '000.00.00.G15-KQ004389', '000.00.00.G15-KQ004946', undefined])
  })
})

describe('components no document kind stands for (imported procedures)', () => {
  const paper = (code: string, name: string, required: boolean, kinds: string[]) =>
    ({code, codeSource: 'official', name, mode: 'submit', originals: 1, copies: 0, required, kinds}) as const
  const imported: ProcedureSchema = {
    schemaVersion: 1,
    code: '1.000689',
    name: 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con',
    results: [],
    cases: [
      {
        name: '',
        components: [
          paper('000.00.00.G15-KQ003264', 'Tờ khai đăng ký khai sinh', true, ['to-khai-khai-sinh']),
          paper('000.00.00.G15-KQ003265', 'Tờ khai đăng ký nhận cha, mẹ, con', true, []),
          paper('000.00.00.G15-KQ003250', 'Văn bản cam đoan (nếu có)', false, []),
        ],
      },
    ],
  }

  it('warns which required ones could not be checked, instead of calling them missing', () => {
    const report = validateDossier({procedure: '1.000689', documents: [form(), doc('unknown')], pagesDropped: []}, imported, {provinces, now: new Date('2025-06-01T00:00:00Z')})
    const notCheckable = report.issues.filter((issue) => issue.code === 'dossier.component-not-checkable')
    expect(notCheckable).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: '/cases/0/components/1',
        params: {component: '000.00.00.G15-KQ003265', name: 'Tờ khai đăng ký nhận cha, mẹ, con'},
      }),
    ])
    expect(report.issues.map((issue) => issue.code)).not.toContain('dossier.component-missing')
    expect(report.valid).toBe(true)
    expect(messages['dossier.component-not-checkable']?.vi).toContain('Không tự kiểm tra được')
  })

  it('still reports a missing component that a document kind stands for', () => {
    const report = validateDossier({procedure: '1.000689', documents: [doc('unknown')], pagesDropped: []}, imported, {provinces, now: new Date('2025-06-01T00:00:00Z')})
    const missing = report.issues.filter((issue) => issue.code === 'dossier.component-missing')
    expect(missing.map((issue) => issue.path)).toEqual(['/cases/0/components/0'])
  })
})
