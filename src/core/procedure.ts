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

export interface ProcedureSchema {
  $schema?: string
  schemaVersion: 1
  code: string
  name: string
  levels?: ProcedureLevel[]
  field?: string
  ministry?: string
  decision?: string
  results: ProcedureResult[]
  cases: ProcedureCase[]
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
