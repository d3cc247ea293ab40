import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {
  centuryGenderDigit,
  checkIdAgainstPerson,
  maskIdNumber,
  parseCitizenId,
  parseOldIdCard,
} from '../src/core/citizen-id.js'
import {loadProvinces} from '../src/tools/package-data.js'

const provinces = loadProvinces()
const options = {provinces, currentYear: 2026}

describe('personal ID (SPEC §3.5)', () => {
  it('has the 63 provinces of the table', () => {
    expect(provinces).toHaveLength(63)
    expect(provinces.find((entry) => entry.code === '038')?.name).toBe('Thanh Hóa')
  })

  it.each([
    ['001090012345', '001', 'Hà Nội', 1900, 'male', 1990],
    ['038195000123', '038', 'Thanh Hóa', 1900, 'female', 1995],
    ['079303000001', '079', 'Hồ Chí Minh', 2000, 'female', 2003],
    ['022 210 999 999', '022', 'Quảng Ninh', 2000, 'male', 2010],
    ['096000123456', '096', 'Cà Mau', 1900, 'male', 1900],
  ])('reads %s', (value, code, name, century, gender, birthYear) => {
    const parsed = parseCitizenId(value, options)
    expect(parsed).toEqual({
      ok: true,
      value: {kind: 'citizen-id', number: value.replace(/ /g, ''), province: {code, name}, century, gender, birthYear},
    })
  })

  it.each([
    ['00109001234', 'citizen-id.length'],
    ['0010900123456', 'citizen-id.length'],
    ['001O90012345', 'citizen-id.not-digits'],
    ['001-090-012-345', 'citizen-id.not-digits'],
    ['003090012345', 'citizen-id.unknown-province'],
    ['097090012345', 'citizen-id.unknown-province'],
    ['001230012345', 'citizen-id.future-birth-year'],
    ['001499012345', 'citizen-id.future-birth-year'],
  ])('rejects %s (%s)', (value, code) => {
    const parsed = parseCitizenId(value, options)
    expect(parsed.ok ? undefined : parsed.problems[0]?.code).toBe(code)
  })

  it('checks the ID against the date of birth and gender', () => {
    const parsed = parseCitizenId('001090012345', options)
    if (!parsed.ok) throw new Error('expected a valid ID')
    expect(checkIdAgainstPerson(parsed.value, {dateOfBirth: '1990-05-01', gender: 'male'})).toEqual([])
    expect(checkIdAgainstPerson(parsed.value, {dateOfBirth: '1991-05-01', gender: 'female'}).map((item) => item.code)).toEqual([
      'citizen-id.birth-year-mismatch',
      'citizen-id.gender-mismatch',
    ])
  })

  it('round-trips century, gender and birth year (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...provinces),
        fc.integer({min: 1900, max: 2026}),
        fc.constantFrom('male' as const, 'female' as const),
        fc.stringMatching(/^\d{6}$/),
        (province, birthYear, gender, random) => {
          const number = `${province.code}${centuryGenderDigit(birthYear, gender)}${String(birthYear % 100).padStart(2, '0')}${random}`
          const parsed = parseCitizenId(number, options)
          expect(parsed.ok && parsed.value).toMatchObject({province, gender, birthYear})
        },
      ),
    )
  })
})

describe('old ID card (CMND)', () => {
  it('accepts 9 digits', () => expect(parseOldIdCard('123456789')).toEqual({ok: true, value: {kind: 'cmnd', number: '123456789'}}))
  it.each(['12345678', '1234567890', '12345678x'])('rejects %s', (value) => expect(parseOldIdCard(value).ok).toBe(false))
})

describe('masking (SPEC §8)', () => {
  it.each([
    ['001090012345', '001******345'],
    ['123456789', '123***789'],
    ['123', '***'],
  ])('%s → %s', (value, masked) => expect(maskIdNumber(value)).toBe(masked))
})
