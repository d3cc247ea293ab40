/**
 * `sohoa code parse`: which of the code formats of SPEC §3 a value is, and its parts.
 * Tried from the most specific format to the least; the problems reported for an
 * unrecognised value are those of the format it looks most like.
 */
import {describeAgency, type Level1Agency} from './agency.js'
import {formatIsoDay} from './calendar.js'
import {
  parseComponentDigitisationCode,
  parseDossierCode,
  parseProcedureCode,
  parseResultCode,
  parseResultDigitisationCode,
  RESULT_TYPE_CODE,
} from './codes.js'
import {type Problem, problem} from './problem.js'

export type CodeKind = 'dossier' | 'result' | 'component-digitisation' | 'result-digitisation' | 'procedure' | 'result-type' | 'agency'

export interface CodeReport {
  value: string
  valid: boolean
  kind?: CodeKind
  parts?: Record<string, string | number>
  problems: Problem[]
}

export function inspectCode(value: string, agencies: readonly Level1Agency[]): CodeReport {
  const code = value.trim()
  const result = parseResultCode(code)
  if (result.ok) {
    const {dossier} = result.value
    return ok(code, 'result', {dossierCode: result.value.dossierCode, index: result.value.index, agency: dossier.agency, date: formatIsoDay(dossier.date), sequence: dossier.sequence})
  }
  const dossier = parseDossierCode(code)
  if (dossier.ok) {
    const agency = describeAgency(dossier.value.agency, agencies)
    return ok(code, 'dossier', {
      agency: dossier.value.agency,
      ...(agency?.level1Name ? {agencyName: agency.level1Name} : {}),
      date: formatIsoDay(dossier.value.date),
      sequence: dossier.value.sequence,
    })
  }
  const resultDigitisation = parseResultDigitisationCode(code)
  if (resultDigitisation.ok) return ok(code, 'result-digitisation', {...resultDigitisation.value})
  const componentDigitisation = parseComponentDigitisationCode(code)
  if (componentDigitisation.ok) return ok(code, 'component-digitisation', {...componentDigitisation.value})
  if (RESULT_TYPE_CODE.test(code)) return ok(code, 'result-type', {level1: code.slice(3, 6)})
  const procedure = parseProcedureCode(code)
  if (procedure.ok) return ok(code, 'procedure', {national: procedure.value.national, ...(procedure.value.agency ? {agency: procedure.value.agency} : {})})
  const agency = describeAgency(code, agencies)
  if (agency) return ok(code, 'agency', {notation: agency.notation, level1: agency.level1, ...(agency.level1Name ? {level1Name: agency.level1Name} : {})})

  // Not any format: report against the one it resembles.
  const problems = /-\d{6}-\d+-KQ/.test(code)
    ? (result as {problems: Problem[]}).problems
    : /-\d{6}-/.test(code)
      ? (dossier as {problems: Problem[]}).problems
      : code.includes('.KQ.')
        ? (resultDigitisation as {problems: Problem[]}).problems
        : /\.\d\.\d{6}\./.test(code)
          ? (componentDigitisation as {problems: Problem[]}).problems
          : [problem('code.unrecognised', '', {value: code})]
  return {value: code, valid: false, problems}
}

function ok(value: string, kind: CodeKind, parts: Record<string, string | number>): CodeReport {
  return {value, valid: true, kind, parts, problems: []}
}
