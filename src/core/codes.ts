/**
 * The codes of SPEC §3.1–3.3 and §3.7: dossier code, result code, digitisation codes,
 * procedure and result-type codes. Each has a pattern, a parser returning what it read or
 * the problems found, and a builder that refuses to build an invalid code.
 */
import {foldVietnamese} from './text-fold.js'
import {isAgencyCode} from './agency.js'
import {type CalendarDay, formatYYMMDD, parseYYMMDD} from './calendar.js'
import {UsageError} from './errors.js'
import {type Checked, invalid, type Problem, problem, valid} from './problem.js'

export const SEQUENCE_MAX = 9999
export const DIGITISATION_SEQUENCE_MAX = 99

/** National procedure code `d.dddddd`, optionally with an agency suffix (`1.001193.000.00.00.H56`). */
export const NATIONAL_PROCEDURE_CODE = /^\d\.\d{6}$/
/** Result-type code `KQ.<level-1>.<6 digits>` (`KQ.G15.000031`). */
export const RESULT_TYPE_CODE = /^KQ\.([A-Y]\d{2})\.(\d{6})$/
/** Official component code (MAGIAYTO / ma_tphs) as published: `000.00.00.G15-KQ004389`, `G15-KQ000123`. */
export const OFFICIAL_COMPONENT_CODE = /^(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Y]\d{2}-(?:KQ)?\d{3,6}$/
/** A component code given locally where the source has none (`TP01`). */
export const LOCAL_COMPONENT_CODE = /^[A-Z][A-Z0-9-]{0,31}$/
/** Document number inside a result digitisation code: no dots, no slashes (it names a file). */
export const DOCUMENT_NUMBER = /^[0-9A-Z][0-9A-Z-]{0,39}$/
const CITIZEN_ID_LIKE = /^\d{12}$/
const TAX_CODE = /^\d{10}(?:-\d{3})?$/

export interface ProcedureCode {
  code: string
  national: string
  agency?: string
}

export function parseProcedureCode(code: string): Checked<ProcedureCode> {
  const national = code.slice(0, 8)
  if (!NATIONAL_PROCEDURE_CODE.test(national)) return invalid(problem('code.procedure.format', '', {value: code}))
  if (code.length === 8) return valid({code, national})
  const agency = code.slice(9)
  if (code[8] !== '.' || !isAgencyCode(agency)) return invalid(problem('code.procedure.agency', '', {value: code, agency}))
  return valid({code, national, agency})
}

export function isResultTypeCode(code: string): boolean {
  return RESULT_TYPE_CODE.test(code)
}

export function isComponentCode(code: string): boolean {
  return OFFICIAL_COMPONENT_CODE.test(code) || LOCAL_COMPONENT_CODE.test(code)
}

/** 12-digit personal ID, 10(-3)-digit tax code of an organisation, or an agency code. */
export function isOwnerId(owner: string): boolean {
  return CITIZEN_ID_LIKE.test(owner) || TAX_CODE.test(owner) || isAgencyCode(owner)
}

// ---------------------------------------------------------------------------- dossier code

export interface DossierCode {
  agency: string
  date: CalendarDay
  sequence: number
}

/** `000.00.00.H56-240315-0001` (Thông tư 01/2018/TT-VPCP Điều 19). */
export function parseDossierCode(code: string): Checked<DossierCode> {
  const match = /^(.+)-(\d{6})-(\d{4})$/.exec(code)
  if (!match) return invalid(problem('code.dossier.format', '', {value: code}))
  const [, agency, yymmdd, digits] = match as unknown as [string, string, string, string]
  const problems: Problem[] = []
  if (!isAgencyCode(agency)) problems.push(problem('code.agency.format', '', {value: agency}))
  const date = parseYYMMDD(yymmdd)
  if (!date) problems.push(problem('code.dossier.date', '', {value: yymmdd}))
  const sequence = Number(digits)
  if (sequence < 1) problems.push(problem('code.sequence.range', '', {value: digits, max: SEQUENCE_MAX}))
  if (problems.length > 0 || !date) return invalid(...problems)
  return valid({agency, date, sequence})
}

export function buildDossierCode(parts: DossierCode): string {
  assertSequence(parts.sequence, SEQUENCE_MAX)
  const code = `${parts.agency}-${formatYYMMDD(parts.date)}-${String(parts.sequence).padStart(4, '0')}`
  return checkedBuild(code, parseDossierCode(code), parts.date.year >= 2000 && parts.date.year <= 2099)
}

// ----------------------------------------------------------------------------- result code

export interface ResultCode {
  dossier: DossierCode
  dossierCode: string
  index: number
}

/** `<dossier code>-KQ<n>` (Nghị định 45/2020 Điều 14), n = 1, 2, … */
export function parseResultCode(code: string): Checked<ResultCode> {
  const match = /^(.+)-KQ([1-9]\d{0,2})$/.exec(code)
  if (!match) return invalid(problem('code.result.format', '', {value: code}))
  const [, dossierCode, index] = match as unknown as [string, string, string]
  const dossier = parseDossierCode(dossierCode)
  if (!dossier.ok) return dossier
  return valid({dossier: dossier.value, dossierCode, index: Number(index)})
}

export function buildResultCode(dossierCode: string, index: number): string {
  assertSequence(index, 999)
  const code = `${dossierCode}-KQ${index}`
  return checkedBuild(code, parseResultCode(code))
}

// -------------------------------------------------------------------- digitisation codes

export interface ComponentDigitisationCode {
  owner: string
  procedure: string
  component: string
  sequence: number
}

export interface ResultDigitisationCode {
  owner: string
  resultType: string
  documentNumber: string
  sequence: number
}

/**
 * `<owner ID>.<procedure code>.<component code>.<NN>` (Thông tư 01/2023/TT-VPCP Điều 10, as
 * deployed). Owner IDs, procedure and component codes contain dots themselves, so the
 * parser anchors on the national procedure code `d.dddddd`, the leftmost one that leaves a
 * valid owner.
 */
export function parseComponentDigitisationCode(code: string): Checked<ComponentDigitisationCode> {
  const match = /^(.+?)\.(\d\.\d{6})\.(.+)\.(\d{2})$/.exec(code)
  if (!match) return invalid(problem('code.digitisation.format', '', {value: code}))
  const [, owner, procedure, component, digits] = match as unknown as [string, string, string, string, string]
  const problems: Problem[] = []
  if (!isOwnerId(owner)) problems.push(problem('code.owner.format', '', {value: owner}))
  if (!isComponentCode(component)) problems.push(problem('code.component.format', '', {value: component}))
  const sequence = Number(digits)
  if (sequence < 1) problems.push(problem('code.sequence.range', '', {value: digits, max: DIGITISATION_SEQUENCE_MAX}))
  return problems.length > 0 ? invalid(...problems) : valid({owner, procedure, component, sequence})
}

/** The procedure code inside is the national one: an agency suffix is dropped. */
export function buildComponentDigitisationCode(parts: ComponentDigitisationCode): string {
  assertSequence(parts.sequence, DIGITISATION_SEQUENCE_MAX)
  const procedure = parts.procedure.slice(0, 8)
  const code = `${parts.owner}.${procedure}.${parts.component}.${String(parts.sequence).padStart(2, '0')}`
  return checkedBuild(code, parseComponentDigitisationCode(code))
}

/** `<owner ID>.<result-type code>.<document number>.<NN>`. */
export function parseResultDigitisationCode(code: string): Checked<ResultDigitisationCode> {
  const match = /^(.+?)\.(KQ\.[A-Y]\d{2}\.\d{6})\.([^.]+)\.(\d{2})$/.exec(code)
  if (!match) return invalid(problem('code.digitisation.format', '', {value: code}))
  const [, owner, resultType, documentNumber, digits] = match as unknown as [string, string, string, string, string]
  const problems: Problem[] = []
  if (!isOwnerId(owner)) problems.push(problem('code.owner.format', '', {value: owner}))
  if (!DOCUMENT_NUMBER.test(documentNumber)) problems.push(problem('code.document-number.format', '', {value: documentNumber}))
  const sequence = Number(digits)
  if (sequence < 1) problems.push(problem('code.sequence.range', '', {value: digits, max: DIGITISATION_SEQUENCE_MAX}))
  return problems.length > 0 ? invalid(...problems) : valid({owner, resultType, documentNumber, sequence})
}

export function buildResultDigitisationCode(parts: ResultDigitisationCode): string {
  assertSequence(parts.sequence, DIGITISATION_SEQUENCE_MAX)
  const number = normaliseDocumentNumber(parts.documentNumber)
  const code = `${parts.owner}.${parts.resultType}.${number}.${String(parts.sequence).padStart(2, '0')}`
  return checkedBuild(code, parseResultDigitisationCode(code))
}

/** A document number as printed (`125/2024/QĐ-UBND`) made fit for a code and a file name. */
export function normaliseDocumentNumber(number: string): string {
  return foldVietnamese(number)
    .toUpperCase()
    .replace(/[/.\s_]+/g, '-')
    .replace(/[^0-9A-Z-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
}

// --------------------------------------------------------------------------------- helpers

function assertSequence(value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError('code.sequence.range', {value: String(value), max})
  }
}

function checkedBuild<T>(code: string, parsed: Checked<T>, extraCheck = true): string {
  if (parsed.ok && extraCheck) return code
  const first = parsed.ok ? {code: 'code.dossier.date', params: {value: code}} : parsed.problems[0]!
  throw new UsageError(first.code, first.params)
}
