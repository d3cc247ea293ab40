import {describe, expect, it} from 'vitest'

import {parseCardDate, parseIdCardQr} from '../src/core/id-card-qr.js'
import {loadProvinces} from '../src/tools/package-data.js'

const options = {provinces: loadProvinces(), currentYear: 2026}
const parse = (payload: string) => parseIdCardQr(payload, options)
const codes = (payload: string): string[] => {
  const result = parse(payload)
  return result.ok ? [] : result.problems.map((item) => `${item.code}@${item.path}`)
}

const NAME = 'Nguyễn Thị Hương'
const ADDRESS = 'Số 12, ngõ 3, phường Điện Biên, quận Ba Đình, Hà Nội'

describe('ID-card QR payload (SPEC §3.6)', () => {
  it('reads the 7-field layout', () => {
    expect(parse(`001190012345|012345678|${NAME}|15031990|Nữ|${ADDRESS}|01072021`)).toEqual({
      ok: true,
      value: {
        idNumber: '001190012345',
        oldIdNumber: '012345678',
        fullName: NAME,
        dateOfBirth: '1990-03-15',
        gender: 'female',
        permanentAddress: ADDRESS,
        issueDate: '2021-07-01',
      },
    })
  })

  it('accepts an empty CMND field', () => {
    const result = parse(`001090012345||Trần Văn An|01/01/1990|Nam|${ADDRESS}|10/10/2022`)
    expect(result.ok && result.value).toMatchObject({idNumber: '001090012345', dateOfBirth: '1990-01-01', gender: 'male', issueDate: '2022-10-10'})
    expect(result.ok && 'oldIdNumber' in result.value).toBe(false)
  })

  it('accepts 6 fields without the issue date', () => {
    const result = parse(`001090012345|012345678|Trần Văn An|01011990|Nam|${ADDRESS}`)
    expect(result.ok && result.value).toMatchObject({oldIdNumber: '012345678', permanentAddress: ADDRESS})
    expect(result.ok && result.value.issueDate).toBeUndefined()
  })

  it('accepts 6 fields without the CMND field', () => {
    const result = parse(`001090012345|Trần Văn An|01011990|Nam|${ADDRESS}|10102022`)
    expect(result.ok && result.value).toMatchObject({fullName: 'Trần Văn An', issueDate: '2022-10-10'})
  })

  it('normalises a decomposed (NFD) name to NFC', () => {
    const result = parse(`001190012345||${NAME.normalize('NFD')}|15031990|${'Nữ'.normalize('NFD')}||`)
    expect(result.ok && result.value.fullName).toBe(NAME)
    expect(result.ok && result.value.gender).toBe('female')
  })

  it('tolerates a trailing newline and a BOM', () => {
    expect(parse(`\ufeff001090012345||Trần Văn An|01011990|Nam||\r\n`).ok).toBe(true)
  })

  it.each([
    ['too few fields', '001090012345|Trần Văn An|01011990|Nam', ['qr.field-count@']],
    ['too many fields', '001090012345||A|01011990|Nam|x|01012020|extra', ['qr.field-count@']],
    ['not a QR payload at all', 'hello world', ['qr.field-count@']],
    ['a wrong date', '001090012345||Trần Văn An|31021990|Nam||', ['qr.invalid-date@/dateOfBirth']],
    ['a date in another form', '001090012345||Trần Văn An|1990-01-01|Nam||', ['qr.invalid-date@/dateOfBirth']],
    ['a half-slashed date', '001090012345||Trần Văn An|01/011990|Nam||', ['qr.invalid-date@/dateOfBirth']],
    ['a bad issue date', '001090012345||Trần Văn An|01011990|Nam||32012020', ['qr.invalid-date@/issueDate']],
    ['a missing ID', '||Trần Văn An|01011990|Nam||', ['qr.missing-field@/idNumber']],
    ['a short ID', '00109001234||Trần Văn An|01011990|Nam||', ['qr.invalid-id-number@/idNumber']],
    ['a bad CMND', '001090012345|12345|Trần Văn An|01011990|Nam||', ['qr.invalid-old-id-number@/oldIdNumber']],
    ['a stray control character', '001090012345||Trần\u0007 Văn An|01011990|Nam||', ['qr.stray-character@']],
    ['a replacement character', '001090012345||Tr\ufffdn Văn An|01011990|Nam||', ['qr.stray-character@']],
    ['digits in the name', '001090012345||Trần Văn 4n|01011990|Nam||', ['qr.invalid-name@/fullName']],
    ['symbols in the name', '001090012345||Trần #Văn An|01011990|Nam||', ['qr.invalid-name@/fullName']],
    ['an unknown gender', '001090012345||Trần Văn An|01011990|Male||', ['qr.invalid-gender@/gender']],
    ['an ID disagreeing with the birth year', '001091012345||Trần Văn An|01011990|Nam||', ['citizen-id.birth-year-mismatch@/idNumber']],
    ['an ID disagreeing with the gender', '001090012345||Trần Thị An|01011990|Nữ||', ['citizen-id.gender-mismatch@/idNumber']],
    ['an unknown province', '003090012345||Trần Văn An|01011990|Nam||', ['citizen-id.unknown-province@/idNumber']],
    ['an issue date before birth', '001090012345||Trần Văn An|01011990|Nam||01011980', ['qr.issue-before-birth@/issueDate']],
  ])('reports %s', (_label, payload, expected) => {
    expect(codes(payload)).toEqual(expected)
  })

  it('reports every bad field at once', () => {
    expect(codes('001090012345||Trần Văn An|99999999|X||')).toEqual(['qr.invalid-date@/dateOfBirth', 'qr.invalid-gender@/gender'])
  })

  it.each([
    ['15031990', '1990-03-15'],
    ['15/03/1990', '1990-03-15'],
    ['29022000', '2000-02-29'],
    ['29021900', undefined],
    ['1503199', undefined],
    ['15-03-1990', undefined],
  ])('card date %s → %s', (text, iso) => expect(parseCardDate(text)).toBe(iso))
})
