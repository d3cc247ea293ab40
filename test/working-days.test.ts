import {describe, expect, it} from 'vitest'

import {parseIsoDay} from '../src/core/calendar.js'
import {buildHoSoRecord, deskSchedule} from '../src/core/hoso-record.js'
import type {ProcedureSchema} from '../src/core/procedure.js'
import type {DigitisationRecord} from '../src/core/record.js'
import {dvcqgTimestamp} from '../src/core/vietnam-time.js'
import {addWorkingDays, dueDate, holidayCalendar} from '../src/core/working-days.js'
import {loadHolidayCalendar, readPackageJson} from '../src/tools/package-data.js'
import {validateAgainstSchema} from '../src/tools/schemas.js'

const calendar = loadHolidayCalendar()
const day = (iso: string) => parseIsoDay(iso)!
/** 09:30 in Asia/Ho_Chi_Minh on that day. */
const at = (iso: string) => new Date(`${iso}T09:30:00+07:00`)
const hoChiMinh = (date: Date) => dvcqgTimestamp(date)

describe('working days (templates/vietnam-holidays.json)', () => {
  it('covers 2024 to 2026, each year with its Tết', () => {
    expect([calendar.firstYear, calendar.lastYear]).toEqual([2024, 2026])
    const data = readPackageJson<{years: Record<string, {daysOff: Array<{name: string}>}>}>('templates/vietnam-holidays.json')
    for (const year of Object.values(data.years)) expect(year.daysOff.filter((entry) => entry.name === 'Tết Nguyên đán').length).toBe(5)
  })

  it.each([
    ['Friday + 1 skips the weekend', '2024-03-15', 1, '2024-03-18'],
    ['Thursday + 3 skips the weekend', '2024-03-14', 3, '2024-03-19'],
    ['Giỗ Tổ 2025 (Monday 7/4) is skipped', '2025-04-04', 1, '2025-04-08'],
    ['Tết 2026 (16–20/2) is skipped', '2026-02-13', 1, '2026-02-23'],
    ['30/4–1/5 2025 and the swapped Friday 2/5 are skipped', '2025-04-29', 1, '2025-05-05'],
    ['the Saturday worked in exchange (10/1/2026) counts', '2026-01-09', 1, '2026-01-10'],
    ['Quốc khánh 2024 (2–3/9) is skipped', '2024-08-30', 1, '2024-09-04'],
  ])('%s', (_title, from, count, expected) => {
    expect(addWorkingDays(day(from), count, calendar)).toEqual(day(expected))
  })

  it('keeps the reception time of day and counts calendar days, hours and months', () => {
    expect(hoChiMinh(dueDate(at('2024-03-15'), {value: 7, unit: 'working-days'}, calendar).due)).toBe('20240326093000')
    // 10 calendar days from Fri 20/12/2024 end on Mon 30/12; 5 from 27/12/2025 end on 1/1/2026, a holiday → Fri 2/1 swapped → Mon 5/1.
    expect(hoChiMinh(dueDate(at('2024-12-20'), {value: 10, unit: 'days'}, calendar).due)).toBe('20241230093000')
    expect(hoChiMinh(dueDate(at('2025-12-27'), {value: 5, unit: 'days'}, calendar).due)).toBe('20260105093000')
    expect(hoChiMinh(dueDate(at('2024-03-15'), {value: 8, unit: 'hours'}, calendar).due)).toBe('20240315173000')
    // 24 hours from Friday morning end on Saturday: the next working day, same time.
    expect(hoChiMinh(dueDate(at('2024-03-15'), {value: 24, unit: 'hours'}, calendar).due)).toBe('20240318093000')
    expect(hoChiMinh(dueDate(at('2024-01-31'), {value: 1, unit: 'months'}, calendar).due)).toBe('20240229093000')
    // "1 Khác" / a bare "1": counted as one working day.
    expect(hoChiMinh(dueDate(at('2024-03-15'), {value: 1, unit: 'unspecified'}, calendar).due)).toBe('20240318093000')
  })

  it('after the last covered year skips weekends and the solar-calendar holidays only, and says which years it did not know', () => {
    const due = dueDate(at('2026-12-31'), {value: 2, unit: 'working-days'}, calendar)
    // Thu 31/12/2026 + 2: Fri 1/1/2027 is a fixed holiday, then Mon 4/1, Tue 5/1.
    expect(hoChiMinh(due.due)).toBe('20270105093000')
    expect(due.uncoveredYears).toEqual([2027])
    expect(dueDate(at('2026-03-02'), {value: 2, unit: 'working-days'}, calendar).uncoveredYears).toEqual([])
  })

  it('reads a calendar from data only', () => {
    const tiny = holidayCalendar({fixed: [], years: {'2030': {daysOff: [{date: '2030-01-02', name: 'x'}], workingDays: ['2030-01-05']}}})
    expect(addWorkingDays(day('2030-01-01'), 1, tiny)).toEqual(day('2030-01-03'))
    expect(addWorkingDays(day('2030-01-04'), 1, tiny)).toEqual(day('2030-01-05'))
  })
})

describe('hoso.json from the procedure: NgayHenTra, DanhSachLePhi, MaLinhVuc', () => {
  const procedure: ProcedureSchema = {
    schemaVersion: 1,
    code: '1.004222',
    name: 'Đăng ký thường trú',
    field: 'Đăng ký, quản lý cư trú',
    fieldCode: 'G01-CT',
    results: [],
    cases: [{name: '', components: []}],
    processing: [
      {channel: 'online', time: {value: 7, unit: 'working-days'}, fees: [{name: 'Phí, lệ phí', amount: 10000, currency: 'VND'}]},
      {
        channel: 'direct',
        time: {value: 7, unit: 'working-days'},
        fees: [
          {name: 'Lệ phí', amount: 20000, currency: 'VND'},
          {name: 'Phí', amount: 5, currency: 'USD'},
        ],
      },
    ],
  }
  const record: DigitisationRecord = {
    recordVersion: 1,
    procedure: {code: '1.004222', name: 'Đăng ký thường trú'},
    dossierCode: '000.00.00.H56-260424-0001',
    agency: '000.00.00.H56',
    createdAt: '2026-04-24T09:30:00+07:00',
    toolVersion: 'sohoa/0.1.0',
    documents: [],
    pagesDropped: [],
    validation: {valid: true, issues: []},
  }

  it('takes the direct channel: due across the Giỗ Tổ weekend and 30/4–1/5, fees in VND, the field code', () => {
    const receivedAt = at('2026-04-24')
    const schedule = deskSchedule(procedure, receivedAt, calendar)
    const hoso = buildHoSoRecord({record, field: schedule.field, owner: {name: ''}, receivedAt, dueAt: schedule.dueAt, fees: schedule.fees})
    // Fri 24/4 + 7 working days: Tue 28, Wed 29, Mon 4/5 … Fri 8/5 (27/4 nghỉ bù, 30/4 and 1/5 holidays).
    expect(hoso.NgayHenTra).toBe('20260508093000')
    expect(hoso.DanhSachLePhi).toEqual([{TenPhiLePhi: 'Lệ phí', MaPhiLePhi: '', HinhThucThu: '1', Gia: '20000', LoaiPhiLePhi: '1'}])
    expect([hoso.MaLinhVuc, hoso.TenLinhVuc]).toEqual(['G01-CT', 'Đăng ký, quản lý cư trú'])
    expect(schedule.problems).toEqual([])
    expect(validateAgainstSchema('hoso', hoso)).toEqual([])
    expect(validateAgainstSchema('hoso', {...hoso, DanhSachLePhi: [{TenPhiLePhi: 'Lệ phí', Gia: 20000}]}).length).toBeGreaterThan(0)
  })

  it('leaves NgayHenTra empty and says why when the desk channel has no time', () => {
    const schedule = deskSchedule(
      {...procedure, processing: [{channel: 'online', time: {value: 1, unit: 'days'}}]},
      at('2026-04-24'),
      calendar,
    )
    expect(schedule.dueAt).toBeUndefined()
    expect(schedule.fees).toEqual([])
    expect(schedule.problems.map((item) => item.code)).toEqual(['hoso.no-processing-time'])
  })

  it('warns when the due date runs into a year the calendar does not cover', () => {
    const schedule = deskSchedule(procedure, at('2026-12-28'), calendar)
    expect(schedule.problems.map((item) => [item.code, item.severity, item.params.years])).toEqual([
      ['hoso.holidays-not-covered', 'warning', '2027'],
    ])
  })
})
