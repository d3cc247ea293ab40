/**
 * Working days of the Vietnamese state administration: Monday to Friday, less the public
 * holidays and swapped days of templates/vietnam-holidays.json, plus the weekend days worked in
 * exchange. Processing times (thời hạn giải quyết) are counted from the day after reception
 * (Bộ luật Dân sự 2015 Điều 147), so a dossier due in 1 working day received on a Friday is
 * due on Monday; a period in calendar days that ends on a day off ends on the next working
 * day (Điều 148).
 */
import {type CalendarDay, daysInMonth, formatIsoDay, vietnamDay} from './calendar.js'
import type {Duration} from './procedure.js'

export interface HolidayYear {
  daysOff: Array<{date: string; name: string}>
  workingDays: string[]
  source?: string
}

export interface HolidayCalendarData {
  fixed: Array<{month: number; day: number; name: string}>
  years: Record<string, HolidayYear>
}

export interface HolidayCalendar {
  isWorkingDay(day: CalendarDay): boolean
  /** Whether the year's own schedule is known (else only weekends and fixed holidays count). */
  covers(year: number): boolean
  firstYear: number
  lastYear: number
}

export function holidayCalendar(data: HolidayCalendarData): HolidayCalendar {
  const off = new Set<string>()
  const worked = new Set<string>()
  const years = Object.keys(data.years)
    .map(Number)
    .sort((a, b) => a - b)
  for (const entry of Object.values(data.years)) {
    for (const day of entry.daysOff) off.add(day.date)
    for (const day of entry.workingDays) worked.add(day)
  }
  const covered = new Set(years)
  return {
    firstYear: years[0] ?? Number.NaN,
    lastYear: years.at(-1) ?? Number.NaN,
    covers: (year) => covered.has(year),
    isWorkingDay(day) {
      const iso = formatIsoDay(day)
      if (worked.has(iso)) return true
      const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()
      if (weekday === 0 || weekday === 6) return false
      if (covered.has(day.year)) return !off.has(iso)
      return !data.fixed.some((holiday) => holiday.month === day.month && holiday.day === day.day)
    },
  }
}

export function addDays(day: CalendarDay, count: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + count))
  return {year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate()}
}

function addMonths(day: CalendarDay, count: number): CalendarDay {
  const index = day.year * 12 + (day.month - 1) + count
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return {year, month, day: Math.min(day.day, daysInMonth(year, month))}
}

/** The `count`-th working day after `day` (`day` itself is not counted). */
export function addWorkingDays(day: CalendarDay, count: number, calendar: HolidayCalendar): CalendarDay {
  let current = day
  let left = Math.ceil(count)
  while (left > 0) {
    current = addDays(current, 1)
    if (calendar.isWorkingDay(current)) left -= 1
  }
  return current
}

export function nextWorkingDayFrom(day: CalendarDay, calendar: HolidayCalendar): CalendarDay {
  let current = day
  while (!calendar.isWorkingDay(current)) current = addDays(current, 1)
  return current
}

export interface DueDate {
  due: Date
  /** Years counted through whose holiday schedule is not in the calendar. */
  uncoveredYears: number[]
}

const DAY_MS = 24 * 60 * 60 * 1000

function dayNumber(day: CalendarDay): number {
  return Date.UTC(day.year, day.month - 1, day.day) / DAY_MS
}

/**
 * Ngày hẹn trả: reception plus the processing time, at the reception's time of day in
 * Asia/Ho_Chi_Minh (UTC+7 all year, so whole days keep the clock time). Unspecified units
 * count as working days.
 */
export function dueDate(receivedAt: Date, time: Duration, calendar: HolidayCalendar): DueDate {
  const start = vietnamDay(receivedAt)
  let end: CalendarDay
  let instant: Date | undefined
  switch (time.unit) {
    case 'working-days':
    case 'unspecified': {
      end = addWorkingDays(start, time.value, calendar)
      break
    }
    case 'days': {
      end = nextWorkingDayFrom(addDays(start, Math.ceil(time.value)), calendar)
      break
    }
    case 'months': {
      end = nextWorkingDayFrom(addMonths(start, Math.ceil(time.value)), calendar)
      break
    }
    case 'hours': {
      const later = new Date(receivedAt.getTime() + time.value * 60 * 60 * 1000)
      const laterDay = vietnamDay(later)
      end = nextWorkingDayFrom(laterDay, calendar)
      instant = new Date(later.getTime() + (dayNumber(end) - dayNumber(laterDay)) * DAY_MS)
      break
    }
  }
  const due = instant ?? new Date(receivedAt.getTime() + (dayNumber(end) - dayNumber(start)) * DAY_MS)
  const uncoveredYears: number[] = []
  for (let year = start.year; year <= end.year; year += 1) if (!calendar.covers(year)) uncoveredYears.push(year)
  return {due, uncoveredYears}
}
