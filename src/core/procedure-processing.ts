/**
 * Cách thức thực hiện (channels, processing time, fees) as the two published sources give it:
 *
 * - the DVCQG portal crawl flattens the table into one string,
 *   `Hình thức nộpThời gianPhí, lệ phíMô tả` then per row `<channel><time><fees><description>`:
 *   "Trực tiếp7 Ngày làm việc20,000 Việt Nam Đồng(note)Trực tuyến…";
 * - the procedures-database export keeps rows: `{hinh_thuc_nop, thoi_gian, phi_le_phi, mo_ta}`
 *   with "5 ngày làm việc", "1 Khác", "Lệ phí: 8.000 VNĐ (8.000 đồng/bản)".
 *
 * Amounts and times are read as published; nothing is inferred from the description.
 */
import type {Channel, Duration, DurationUnit, Fee, ProcessingChannel} from './procedure.js'
import {foldVietnamese} from './text-fold.js'

export const CRAWL_PROCESSING_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả'

/** The column name, used as the fee's name when the source does not say phí or lệ phí. */
export const GENERIC_FEE_NAME = 'Phí, lệ phí'

const CHANNEL_NAMES: ReadonlyArray<[string, Channel]> = [
  ['Trực tiếp', 'direct'],
  ['Trực tuyến', 'online'],
  ['Dịch vụ bưu chính', 'postal'],
  ['Bưu chính', 'postal'],
]

// A row starts where a channel name is glued to the number of its time ("Trực tiếp7 Ngày…");
// the same words in running text are followed by a space or a colon.
const CRAWL_ROW = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không )/g
// A time cell that gives no time; the fee cell after it may say "Không có thông tin" again.
const NO_TIME = /^(Không có thông tin|Không quy định|Không phải trả kết quả)/
const CURRENCY = String.raw`(Việt Nam Đồng|VNĐ|VND|Đồng|USD|Đô la Mỹ)`
const TIME = new RegExp(
  String.raw`^(\d+(?:[.,]\d+)?)(?!\d|[.,]\d|\s*(?:Việt Nam Đồng|VNĐ|VND|Đồng|USD))\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Khác)?`,
  'i',
)
const CRAWL_FEE = new RegExp(String.raw`^(\d{1,3}(?:,\d{3})+|\d+)\s*${CURRENCY}`)
const DATABASE_FEE = new RegExp(String.raw`(Lệ phí|Phí)\s*:\s*(\d[\d.,]*)\s*${CURRENCY}`, 'g')

export function durationUnit(text: string | undefined): DurationUnit {
  const folded = foldVietnamese(text ?? '')
  if (folded.startsWith('ngay lam viec')) return 'working-days'
  if (folded.startsWith('ngay')) return 'days'
  if (folded.startsWith('gio')) return 'hours'
  if (folded.startsWith('thang')) return 'months'
  return 'unspecified'
}

function currency(text: string): Fee['currency'] {
  return /USD|Đô la/i.test(text) ? 'USD' : 'VND'
}

/** "10,000,000" (portal) or "8.000" (database): the separators group thousands. */
function amount(text: string): number {
  return Number(text.replace(/[.,]/g, ''))
}

function time(text: string): {time?: Duration; timeText?: string; rest: string} {
  const missing = NO_TIME.exec(text)
  if (missing) return {timeText: missing[0], rest: text.slice(missing[0].length)}
  const match = TIME.exec(text)
  if (!match) return {rest: text}
  const value = Number(match[1]!.replace(',', '.'))
  const timeText = match[0].trim()
  if (!(value > 0)) return {timeText, rest: text.slice(match[0].length)}
  return {time: {value, unit: durationUnit(match[2])}, timeText, rest: text.slice(match[0].length)}
}

/** A parenthesised note at the start of `text`, parentheses balanced. */
function leadingNote(text: string): {note?: string; rest: string} {
  if (!text.startsWith('(')) return {rest: text}
  let depth = 0
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '(') depth += 1
    if (text[index] === ')') depth -= 1
    if (depth === 0) return {note: text.slice(1, index).trim(), rest: text.slice(index + 1)}
  }
  return {note: text.slice(1).trim(), rest: ''}
}

function crawlRow(channel: Channel, body: string): ProcessingChannel {
  const row: ProcessingChannel = {channel}
  const read = time(body)
  if (read.time) row.time = read.time
  if (read.timeText) row.timeText = read.timeText
  let rest = read.rest
  if (rest.startsWith('Miễn phí')) {
    row.fees = [{name: GENERIC_FEE_NAME, amount: 0, currency: 'VND'}]
    row.feesText = 'Miễn phí'
    rest = rest.slice('Miễn phí'.length)
  } else if (rest.startsWith('Không có thông tin')) {
    rest = rest.slice('Không có thông tin'.length)
  } else {
    const fees: Fee[] = []
    const start = rest
    for (let match = CRAWL_FEE.exec(rest); match; match = CRAWL_FEE.exec(rest)) {
      rest = rest.slice(match[0].length)
      const {note, rest: after} = leadingNote(rest)
      rest = after
      fees.push({name: GENERIC_FEE_NAME, amount: amount(match[1]!), currency: currency(match[2]!), ...(note ? {note} : {})})
    }
    if (fees.length > 0) {
      row.fees = fees
      row.feesText = start.slice(0, start.length - rest.length).trim()
    }
  }
  const {note, rest: after} = leadingNote(rest.trim())
  const description = [note, after.trim()].filter((part) => part !== undefined && part !== '').join(' ')
  if (description !== '') row.note = description
  return row
}

/** The portal's flattened table; rows in published order, a channel once (its first row). */
export function parseCrawlProcessing(raw: string): ProcessingChannel[] {
  const text = raw.normalize('NFC').trim()
  const body = text.startsWith(CRAWL_PROCESSING_HEADER) ? text.slice(CRAWL_PROCESSING_HEADER.length) : text
  const starts = [...body.matchAll(CRAWL_ROW)]
  const rows: ProcessingChannel[] = []
  starts.forEach((match, index) => {
    const channel = channelOf(match[1]!)
    const end = starts[index + 1]?.index ?? body.length
    if (!channel || rows.some((row) => row.channel === channel)) return
    rows.push(crawlRow(channel, body.slice(match.index + match[0].length, end)))
  })
  return rows
}

function channelOf(name: string): Channel | undefined {
  const folded = foldVietnamese(name)
  return CHANNEL_NAMES.find(([label]) => foldVietnamese(label) === folded)?.[1]
}

/** Depth of parentheses at each match, so fees quoted inside a note are not read as fees. */
function topLevelMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  const depthAt: number[] = []
  let depth = 0
  for (let index = 0; index < text.length; index += 1) {
    depthAt.push(depth)
    if (text[index] === '(') depth += 1
    if (text[index] === ')') depth = Math.max(0, depth - 1)
  }
  return [...text.matchAll(pattern)].filter((match) => (depthAt[match.index] ?? 0) === 0)
}

function databaseFees(raw: string): {fees?: Fee[]; feesText?: string} {
  const text = raw.normalize('NFC').trim()
  if (text === '') return {}
  const matches = topLevelMatches(text, DATABASE_FEE)
  if (matches.length === 0) return {feesText: text}
  const fees = matches.map((match, index) => {
    const end = matches[index + 1]?.index ?? text.length
    const tail = text.slice(match.index + match[0].length, end).trim()
    const note = leadingNote(tail).note ?? (tail.replace(/^[;,\s]+|[;,\s]+$/g, '') || undefined)
    return {name: match[1]!, amount: amount(match[2]!), currency: currency(match[3]!), ...(note ? {note} : {})}
  })
  return {fees, feesText: text}
}

/** The database's rows: `{hinh_thuc_nop, thoi_gian, phi_le_phi, mo_ta}`. */
export function parseDatabaseProcessing(rows: unknown): ProcessingChannel[] {
  if (!Array.isArray(rows)) return []
  const result: ProcessingChannel[] = []
  for (const item of rows) {
    if (typeof item !== 'object' || item === null) continue
    const row = item as Record<string, unknown>
    const channel = channelOf(String(row.hinh_thuc_nop ?? '').trim())
    if (!channel || result.some((entry) => entry.channel === channel)) continue
    const read = time(String(row.thoi_gian ?? '').trim())
    const note = String(row.mo_ta ?? '')
      .normalize('NFC')
      .trim()
    result.push({
      channel,
      ...(read.time ? {time: read.time} : {}),
      ...(read.timeText || String(row.thoi_gian ?? '').trim() ? {timeText: read.timeText ?? String(row.thoi_gian).trim()} : {}),
      ...databaseFees(String(row.phi_le_phi ?? '')),
      ...(note ? {note} : {}),
    })
  }
  return result
}
