/**
 * `sohoa id parse`: what a value typed or scanned at the counter is, and what it says.
 * A value with "|" is an ID-card QR payload; 9 digits an old CMND; anything else is read
 * as a 12-digit personal ID (and told why it is not one).
 */
import {
  type CitizenIdOptions,
  checkIdAgainstPerson,
  compactIdNumber,
  type Gender,
  maskIdNumber,
  maskIdsInText,
  parseCitizenId,
  parseOldIdCard,
  type PersonFacts,
  type Province,
} from './citizen-id.js'
import {type IdCardFields, parseIdCardQr} from './id-card-qr.js'
import type {Problem} from './problem.js'

export type IdValueKind = 'citizen-id' | 'cmnd' | 'qr'

export interface IdValueReport {
  kind: IdValueKind
  valid: boolean
  idNumber?: string
  province?: Province
  century?: number
  gender?: Gender
  birthYear?: number
  /** What the QR payload carried (SPEC §4 ID-card field keys). */
  fields?: IdCardFields
  problems: Problem[]
}

export function inspectIdValue(value: string, options: CitizenIdOptions & {facts?: PersonFacts}): IdValueReport {
  if (value.includes('|')) {
    const parsed = parseIdCardQr(value, options)
    if (!parsed.ok) return {kind: 'qr', valid: false, problems: parsed.problems}
    const id = parseCitizenId(parsed.value.idNumber, options)
    const identity = id.ok ? describe(id.value) : {}
    const problems = id.ok && options.facts ? checkIdAgainstPerson(id.value, options.facts) : []
    return {kind: 'qr', valid: problems.length === 0, ...identity, fields: parsed.value, problems}
  }
  if (/^\d{9}$/.test(compactIdNumber(value))) {
    const parsed = parseOldIdCard(value)
    return parsed.ok ? {kind: 'cmnd', valid: true, idNumber: parsed.value.number, problems: []} : {kind: 'cmnd', valid: false, problems: parsed.problems}
  }
  const parsed = parseCitizenId(value, options)
  if (!parsed.ok) return {kind: 'citizen-id', valid: false, problems: parsed.problems}
  const problems = options.facts ? checkIdAgainstPerson(parsed.value, options.facts) : []
  return {kind: 'citizen-id', valid: problems.length === 0, ...describe(parsed.value), problems}
}

function describe(id: {number: string; province: Province; century: number; gender: Gender; birthYear: number}) {
  return {idNumber: id.number, province: id.province, century: id.century, gender: id.gender, birthYear: id.birthYear}
}

/** Personal data out of normal output (SPEC §8): the numbers, and every ID inside a value (maskIdsInText). */
export function maskIdReport(report: IdValueReport): IdValueReport {
  const masked: IdValueReport = {...report, problems: report.problems.map(maskProblem)}
  if (report.idNumber) masked.idNumber = maskIdNumber(report.idNumber)
  if (report.fields) {
    masked.fields = {...report.fields, idNumber: maskIdNumber(report.fields.idNumber)}
    if (report.fields.oldIdNumber) masked.fields.oldIdNumber = maskIdNumber(report.fields.oldIdNumber)
  }
  return masked
}

function maskProblem(item: Problem): Problem {
  const params = Object.fromEntries(
    Object.entries(item.params).map(([key, value]) => [key, typeof value === 'string' ? maskIdsInText(value) : value]),
  )
  return {...item, params}
}
