/** A calendar day with no time zone; the caller decides which zone "today" is in. */
export interface CalendarDay {
  year: number
  month: number
  day: number
}

export function isValidDay({year, month, day}: CalendarDay): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0')

/** `2024-03-15` */
export function formatIsoDay({year, month, day}: CalendarDay): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

export function parseIsoDay(text: string): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return undefined
  const day = {year: Number(match[1]), month: Number(match[2]), day: Number(match[3])}
  return isValidDay(day) ? day : undefined
}

/** `240315`: the dossier code's date (Thông tư 01/2018/TT-VPCP Điều 19); years 2000–2099. */
export function formatYYMMDD({year, month, day}: CalendarDay): string {
  return `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`
}

export function parseYYMMDD(text: string): CalendarDay | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(text)
  if (!match) return undefined
  const day = {year: 2000 + Number(match[1]), month: Number(match[2]), day: Number(match[3])}
  return isValidDay(day) ? day : undefined
}

/** The day of `instant` in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), SPEC §3.9. */
export function vietnamDay(instant: Date): CalendarDay {
  const shifted = new Date(instant.getTime() + 7 * 60 * 60 * 1000)
  return {year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate()}
}
