/**
 * Turns published procedure records into procedure schemas (SPEC §5). Three shapes are
 * read: the DVCQG portal crawl (`ma_thu_tuc`, flattened `thanh_phan_ho_so`), the national
 * API's LayThuTuc (`MATTHC`, `THANHPHANHOSO[]`), and the procedures-database export
 * (`ma_tthc`, `tphs[]`). Codes are never invented: a component without a valid official
 * code gets a local one (`TP01`, codeSource "local"), and a malformed source code is kept
 * as `sourceCode`.
 */
import {OFFICIAL_COMPONENT_CODE, RESULT_TYPE_CODE} from './codes.js'
import {cleanPublishedText, parseComponentTable} from './component-table.js'
import {guessKinds, type KindHints, looksConditional} from './kind-hints.js'
import {type Problem, problem} from './problem.js'
import {parseCrawlProcessing, parseDatabaseProcessing} from './procedure-processing.js'
import {
  type Component,
  type ComponentMode,
  levelsFromText,
  type ProcessingChannel,
  type ProcedureCase,
  type ProcedureResult,
  type ProcedureSchema,
  type ProcedureSource,
} from './procedure.js'
import {foldVietnamese} from './text-fold.js'

export type RecordShape = 'dvcqg-crawl' | 'lay-thu-tuc' | 'csdl-tthc'

export interface ImportContext {
  kindHints: KindHints
}

export interface ImportedRecord {
  shape?: RecordShape
  code?: string
  schema?: ProcedureSchema
  /** Why the record gave no schema (errors), or what was left out (warnings). */
  problems: Problem[]
}

type Json = Record<string, unknown>

export function detectShape(record: unknown): RecordShape | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined
  if ('MATTHC' in record) return 'lay-thu-tuc'
  if ('ma_thu_tuc' in record) return 'dvcqg-crawl'
  if ('ma_tthc' in record) return 'csdl-tthc'
  return undefined
}

export function importRecord(record: unknown, context: ImportContext): ImportedRecord {
  const shape = detectShape(record)
  if (!shape) return {problems: [problem('import.unknown-shape', '', {keys: describeKeys(record)})]}
  const json = record as Json
  const draft = shape === 'dvcqg-crawl' ? fromCrawl(json) : shape === 'lay-thu-tuc' ? fromLayThuTuc(json) : fromCsdl(json)
  return finish(shape, draft, context)
}

// ------------------------------------------------------------------------------ the drafts

/** A component as read, before codes and kinds are assigned. */
interface DraftComponent {
  sourceCode?: string
  name: string
  form?: string
  mode: ComponentMode
  originals: number
  copies: number
  replacedByResult?: string
}

interface Draft {
  code: string
  name: string
  levels: string
  field?: string
  fieldCode?: string
  ministry?: string
  decision?: string
  results: Array<{code?: string; name: string}>
  cases: Array<{name: string; components: DraftComponent[]}>
  processing: ProcessingChannel[]
  notes: string[]
  source: ProcedureSource
  problems: Problem[]
}

function fromCrawl(record: Json): Draft {
  const table = parseComponentTable(text(record.thanh_phan_ho_so))
  const problems = table.skipped.map((item) => problem('import.skipped-item', '/thanh_phan_ho_so', {text: shorten(item)}, 'warning'))
  return {
    code: text(record.ma_thu_tuc),
    name: text(record.ten_thu_tuc),
    levels: text(record.cap_thuc_hien),
    field: optionalText(record.linh_vuc),
    decision: optionalText(record.so_quyet_dinh),
    results: parseCrawlResults(text(record.ket_qua_xu_ly)),
    cases: table.cases.map((entry) => ({name: entry.name, components: entry.items})),
    processing: parseCrawlProcessing(text(record.cach_thuc_thuc_hien)),
    notes: table.notes,
    source: {kind: 'dvcqg-crawl', ...(optionalText(record.detail_url) ? {url: text(record.detail_url)} : {})},
    problems,
  }
}

function fromLayThuTuc(record: Json): Draft {
  const notes: string[] = []
  const problems: Problem[] = []
  const cases = array(record.THANHPHANHOSO).map((group, caseIndex) => {
    const components: DraftComponent[] = []
    array((group as Json).GIAYTO).forEach((item, index) => {
      const paper = item as Json
      const originals = count(paper.SOBANCHINH)
      const copies = count(paper.SOBANSAO)
      const name = cleanPublishedText(text(paper.TENGIAYTO))
      if (originals === undefined || copies === undefined) {
        problems.push(problem('import.bad-count', `/THANHPHANHOSO/${caseIndex}/GIAYTO/${index}`, {value: `${String(paper.SOBANCHINH)}/${String(paper.SOBANSAO)}`}, 'warning'))
      }
      if ((originals ?? 0) + (copies ?? 0) === 0) {
        if (name !== '') notes.push(name)
        return
      }
      components.push({
        ...(optionalText(paper.MAGIAYTO) ? {sourceCode: text(paper.MAGIAYTO)} : {}),
        name,
        ...(optionalText(paper.TENMAUDON) ? {form: text(paper.TENMAUDON)} : {}),
        mode: 'submit',
        originals: originals ?? 0,
        copies: copies ?? 0,
        ...(optionalText(paper.MA_KQ_THAYTHE) ? {replacedByResult: text(paper.MA_KQ_THAYTHE)} : {}),
      })
    })
    return {name: cleanPublishedText(text((group as Json).TRUONGHOP)), components}
  })
  return {
    code: text(record.MATTHC),
    name: text(record.TENTTHC),
    levels: flattenText(record.CAPTHUCHIEN),
    field: firstText(record.LINHVUCTHUCHIEN, 'TENLINHVUC') ?? optionalText(record.TENLINHVUC),
    fieldCode: firstText(record.LINHVUCTHUCHIEN, 'MALINHVUC') ?? optionalText(record.MALINHVUC),
    ministry: optionalText(record.COQUANCONGBO) ?? optionalText(record.TENCOQUANCONGBO),
    decision: optionalText(record.SOQUYETDINH),
    results: array(record.KETQUATHUCHIEN).map((item) => ({
      code: optionalText((item as Json).MAKETQUA),
      name: text((item as Json).TENKETQUA),
    })),
    cases,
    // LayThuTuc's CACHTHUCTHUCHIEN is not read: no record of that shape was at hand to build from.
    processing: [],
    notes,
    source: {kind: 'lay-thu-tuc'},
    problems,
  }
}

function fromCsdl(record: Json): Draft {
  const notes: string[] = []
  const components: DraftComponent[] = []
  for (const item of array(record.tphs)) {
    const paper = item as Json
    const name = cleanPublishedText(text(paper.ten_giay_to))
    const originals = paper.ban_chinh === true ? 1 : 0
    const copies = paper.ban_sao === true ? 1 : 0
    if (originals + copies === 0) {
      if (name !== '') notes.push(name)
      continue
    }
    components.push({...(optionalText(paper.ma_tphs) ? {sourceCode: text(paper.ma_tphs)} : {}), name, mode: 'submit', originals, copies})
  }
  return {
    code: text(record.ma_tthc),
    name: text(record.ten_tthc),
    levels: text(record.cap_thuc_hien),
    field: optionalText(record.linh_vuc),
    ministry: optionalText(record.co_quan_ban_hanh),
    decision: optionalText(record.so_quyet_dinh),
    results: array(record.kqth).map((item) => ({code: optionalText((item as Json).ma_ket_qua), name: text((item as Json).ten_ket_qua)})),
    cases: components.length > 0 ? [{name: '', components}] : [],
    processing: parseDatabaseProcessing(record.cach_thuc_thuc_hien),
    notes,
    source: {kind: 'csdl-tthc', ...(optionalText(record.link_truy_cap) ? {url: text(record.link_truy_cap)} : {})},
    problems: [],
  }
}

// ------------------------------------------------------------------------------ finishing

function finish(shape: RecordShape, draft: Draft, context: ImportContext): ImportedRecord {
  const problems = [...draft.problems]
  const code = draft.code.trim()
  if (code === '') problems.push(problem('import.missing-code', '', {}))
  if (draft.name.trim() === '') problems.push(problem('import.missing-name', '', {code}))
  const cases = assignCodes(draft.cases, context, problems)
  if (cases.length === 0) {
    problems.push(problem('import.no-components', '', {code, notes: draft.notes.length}))
  }
  if (problems.some((item) => item.severity === 'error')) return {shape, code, problems}

  const results: ProcedureResult[] = []
  draft.results.forEach((result, index) => {
    const name = cleanPublishedText(result.name)
    if (name === '') return
    if (result.code === undefined || RESULT_TYPE_CODE.test(result.code)) {
      results.push({...(result.code ? {code: result.code} : {}), name})
    } else {
      problems.push(problem('import.result-code-kept-as-source', `/results/${index}`, {value: result.code}, 'warning'))
      results.push({name, sourceCode: result.code})
    }
  })
  const levels = levelsFromText(draft.levels, foldVietnamese)
  const schema: ProcedureSchema = {
    schemaVersion: 1,
    code,
    name: cleanPublishedText(draft.name),
    ...(levels.length > 0 ? {levels} : {}),
    ...(draft.field ? {field: cleanPublishedText(draft.field)} : {}),
    ...(draft.fieldCode ? {fieldCode: draft.fieldCode} : {}),
    ...(draft.ministry ? {ministry: draft.ministry} : {}),
    ...(draft.decision ? {decision: draft.decision} : {}),
    results,
    cases,
    ...(draft.processing.length > 0 ? {processing: draft.processing} : {}),
    ...(draft.notes.length > 0 ? {notes: draft.notes} : {}),
    source: draft.source,
  }
  return {shape, code, schema, problems}
}

/** Official codes where the source has a valid one; local `TPnn` codes otherwise, one per distinct document. */
function assignCodes(cases: Draft['cases'], context: ImportContext, problems: Problem[]): ProcedureCase[] {
  const localCodes = new Map<string, string>()
  const result: ProcedureCase[] = []
  for (const entry of cases) {
    const seen = new Set<string>()
    const components: Component[] = []
    for (const draft of entry.components) {
      const official = draft.sourceCode !== undefined && OFFICIAL_COMPONENT_CODE.test(draft.sourceCode)
      let code: string
      if (official) code = draft.sourceCode!
      else {
        const key = foldVietnamese(draft.name)
        code = localCodes.get(key) ?? `TP${String(localCodes.size + 1).padStart(2, '0')}`
        localCodes.set(key, code)
        if (draft.sourceCode !== undefined) problems.push(problem('import.component-code-kept-as-source', '', {value: draft.sourceCode, code}, 'warning'))
      }
      if (seen.has(code)) {
        problems.push(problem('import.duplicate-component', '', {code}, 'warning'))
        continue
      }
      seen.add(code)
      components.push({
        code,
        codeSource: official ? 'official' : 'local',
        ...(draft.sourceCode !== undefined && !official ? {sourceCode: draft.sourceCode} : {}),
        name: draft.name,
        ...(draft.form ? {form: draft.form} : {}),
        mode: draft.mode,
        originals: draft.originals,
        copies: draft.copies,
        required: !looksConditional(draft.name),
        kinds: guessKinds(draft.name, context.kindHints),
        ...(draft.replacedByResult ? {replacedByResult: draft.replacedByResult} : {}),
      })
    }
    if (components.length === 0) continue
    const existing = result.find((candidate) => candidate.name === entry.name)
    if (existing) {
      const known = (component: {code: string}) => existing.components.some((other) => other.code === component.code)
      existing.components.push(...components.filter((component) => !known(component)))
    } else result.push({name: entry.name, components})
  }
  return result
}

/**
 * "Giấy khai sinhMã: KQ.G15.000031Từ khóa…": result names each followed by "Mã: <code>",
 * glued to the next name; the list ends at "Từ khóa".
 */
export function parseCrawlResults(raw: string): Array<{code?: string; name: string}> {
  const body = raw.split('Từ khóa')[0] ?? ''
  const segments = body.split(/Mã:\s*/)
  const results: Array<{code?: string; name: string}> = []
  let name = segments.shift() ?? ''
  for (const segment of segments) {
    const valid = /^(KQ\.[A-Y]\d{2}\.\d{6})(?!\d)/.exec(segment)
    // A malformed code runs until the next name starts (a capital after the code, or a space).
    const code = valid?.[1] ?? /^[0-9A-Z][0-9A-Z.\-/]*(?:[a-z]+(?=\s|$))?/.exec(segment)?.[0] ?? ''
    results.push({...(code ? {code} : {}), name})
    name = segment.slice(code.length)
  }
  if (cleanPublishedText(name) !== '') results.push({name})
  return results.filter((result) => cleanPublishedText(result.name) !== '')
}

// -------------------------------------------------------------------------- small readers

function text(value: unknown): string {
  return typeof value === 'string' ? value.normalize('NFC').trim() : typeof value === 'number' ? String(value) : ''
}

function optionalText(value: unknown): string | undefined {
  const result = text(value)
  return result === '' ? undefined : result
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** "1", 1, "01" → 1; "" or missing → 0; anything else → undefined. */
function count(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0
  const number = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : Number.NaN
  return Number.isInteger(number) && number >= 0 ? number : undefined
}

function flattenText(value: unknown): string {
  if (Array.isArray(value)) return value.map(flattenText).join(', ')
  if (typeof value === 'object' && value !== null) return Object.values(value).map(flattenText).join(', ')
  return text(value)
}

function firstText(value: unknown, key: string): string | undefined {
  const first = array(value)[0]
  return typeof first === 'object' && first !== null ? optionalText((first as Json)[key]) : undefined
}

function describeKeys(record: unknown): string {
  if (typeof record !== 'object' || record === null) return typeof record
  return Object.keys(record).slice(0, 6).join(', ') || '{}'
}

function shorten(value: string, max = 100): string {
  const clean = value.replace(/\s+/g, ' ').trim()
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`
}
