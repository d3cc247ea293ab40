import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {parseIsoDay} from '../src/core/calendar.js'
import {addWorkingDays} from '../src/core/working-days.js'
import {loadHolidayCalendar} from '../src/tools/package-data.js'
import {validateAgainstSchema} from '../src/tools/schemas.js'
import {runCli} from './helpers/cli.js'
import {tempDir} from './helpers/fixtures.js'

let work: {dir: string; cleanup: () => Promise<void>}
beforeAll(async () => {
  work = await tempDir()
  // The first call builds the national catalogue into the test cache; later calls read it.
  const warm = await runCli(['procedures', 'list', '--json'])
  expect(warm.code, warm.stderr).toBe(0)
}, 300_000)
afterAll(async () => work?.cleanup())

describe('sohoa procedures list / show on the whole catalogue', () => {
  it('lists every national procedure and the curated ones', async () => {
    const result = (await runCli(['procedures', 'list', '--json'])).json()
    expect(result.total).toBeGreaterThanOrEqual(2574 + 7)
    expect(result.catalogue.bundled).toBe(7)
    expect(result.catalogue.national).toBeGreaterThanOrEqual(2574)
    expect(result.procedures[0]).toEqual(
      expect.objectContaining({code: expect.any(String), name: expect.any(String), levels: expect.any(Array)}),
    )
  })

  it('finds the judicial record certificate procedures, with code, level, field', async () => {
    const run = await runCli(['procedures', 'list', 'cap phieu ly lich tu phap', '--json'])
    expect(run.code).toBe(0)
    const {procedures} = run.json()
    expect(procedures.map((item: {code: string}) => item.code).sort()).toEqual(['3.000330', '3.000333', '3.000334', '3.000335'])
    expect(procedures.find((item: {code: string}) => item.code === '3.000330')).toMatchObject({
      levels: ['bo'],
      field: 'Lý lịch tư pháp',
      origin: 'national',
    })
    const human = await runCli(['procedures', 'list', 'cap phieu ly lich tu phap', '--level', 'tinh'])
    expect(human.stdout).toMatch(/^3\.000333 +tinh +Cấp Phiếu Lý lịch tư pháp .*\[Lý lịch tư pháp\]$/m)
    expect(human.stdout).not.toContain('3.000330')
  })

  it('refuses an unknown level with a usage error', async () => {
    const run = await runCli(['procedures', 'list', '--level', 'phuong'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('phuong')
  })

  it('shows a procedure outside the curated seven, with its channels, time and fees', async () => {
    const json = await runCli(['procedures', 'show', '3.000333', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const shown = json.json()
    expect(shown).toMatchObject({origin: 'national', procedure: {code: '3.000333', field: 'Lý lịch tư pháp'}})
    expect(shown.procedure.processing.find((row: {channel: string}) => row.channel === 'direct')).toMatchObject({
      time: {value: 10, unit: 'days'},
      timeText: '10 Ngày',
    })
    const human = await runCli(['procedures', 'show', '1.004222', '--lang', 'vi'])
    expect(human.stdout).toContain('Trực tiếp: thời hạn 7 ngày làm việc · phí, lệ phí Phí, lệ phí 20.000 VND')
    const missing = await runCli(['procedures', 'show', '9.999999'])
    expect(missing.code).toBe(2)
  })
})

describe('sohoa run with a national procedure', () => {
  it('packages the sample under 1.000689, warns about the components it cannot check, fills NgayHenTra and DanhSachLePhi', async () => {
    const out = path.join(work.dir, 'out')
    const run = await runCli(
      ['run', 'samples/ho-so-khai-sinh', '--procedure', '1.000689', '--agency', '000.00.00.H56', '--out', out, '--json'],
      {
        env: {SOHOA_DATA_DIR: path.join(work.dir, 'data')},
      },
    )
    expect(run.code, run.stderr).toBe(0)
    const result = run.json()
    expect(result).toMatchObject({valid: true, procedure: {code: '1.000689'}})
    const notCheckable = result.issues.filter((issue: {code: string}) => issue.code === 'dossier.component-not-checkable')
    expect(notCheckable.map((issue: {params: {component: string}}) => issue.params.component).sort()).toEqual([
      '000.00.00.G15-KQ003249',
      '000.00.00.G15-KQ003265',
    ])
    expect(result.issues.map((issue: {code: string}) => issue.code)).not.toContain('dossier.component-missing')
    expect(result.documents.map((document: {componentCode: string | null}) => document.componentCode)).toEqual([
      '000.00.00.G15-KQ003264',
      '000.00.00.G15-KQ003266',
      '000.00.00.G15-KQ004946',
    ])

    const hoso = JSON.parse(await readFile(path.join(result.package, 'data', 'hoso.json'), 'utf8'))
    expect(validateAgainstSchema('hoso', hoso)).toEqual([])
    expect(hoso.TenLinhVuc).toBe('Hộ tịch')
    // "3 Khác": three working days after reception, same time of day.
    const received = parseIsoDay(`${hoso.NgayTiepNhan.slice(0, 4)}-${hoso.NgayTiepNhan.slice(4, 6)}-${hoso.NgayTiepNhan.slice(6, 8)}`)!
    const due = addWorkingDays(received, 3, loadHolidayCalendar())
    const pad = (value: number) => String(value).padStart(2, '0')
    expect(hoso.NgayHenTra).toBe(`${due.year}${pad(due.month)}${pad(due.day)}${hoso.NgayTiepNhan.slice(8)}`)
    expect(hoso.DanhSachLePhi).toEqual([expect.objectContaining({TenPhiLePhi: 'Lệ phí', Gia: '0'})])

    const verify = await runCli(['verify', result.package, '--json'])
    expect(verify.code, verify.stdout).toBe(0)
  }, 300_000)
})
