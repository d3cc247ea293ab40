/**
 * A procedure schema (SPEC §5) as the code sees it; schemas/procedure.schema.json says the
 * same for JSON. Names follow the national record (LayThuTuc): THANHPHANHOSO → cases,
 * TRUONGHOP → case name, GIAYTO → components, KETQUATHUCHIEN → results.
 */
export type ProcedureLevel = 'xa' | 'huyen' | 'tinh' | 'bo' | 'khac'
export const PROCEDURE_LEVELS: readonly ProcedureLevel[] = ['xa', 'huyen', 'tinh', 'bo', 'khac']

export type CodeSource = 'official' | 'local'

/** Handed in (giấy tờ phải nộp) or only shown and handed back (giấy tờ phải xuất trình). */
export type ComponentMode = 'submit' | 'present'

export interface ProcedureResult {
  code?: string
  name: string
  sourceCode?: string
}

export interface Component {
  code: string
  codeSource: CodeSource
  sourceCode?: string
  name: string
  form?: string
  mode: ComponentMode
  originals: number
  copies: number
  required: boolean
  kinds: string[]
  replacedByResult?: string
}

/** Trường hợp: one situation of the procedure with its own list of papers. */
export interface ProcedureCase {
  name: string
  components: Component[]
}

export interface ProcedureSource {
  kind: 'csdl-tthc' | 'dvcqg-crawl' | 'lay-thu-tuc' | 'curated'
  url?: string
  note?: string
}

/** Kênh: at the desk (trực tiếp), online (trực tuyến), by post (dịch vụ bưu chính). */
export type Channel = 'direct' | 'online' | 'postal'
export const CHANNELS: readonly Channel[] = ['direct', 'online', 'postal']

/**
 * A processing time as published. `unspecified` is a bare number ("1") or the database's
 * "Khác" (other): sohoa reads it as working days, the unit time limits of procedures are
 * counted in unless the text says otherwise.
 */
export type DurationUnit = 'working-days' | 'days' | 'hours' | 'months' | 'unspecified'

export interface Duration {
  value: number
  unit: DurationUnit
}

/** One fee (phí or lệ phí) of a channel; amount in the currency's units, as published. */
export interface Fee {
  name: string
  amount: number
  currency: 'VND' | 'USD'
  note?: string
}

/** Cách thức thực hiện: one channel with its processing time and fees. */
export interface ProcessingChannel {
  channel: Channel
  time?: Duration
  /** The time as published ("7 Ngày làm việc"). */
  timeText?: string
  /** Absent when the source gives no fee information; empty never (free is a fee of 0). */
  fees?: Fee[]
  /** The fee cell as published ("20,000 Việt Nam Đồng", "Miễn phí"). */
  feesText?: string
  note?: string
}

export interface ProcedureSchema {
  $schema?: string
  schemaVersion: 1
  code: string
  name: string
  levels?: ProcedureLevel[]
  field?: string
  /** Mã lĩnh vực, where the source gives it (LayThuTuc MALINHVUC). */
  fieldCode?: string
  ministry?: string
  decision?: string
  results: ProcedureResult[]
  cases: ProcedureCase[]
  processing?: ProcessingChannel[]
  notes?: string[]
  source?: ProcedureSource
}

/** Every component with the case it belongs to, in order. */
export function allComponents(schema: ProcedureSchema): Array<{component: Component; caseIndex: number; componentIndex: number}> {
  return schema.cases.flatMap((entry, caseIndex) =>
    entry.components.map((component, componentIndex) => ({component, caseIndex, componentIndex})),
  )
}

export function componentCount(schema: ProcedureSchema): number {
  return schema.cases.reduce((sum, entry) => sum + entry.components.length, 0)
}

/** `Cấp xã, Cấp tỉnh` → ['xa', 'tinh']: the level names used by the portal and the database. */
export function levelsFromText(text: string, fold: (value: string) => string): ProcedureLevel[] {
  const folded = fold(text)
  const found = new Set<ProcedureLevel>()
  if (/\bcap xa\b/.test(folded)) found.add('xa')
  if (/\bcap huyen\b/.test(folded)) found.add('huyen')
  if (/\bcap tinh\b/.test(folded)) found.add('tinh')
  if (/\bcap bo\b/.test(folded)) found.add('bo')
  if (/\bco quan khac\b/.test(folded)) found.add('khac')
  return PROCEDURE_LEVELS.filter((level) => found.has(level))
}
