/** The standards commands through the built CLI: --json output and exit codes (SPEC §7). */
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CRAWL_FILE, runCli} from './helpers/cli.js'

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'sohoa-cli-'))
})
afterAll(async () => rm(folder, {recursive: true, force: true}))

async function json(args: string[]): Promise<{code: number | null; data: any; stderr: string}> {
  const run = await runCli([...args, '--json'])
  return {code: run.code, data: JSON.parse(run.stdout), stderr: run.stderr}
}

describe.concurrent('sohoa id parse', () => {
  it('reads a personal ID and masks it', async () => {
    const {code, data} = await json(['id', 'parse', '038195000123'])
    expect(code).toBe(0)
    expect(data).toEqual({
      kind: 'citizen-id',
      valid: true,
      idNumber: '038******123',
      province: {code: '038', name: 'Thanh Hóa'},
      century: 1900,
      gender: 'female',
      birthYear: 1995,
      problems: [],
    })
  })

  it('shows the number with --reveal', async () => {
    const {data} = await json(['id', 'parse', '038195000123', '--reveal'])
    expect(data.idNumber).toBe('038195000123')
  })

  it('exits 4 with the reason for an invalid ID, masked, in Vietnamese on request', async () => {
    const {code, data} = await json(['id', 'parse', '003090012345', '--lang', 'vi'])
    expect(code).toBe(4)
    expect(data.valid).toBe(false)
    expect(data.problems[0]).toMatchObject({code: 'citizen-id.unknown-province', severity: 'error', params: {province: '003'}})
    expect(data.problems[0].message).toContain('Mã tỉnh')
  })

  it('checks the ID against a date of birth and gender', async () => {
    const {code, data} = await json(['id', 'parse', '001090012345', '--dob', '1991-02-03', '--gender', 'female'])
    expect(code).toBe(4)
    expect(data.problems.map((item: {code: string}) => item.code)).toEqual(['citizen-id.birth-year-mismatch', 'citizen-id.gender-mismatch'])
  })

  it('reads an ID-card QR payload', async () => {
    const {code, data} = await json(['id', 'parse', '001190012345|012345678|Nguyễn Thị Hương|15/03/1990|Nữ|Hà Nội|01072021'])
    expect(code).toBe(0)
    expect(data).toMatchObject({
      kind: 'qr',
      valid: true,
      idNumber: '001******345',
      gender: 'female',
      fields: {idNumber: '001******345', oldIdNumber: '012***678', fullName: 'Nguyễn Thị Hương', dateOfBirth: '1990-03-15', issueDate: '2021-07-01'},
    })
  })

  it('exits 4 on a QR payload with a wrong date, naming the field', async () => {
    const {code, data} = await json(['id', 'parse', '001190012345||Nguyễn Thị Hương|31021990|Nữ||'])
    expect(code).toBe(4)
    expect(data.problems).toEqual([expect.objectContaining({code: 'qr.invalid-date', path: '/dateOfBirth', params: {field: 'dateOfBirth', value: '31021990'}})])
  })

  it('reads an old CMND', async () => {
    const {code, data} = await json(['id', 'parse', '123456789'])
    expect(code).toBe(0)
    expect(data).toMatchObject({kind: 'cmnd', valid: true, idNumber: '123***789'})
  })

  it('prints the facts without --json, masked', async () => {
    const run = await runCli(['id', 'parse', '001090012345'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('001******345')
    expect(run.stdout).not.toContain('001090012345')
    expect(run.stdout).toContain('Hà Nội')
  })
})

describe.concurrent('sohoa schema lint', () => {
  it('passes the bundled catalogue', async () => {
    const {code, data} = await json(['schema', 'lint', 'templates/procedures/1.001193.json', 'templates/procedures/1.004222.json'])
    expect(code).toBe(0)
    expect(data).toMatchObject({valid: true, errors: 0})
  })

  it('exits 4 with pointer, rule and hint for each problem', async () => {
    const file = path.join(folder, 'broken.json')
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: 1,
        code: '1.001193',
        name: 'X',
        results: [],
        cases: [{name: '', components: [{code: 'TP01', codeSource: 'local', name: 'A', mode: 'submit', originals: 0, copies: 0, required: true, kinds: ['passport']}]}],
      }),
    )
    const {code, data} = await json(['schema', 'lint', file])
    expect(code).toBe(4)
    expect(data.errors).toBe(2)
    expect(data.files[0].problems).toEqual([
      expect.objectContaining({code: 'lint.unknown-kind', severity: 'error', path: '/cases/0/components/0/kinds/0', params: {value: 'passport'}, hint: expect.stringContaining('document-kind-ids')}),
      expect.objectContaining({code: 'lint.required-without-copies', path: '/cases/0/components/0', message: expect.any(String), hint: expect.any(String)}),
    ])
  })

  it('exits 3 when a file cannot be read', async () => {
    const {code, data} = await json(['schema', 'lint', path.join(folder, 'missing.json')])
    expect(code).toBe(3)
    expect(data.files[0].problems[0].code).toBe('lint.file-unreadable')
  })
})

describe.concurrent('sohoa procedures list / show', () => {
  it('lists the whole catalogue, the curated entries marked bundled', async () => {
    const {code, data} = await json(['procedures', 'list'])
    expect(code).toBe(0)
    expect(data.total).toBeGreaterThanOrEqual(2574 + 7)
    const curated = data.procedures.filter((item: {origin: string}) => item.origin === 'bundled').map((item: {code: string}) => item.code)
    expect(curated).toEqual(['1.000656', '1.000894', '1.001193', '1.004194', '1.004222', '1.004873', '1.010041'])
  })

  it.each([
    ['khai sinh', '1.001193'],
    ['dang ky thuong tru', '1.004222'],
    ['ĐĂNG KÝ TẠM TRÚ', '1.004194'],
    ['xac nhan thong tin ve cu tru', '1.010041'],
    ['1.000894', '1.000894'],
  ])('finds %j first without caring for diacritics', async (query, first) => {
    const {data} = await json(['procedures', 'list', query])
    expect(data.procedures[0].code).toBe(first)
  })

  it('filters by field and level', async () => {
    const {data} = await json(['procedures', 'list', '--field', 'ho tich', '--level', 'xã'])
    const procedures: Array<{code: string; field: string; levels: string[]}> = data.procedures
    expect(procedures.every((item) => item.field === 'Hộ tịch' && item.levels.includes('xa'))).toBe(true)
    expect(procedures.map((item) => item.code)).toEqual(expect.arrayContaining(['1.000656', '1.000894', '1.001193', '1.004873']))
    const ministry = await json(['procedures', 'list', '--level', 'bo'])
    expect(ministry.data.total).toBeGreaterThan(1000)
    expect(ministry.data.procedures.every((item: {levels: string[]}) => item.levels.includes('bo'))).toBe(true)
  })

  it('refuses an unknown level (exit 2)', async () => {
    const {code, data} = await json(['procedures', 'list', '--level', 'phuong'])
    expect(code).toBe(2)
    expect(data.error.code).toBe('procedures.unknown-level')
  })

  it('shows one procedure', async () => {
    const {code, data} = await json(['procedures', 'show', '1.001193'])
    expect(code).toBe(0)
    expect(data).toMatchObject({origin: 'bundled', procedure: {code: '1.001193', results: [{code: 'KQ.G15.000031'}]}})
  })

  it('says when a procedure is not in the catalogue (exit 2)', async () => {
    const {code, data} = await json(['procedures', 'show', '9.999999'])
    expect(code).toBe(2)
    expect(data.error).toMatchObject({code: 'procedures.not-found', exitCode: 2})
  })

  it('has examples in --help', async () => {
    const run = await runCli(['procedures', 'list', '--help'])
    expect(run.stdout).toContain('EXAMPLES')
  })
})

describe.concurrent('sohoa procedures import', () => {
  it('imports the whole crawl: ≥97% written, exit 5 for the rest, then lists them with --dir', async () => {
    const out = path.join(folder, 'crawl')
    const {code, data} = await json(['procedures', 'import', CRAWL_FILE, '--out', out])
    expect(code).toBe(5)
    expect(data.total).toBe(2642)
    expect(data.coverage).toBeGreaterThanOrEqual(0.97)
    const failed = data.records.filter((record: {status: string}) => record.status !== 'written')
    expect(failed[0].problems[0]).toMatchObject({code: 'import.no-components', message: expect.any(String), hint: expect.any(String)})

    const listed = await json(['procedures', 'list', 'cap giay phep xay dung', '--dir', out])
    expect(listed.data.total).toBeGreaterThan(0)
    expect(listed.data.procedures.every((item: {origin: string}) => item.origin === 'imported')).toBe(true)
    const shown = await json(['procedures', 'show', '2.000815', '--dir', out])
    expect(shown.code).toBe(0)
  })

  it('exits 0 when every record imports, 3 when the file is missing', async () => {
    const input = path.join(folder, 'one.json')
    await writeFile(
      input,
      JSON.stringify({MATTHC: '2.000001', TENTTHC: 'Thủ tục thử', THANHPHANHOSO: [{TRUONGHOP: '', GIAYTO: [{MAGIAYTO: '', TENGIAYTO: 'Đơn đề nghị', SOBANCHINH: '1', SOBANSAO: '0'}]}], KETQUATHUCHIEN: []}),
    )
    const ok = await json(['procedures', 'import', input, '--out', path.join(folder, 'one')])
    expect(ok.code).toBe(0)
    expect(ok.data).toMatchObject({total: 1, written: 1})
    const missing = await json(['procedures', 'import', path.join(folder, 'none.json'), '--out', path.join(folder, 'none')])
    expect(missing.code).toBe(3)
    expect(missing.data.error.code).toBe('input.not-found')
  })
})

describe.concurrent('sohoa code parse / allocate', () => {
  it('names the kind and parts of a code, masking owner IDs', async () => {
    const {code, data} = await json(['code', 'parse', '001090012345.1.001193.000.00.00.G15-KQ004389.01'])
    expect(code).toBe(0)
    expect(data).toMatchObject({valid: true, kind: 'component-digitisation', parts: {owner: '001******345', component: '000.00.00.G15-KQ004389', sequence: 1}})
  })

  it('exits 4 on a malformed code', async () => {
    const {code, data} = await json(['code', 'parse', '000.00.00.H56-230229-0001'])
    expect(code).toBe(4)
    expect(data.problems[0]).toMatchObject({code: 'code.dossier.date', hint: expect.any(String)})
  })

  it('allocates consecutive dossier codes in the data directory', async () => {
    const dataDir = path.join(folder, 'data')
    const first = await json(['code', 'allocate', '--agency', '000.00.00.H56', '--date', '2024-03-15', '--count', '2', '--data-dir', dataDir])
    expect(first.code).toBe(0)
    expect(first.data.codes).toEqual(['000.00.00.H56-240315-0001', '000.00.00.H56-240315-0002'])
    const run = await runCli(['code', 'allocate', '--agency', '000.00.00.H56', '--date', '2024-03-15', '--json'], {env: {SOHOA_DATA_DIR: dataDir}})
    expect(JSON.parse(run.stdout).codes).toEqual(['000.00.00.H56-240315-0003'])
    const bad = await json(['code', 'allocate', '--agency', 'nope', '--data-dir', dataDir])
    expect(bad.code).toBe(2)
  })
})
