/**
 * The 12-digit personal ID (số định danh cá nhân; Nghị định 137/2015, Thông tư 59/2021/TT-BCA)
 * and the old 9-digit ID card number (chứng minh nhân dân, CMND). SPEC §3.5.
 * Layout: 3-digit birth-registration province, 1 digit for century and gender, 2 digits of
 * the birth year, 6 random digits; there is no check digit. The province table comes from
 * templates/citizen-id-provinces.json, passed in by the caller.
 */
import type {DocumentFields} from './dossier.js'
import {type Checked, invalid, type Problem, problem, valid} from './problem.js'

export type Gender = 'male' | 'female'

export interface Province {
  code: string
  name: string
}

export interface CitizenId {
  kind: 'citizen-id'
  number: string
  province: Province
  /** First year of the century: 1900, 2000, … */
  century: number
  gender: Gender
  birthYear: number
}

export interface OldIdCard {
  kind: 'cmnd'
  number: string
}

/** Century+gender digit (Thông tư 07/2016/TT-BCA): even = male, odd = female; 0–1 → 1900s, 2–3 → 2000s, … 8–9 → 2300s. */
export function centuryAndGender(digit: number): {century: number; gender: Gender} {
  return {century: 1900 + Math.floor(digit / 2) * 100, gender: digit % 2 === 0 ? 'male' : 'female'}
}

export function centuryGenderDigit(birthYear: number, gender: Gender): number {
  return Math.floor((birthYear - 1900) / 100) * 2 + (gender === 'female' ? 1 : 0)
}

/** Spaces inside the number are tolerated (`001 090 012 345`); nothing else is. */
export function compactIdNumber(value: string): string {
  return value.trim().replace(/[ \u00a0]+/g, '')
}

export interface CitizenIdOptions {
  provinces: readonly Province[]
  /** When given, a birth year after it is reported. */
  currentYear?: number
}

export function parseCitizenId(value: string, options: CitizenIdOptions): Checked<CitizenId> {
  const number = compactIdNumber(value)
  if (!/^\d+$/.test(number)) return invalid(problem('citizen-id.not-digits', '', {value: number}))
  if (number.length !== 12) return invalid(problem('citizen-id.length', '', {length: number.length}))
  const provinceCode = number.slice(0, 3)
  const province = options.provinces.find((entry) => entry.code === provinceCode)
  const {century, gender} = centuryAndGender(Number(number[3]))
  const birthYear = century + Number(number.slice(4, 6))
  const problems: Problem[] = []
  if (!province) problems.push(problem('citizen-id.unknown-province', '', {province: provinceCode}))
  if (options.currentYear !== undefined && birthYear > options.currentYear) {
    problems.push(problem('citizen-id.future-birth-year', '', {birthYear, currentYear: options.currentYear}))
  }
  if (problems.length > 0 || !province) return invalid(...problems)
  return valid({kind: 'citizen-id', number, province, century, gender, birthYear})
}

export function parseOldIdCard(value: string): Checked<OldIdCard> {
  const number = compactIdNumber(value)
  if (!/^\d{9}$/.test(number)) return invalid(problem('citizen-id.cmnd-format', '', {value: number}))
  return valid({kind: 'cmnd', number})
}

/** What other documents say about the person, to check the ID against (SPEC §3.5). */
export interface PersonFacts {
  /** YYYY-MM-DD */
  dateOfBirth?: string
  gender?: Gender
}

export function checkIdAgainstPerson(id: CitizenId, facts: PersonFacts, path = ''): Problem[] {
  const problems: Problem[] = []
  if (facts.dateOfBirth !== undefined) {
    const year = Number(facts.dateOfBirth.slice(0, 4))
    if (year !== id.birthYear) {
      problems.push(problem('citizen-id.birth-year-mismatch', path, {idBirthYear: id.birthYear, dateOfBirth: facts.dateOfBirth}))
    }
  }
  if (facts.gender !== undefined && facts.gender !== id.gender) {
    problems.push(problem('citizen-id.gender-mismatch', path, {idGender: id.gender, gender: facts.gender}))
  }
  return problems
}

/** `001090012345` → `001******345`: personal data stays out of output and logs (SPEC §8). */
export function maskIdNumber(number: string): string {
  const chars = [...number]
  if (chars.length <= 6) return '*'.repeat(chars.length)
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 6)}${chars.slice(-3).join('')}`
}

const ID_FIELD_KEYS = ['idNumber', 'oldIdNumber', 'requesterIdNumber'] as const

/** A document's fields with their ID numbers masked, the OCR cross-check reading too. */
export function maskIdFields(fields: DocumentFields): DocumentFields {
  const masked: DocumentFields = {...fields}
  for (const key of ID_FIELD_KEYS) {
    const field = fields[key]
    if (!field) continue
    const ocrValue = field.ocrValue === undefined ? {} : {ocrValue: maskIdNumber(field.ocrValue)}
    masked[key] = {...field, value: maskIdNumber(field.value), ...ocrValue}
  }
  return masked
}

/**
 * A run of digits (any script: full-width too), possibly broken by invisible or control
 * characters or single spaces, as an ID typed or pasted with noise would be.
 */
const HIDDEN = '[\\p{Cf}\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f]*'
const DIGIT_RUN = new RegExp(`\\p{Nd}(?:${HIDDEN}[ \\u00a0]?${HIDDEN}\\p{Nd})*`, 'gu')

/**
 * The one masking of human text (SPEC §8): every run of 9 to 12 digits (a personal ID, an old
 * CMND, the owner inside a digitisation code or a file name) becomes `001******345`; the
 * characters that broke the run are dropped with the hidden digits. Longer runs (timestamps)
 * and shorter ones (dates, sequences) stay as they are.
 */
export function maskIdsInText(text: string): string {
  const mask = (run: string): string => {
    const digits = [...run].filter((char) => /\p{Nd}/u.test(char))
    return digits.length < 9 || digits.length > 12 ? run : maskIdNumber(digits.join(''))
  }
  // A spaced run too long for one ID ("20240315 001090012345") is numbers side by side: each on its own.
  return text.replace(DIGIT_RUN, (run) => {
    const whole = mask(run)
    if (whole !== run || !/[ \u00a0]/.test(run)) return whole
    return run.split(/([ \u00a0])/).map((part) => (/[ \u00a0]/.test(part) ? part : mask(part))).join('')
  })
}
