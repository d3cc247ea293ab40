import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {describeAgency, parseAgencyCode} from '../src/core/agency.js'
import {inspectCode} from '../src/core/code-kind.js'
import {
  buildComponentDigitisationCode,
  buildDossierCode,
  buildResultCode,
  buildResultDigitisationCode,
  normaliseDocumentNumber,
  parseComponentDigitisationCode,
  parseDossierCode,
  parseProcedureCode,
  parseResultCode,
  parseResultDigitisationCode,
} from '../src/core/codes.js'
import {loadLevel1Agencies} from '../src/tools/package-data.js'

const firstCode = (result: {ok: boolean; problems?: Array<{code: string}>}): string | undefined =>
  result.ok ? undefined : result.problems?.[0]?.code

describe('agency codes (SPEC §3.4)', () => {
  it.each([
    ['000.00.00.H49', 'legacy', 'H49'],
    ['000.00.00.G15', 'legacy', 'G15'],
    ['000.24.07.H56', 'legacy', 'H56'],
    ['H56', 'qd20', 'H56'],
    ['H56.24.07', 'qd20', 'H56'],
    ['G01.C06', 'qd20', 'G01'],
  ])('%s is a %s code with level 1 %s', (code, notation, level1) => {
    expect(parseAgencyCode(code)).toMatchObject({notation, level1})
  })

  it.each(['', '000.00.00.Z49', '00.00.00.H49', '000.00.00.h49', 'H5', 'h56', 'H56.', 'H56..1', 'H56-24', `H56.${'1'.repeat(40)}`])(
    'rejects %j',
    (code) => expect(parseAgencyCode(code)).toBeUndefined(),
  )

  it('names known level-1 codes from templates/agencies.json', () => {
    const table = loadLevel1Agencies()
    expect(describeAgency('000.00.00.H49', table)?.level1Name).toBe('UBND tỉnh Quảng Ninh')
    expect(describeAgency('H56.24', table)?.level1Name).toBe('UBND tỉnh Thanh Hóa')
    expect(describeAgency('000.00.00.G15', table)?.level1Name).toBe('Bộ Tư pháp')
    expect(describeAgency('G22', table)?.level1Name).toBe('Văn phòng Chính phủ')
    expect(describeAgency('H02', table)?.level1Name).toBeUndefined()
  })
})

describe('dossier codes (SPEC §3.1)', () => {
  it.each([
    ['000.00.00.H56-240315-0001', '000.00.00.H56', 2024, 3, 15, 1],
    ['H56.24-991231-9999', 'H56.24', 2099, 12, 31, 9999],
    ['000.00.00.G15-240229-0042', '000.00.00.G15', 2024, 2, 29, 42],
  ])('parses %s', (code, agency, year, month, day, sequence) => {
    expect(parseDossierCode(code)).toEqual({ok: true, value: {agency, date: {year, month, day}, sequence}})
  })

  it.each([
    ['000.00.00.H56-240315-001', 'code.dossier.format'],
    ['000.00.00.H56-2403150-0001', 'code.dossier.format'],
    ['000.00.00.H56-240315', 'code.dossier.format'],
    ['000.00.00.H56-240315-0000', 'code.sequence.range'],
    ['000.00.00.H56-230229-0001', 'code.dossier.date'],
    ['000.00.00.H56-241301-0001', 'code.dossier.date'],
    ['000.00.00.H56-240300-0001', 'code.dossier.date'],
    ['xyz-240315-0001', 'code.agency.format'],
    ['000.00.00.H56 -240315-0001', 'code.agency.format'],
  ])('rejects %s (%s)', (code, problem) => {
    expect(firstCode(parseDossierCode(code))).toBe(problem)
  })

  it('refuses to build out-of-range parts', () => {
    const date = {year: 2024, month: 3, day: 15}
    expect(() => buildDossierCode({agency: '000.00.00.H56', date, sequence: 10_000})).toThrow()
    expect(() => buildDossierCode({agency: '000.00.00.H56', date, sequence: 0})).toThrow()
    expect(() => buildDossierCode({agency: 'nope', date, sequence: 1})).toThrow()
    expect(() => buildDossierCode({agency: 'H56', date: {year: 2023, month: 2, day: 29}, sequence: 1})).toThrow()
    expect(() => buildDossierCode({agency: 'H56', date: {year: 1999, month: 2, day: 1}, sequence: 1})).toThrow()
  })
})

describe('result codes (SPEC §3.2)', () => {
  it('parses <dossier>-KQ<n>', () => {
    const parsed = parseResultCode('000.00.00.H56-240315-0001-KQ2')
    expect(parsed.ok && parsed.value).toMatchObject({dossierCode: '000.00.00.H56-240315-0001', index: 2})
  })
  it.each([
    ['000.00.00.H56-240315-0001-KQ0', 'code.result.format'],
    ['000.00.00.H56-240315-0001-KQ01', 'code.result.format'],
    ['000.00.00.H56-240315-0001-KQ', 'code.result.format'],
    ['000.00.00.H56-240315-0001KQ1', 'code.result.format'],
    ['000.00.00.H56-240315-0000-KQ1', 'code.sequence.range'],
  ])('rejects %s', (code, problem) => expect(firstCode(parseResultCode(code))).toBe(problem))
})

describe('procedure codes (SPEC §3.7)', () => {
  it.each(['1.001193', '2.000815', '1.001193.000.00.00.H56', '1.001193.H56.24'])('accepts %s', (code) => {
    expect(parseProcedureCode(code).ok).toBe(true)
  })
  it.each(['1.1193', '1001193', '1.001193.', '1.001193.XYZ', 'a.001193', '1.0011934'])('rejects %s', (code) => {
    expect(parseProcedureCode(code).ok).toBe(false)
  })
})

describe('digitisation codes (SPEC §3.3)', () => {
  it.each([
    ['001090012345.1.001193.000.00.00.G15-KQ004389.01', '001090012345', '1.001193', '000.00.00.G15-KQ004389', 1],
    ['001090012345.1.004222.TP01.12', '001090012345', '1.004222', 'TP01', 12],
    ['0101234567.2.000815.G15-KQ000123.99', '0101234567', '2.000815', 'G15-KQ000123', 99],
    ['000.00.00.H56.1.001193.TP02.03', '000.00.00.H56', '1.001193', 'TP02', 3],
  ])('parses component code %s', (code, owner, procedure, component, sequence) => {
    expect(parseComponentDigitisationCode(code)).toEqual({ok: true, value: {owner, procedure, component, sequence}})
  })

  it.each([
    ['001090012345.1.001193.TP01.1', 'code.digitisation.format'],
    ['001090012345.1.001193.TP01.00', 'code.sequence.range'],
    ['00109001234.1.001193.TP01.01', 'code.owner.format'],
    ['001090012345.1.001193.tp 01.01', 'code.component.format'],
    ['001090012345.1001193.TP01.01', 'code.digitisation.format'],
    ['001090012345.1.001193.01', 'code.digitisation.format'],
  ])('rejects component code %s', (code, problem) => expect(firstCode(parseComponentDigitisationCode(code))).toBe(problem))

  it.each([
    ['001090012345.KQ.G15.000031.125.01', '001090012345', 'KQ.G15.000031', '125', 1],
    ['001090012345.KQ.G01.000062.12-2024-CT07.02', '001090012345', 'KQ.G01.000062', '12-2024-CT07', 2],
  ])('parses result code %s', (code, owner, resultType, documentNumber, sequence) => {
    expect(parseResultDigitisationCode(code)).toEqual({ok: true, value: {owner, resultType, documentNumber, sequence}})
  })

  it.each([
    ['001090012345.KQ.G15.31.125.01', 'code.digitisation.format'],
    ['001090012345.KQ.G15.000031.12/2024.01', 'code.document-number.format'],
    ['001090012345.KQ.G15.000031.125.100', 'code.digitisation.format'],
    ['1.KQ.G15.000031.125.01', 'code.owner.format'],
  ])('rejects result code %s', (code, problem) => expect(firstCode(parseResultDigitisationCode(code))).toBe(problem))

  it('normalises printed document numbers', () => {
    expect(normaliseDocumentNumber('125/2024/QĐ-UBND')).toBe('125-2024-QD-UBND')
    expect(normaliseDocumentNumber(' 01 / TLKS ')).toBe('01-TLKS')
  })

  it('drops the agency suffix of the procedure code', () => {
    expect(
      buildComponentDigitisationCode({owner: '001090012345', procedure: '1.001193.000.00.00.H56', component: 'TP01', sequence: 1}),
    ).toBe('001090012345.1.001193.TP01.01')
  })
})

// ------------------------------------------------------------------ build → parse round trips

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`))
const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXY'.split(''))
const legacyAgency = fc.tuple(digits(3), digits(2), digits(2), letter, digits(2)).map(([v, z, y, m, x]) => `${v}.${z}.${y}.${m}${x}`)
const qd20Agency = fc
  .tuple(letter, digits(2), fc.array(fc.stringMatching(/^[0-9A-Z]{1,3}$/), {maxLength: 5}))
  .map(([m, x, groups]) => [`${m}${x}`, ...groups].join('.'))
const agency = fc.oneof(legacyAgency, qd20Agency)
const day = fc
  .date({min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true})
  .map((date) => ({year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()}))
const owner = fc.oneof(digits(12), digits(10), legacyAgency)
const procedure = fc.tuple(fc.integer({min: 1, max: 3}), digits(6)).map(([head, tail]) => `${head}.${tail}`)
const officialComponent = fc
  .tuple(fc.boolean(), letter, digits(2), fc.integer({min: 3, max: 6}), fc.boolean())
  .chain(([long, m, x, width, kq]) =>
    digits(width).map((number) => `${long ? '000.00.00.' : ''}${m}${x}-${kq ? 'KQ' : ''}${number}`),
  )
const localComponent = fc.stringMatching(/^[A-Z][A-Z0-9-]{0,10}$/)

describe('round trips (fast-check)', () => {
  it('dossier code', () => {
    fc.assert(
      fc.property(agency, day, fc.integer({min: 1, max: 9999}), (agencyCode, date, sequence) => {
        const code = buildDossierCode({agency: agencyCode, date, sequence})
        expect(parseDossierCode(code)).toEqual({ok: true, value: {agency: agencyCode, date, sequence}})
      }),
    )
  })

  it('result code', () => {
    fc.assert(
      fc.property(agency, day, fc.integer({min: 1, max: 9999}), fc.integer({min: 1, max: 999}), (agencyCode, date, sequence, index) => {
        const dossierCode = buildDossierCode({agency: agencyCode, date, sequence})
        const parsed = parseResultCode(buildResultCode(dossierCode, index))
        expect(parsed.ok && parsed.value).toEqual({dossier: {agency: agencyCode, date, sequence}, dossierCode, index})
      }),
    )
  })

  it('component digitisation code', () => {
    const anyComponent = fc.oneof(officialComponent, localComponent)
    fc.assert(
      fc.property(owner, procedure, anyComponent, fc.integer({min: 1, max: 99}), (ownerId, code, component, sequence) => {
        const built = buildComponentDigitisationCode({owner: ownerId, procedure: code, component, sequence})
        expect(parseComponentDigitisationCode(built)).toEqual({ok: true, value: {owner: ownerId, procedure: code, component, sequence}})
      }),
    )
  })

  it('result digitisation code', () => {
    const resultType = fc.tuple(letter, digits(2), digits(6)).map(([m, x, n]) => `KQ.${m}${x}.${n}`)
    const documentNumber = fc.stringMatching(/^[0-9A-Z][0-9A-Z-]{0,12}[0-9A-Z]$/).filter((text) => !text.includes('--'))
    fc.assert(
      fc.property(owner, resultType, documentNumber, fc.integer({min: 1, max: 99}), (ownerId, type, number, sequence) => {
        const built = buildResultDigitisationCode({owner: ownerId, resultType: type, documentNumber: number, sequence})
        const value = {owner: ownerId, resultType: type, documentNumber: number, sequence}
        expect(parseResultDigitisationCode(built)).toEqual({ok: true, value})
      }),
    )
  })
})

describe('inspectCode (sohoa code parse)', () => {
  const table = loadLevel1Agencies()
  it.each([
    ['000.00.00.H56-240315-0001', 'dossier'],
    ['000.00.00.H56-240315-0001-KQ2', 'result'],
    ['001090012345.1.001193.000.00.00.G15-KQ004389.01', 'component-digitisation'],
    ['001090012345.KQ.G15.000031.125.01', 'result-digitisation'],
    ['1.001193', 'procedure'],
    ['KQ.G15.000031', 'result-type'],
    ['000.00.00.H49', 'agency'],
  ])('%s is a %s code', (code, kind) => {
    expect(inspectCode(code, table)).toMatchObject({valid: true, kind})
  })
  it.each([
    ['000.00.00.H56-230229-0001', 'code.dossier.date'],
    ['000.00.00.H56-240315-0001-KQ0', 'code.result.format'],
    ['001090012345.KQ.G15.000031.12/24.01', 'code.document-number.format'],
    ['banana', 'code.unrecognised'],
  ])('%s is reported as %s', (code, problem) => {
    expect(inspectCode(code, table).problems[0]?.code).toBe(problem)
  })
})
