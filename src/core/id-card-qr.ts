/**
 * The QR payload printed on chip ID cards (CCCD), SPEC §3.6, de-facto layout:
 * `ID|old CMND or empty|Full name|DOB ddMMyyyy|Nam or Nữ|Permanent address|Issue date ddMMyyyy`.
 * Six fields occur too: without the issue date (the second field is a CMND or empty) or
 * without the CMND field (the second field is the name). Dates may also be `dd/MM/yyyy`.
 * Anything else is reported precisely: which field, what was found.
 */
import {type CalendarDay, formatIsoDay, isValidDay} from './calendar.js'
import {type CitizenIdOptions, checkIdAgainstPerson, type Gender, parseCitizenId} from './citizen-id.js'
import {type Checked, invalid, type Problem, problem, valid} from './problem.js'

/** Field keys of SPEC §4 (ID card). */
export interface IdCardFields {
  idNumber: string
  oldIdNumber?: string
  fullName: string
  dateOfBirth: string
  gender: Gender
  permanentAddress?: string
  issueDate?: string
}

type FieldName = keyof IdCardFields

const SEVEN: FieldName[] = ['idNumber', 'oldIdNumber', 'fullName', 'dateOfBirth', 'gender', 'permanentAddress', 'issueDate']
const SIX_WITHOUT_ISSUE: FieldName[] = ['idNumber', 'oldIdNumber', 'fullName', 'dateOfBirth', 'gender', 'permanentAddress']
const SIX_WITHOUT_CMND: FieldName[] = ['idNumber', 'fullName', 'dateOfBirth', 'gender', 'permanentAddress', 'issueDate']

// Letters (any script's, for names written with combining marks too), spaces, and the few
// marks that occur in names; digits and symbols are not names.
const NAME = /^[\p{L}\p{M}]+(?:[ '\-.][\p{L}\p{M}]+)*$/u
// Controls other than tab, and the replacement character left by a bad decoder.
const STRAY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd\u200b-\u200f\u2028\u2029\ufeff]/u

export function parseIdCardQr(payload: string, options: CitizenIdOptions): Checked<IdCardFields> {
  const text = payload.replace(/^\ufeff/, '').replace(/[\r\n]+$/, '').normalize('NFC')
  const stray = STRAY.exec(text)
  if (stray) {
    return invalid(problem('qr.stray-character', '', {position: stray.index + 1, character: codePointLabel(stray[0])}))
  }
  const parts = text.split('|').map((part) => part.trim())
  const layout = chooseLayout(parts)
  if (!layout) return invalid(problem('qr.field-count', '', {count: parts.length}))

  const raw = Object.fromEntries(layout.map((name, index) => [name, parts[index] ?? ''])) as Record<FieldName, string>
  const problems: Problem[] = []
  const at = (name: FieldName): string => `/${name}`

  if (raw.idNumber === '') problems.push(problem('qr.missing-field', at('idNumber'), {field: 'idNumber'}))
  else if (!/^\d{12}$/.test(raw.idNumber)) problems.push(problem('qr.invalid-id-number', at('idNumber'), {length: raw.idNumber.length}))
  if (raw.oldIdNumber && !/^(\d{9}|\d{12})$/.test(raw.oldIdNumber)) {
    problems.push(problem('qr.invalid-old-id-number', at('oldIdNumber'), {length: raw.oldIdNumber.length}))
  }
  if (raw.fullName === '') problems.push(problem('qr.missing-field', at('fullName'), {field: 'fullName'}))
  else if (!NAME.test(raw.fullName.replace(/\s+/g, ' '))) problems.push(problem('qr.invalid-name', at('fullName'), {value: raw.fullName}))
  const dateOfBirth = readDate(raw.dateOfBirth, 'dateOfBirth', problems, true)
  const issueDate = readDate(raw.issueDate ?? '', 'issueDate', problems, false)
  const gender = readGender(raw.gender, problems)
  if (problems.length > 0 || !dateOfBirth || !gender) return invalid(...problems)

  const fields: IdCardFields = {idNumber: raw.idNumber, fullName: raw.fullName.replace(/\s+/g, ' '), dateOfBirth, gender}
  if (raw.oldIdNumber) fields.oldIdNumber = raw.oldIdNumber
  if (raw.permanentAddress) fields.permanentAddress = raw.permanentAddress.replace(/\s+/g, ' ')
  if (issueDate) fields.issueDate = issueDate

  const id = parseCitizenId(fields.idNumber, options)
  if (!id.ok) return invalid(...id.problems.map((item) => ({...item, path: at('idNumber')})))
  const mismatches = checkIdAgainstPerson(id.value, {dateOfBirth, gender}, at('idNumber'))
  if (issueDate && issueDate < dateOfBirth) mismatches.push(problem('qr.issue-before-birth', at('issueDate'), {issueDate, dateOfBirth}))
  return mismatches.length > 0 ? invalid(...mismatches) : valid(fields)
}

function chooseLayout(parts: string[]): FieldName[] | undefined {
  if (parts.length === 7) return SEVEN
  if (parts.length !== 6) return undefined
  return parts[1] === '' || /^\d+$/.test(parts[1] ?? '') ? SIX_WITHOUT_ISSUE : SIX_WITHOUT_CMND
}

/** `ddMMyyyy` or `dd/MM/yyyy` → `YYYY-MM-DD`. */
export function parseCardDate(text: string): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(text) ?? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)
  if (!match) return undefined
  const day: CalendarDay = {day: Number(match[1]), month: Number(match[2]), year: Number(match[3])}
  return isValidDay(day) && day.year >= 1900 ? formatIsoDay(day) : undefined
}

function readDate(text: string, field: FieldName, problems: Problem[], required: boolean): string | undefined {
  if (text === '') {
    if (required) problems.push(problem('qr.missing-field', `/${field}`, {field}))
    return undefined
  }
  const date = parseCardDate(text)
  if (!date) problems.push(problem('qr.invalid-date', `/${field}`, {field, value: text}))
  return date
}

function readGender(text: string, problems: Problem[]): Gender | undefined {
  const lower = text.toLocaleLowerCase('vi')
  if (lower === 'nam') return 'male'
  if (lower === 'nữ') return 'female'
  problems.push(text === '' ? problem('qr.missing-field', '/gender', {field: 'gender'}) : problem('qr.invalid-gender', '/gender', {value: text}))
  return undefined
}

function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}
