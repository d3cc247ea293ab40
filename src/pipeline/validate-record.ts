/**
 * `sohoa validate`: a digitisation record (`sohoa.json`, SPEC §6) or a package whose
 * data/sohoa.json is one → the dossier → validateDossier against its procedure schema.
 */
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'

import type {Document, DocumentFields, Dossier, ValidationReport} from '../core/dossier.js'
import {UnreadableInputError, UsageError} from '../core/errors.js'
import type {ProcedureSchema} from '../core/procedure.js'
import {type ValidateOptions, validateDossier} from '../core/validate.js'
import {dossierOwner} from '../core/digitisation.js'
import {loadProvinces} from '../tools/package-data.js'
import {lookupProcedure} from './procedure-catalogue.js'

export interface ValidateRecordOptions {
  /** A procedure code (overrides the record's) or undefined to use the record's. */
  procedure?: string
  /** Folder of imported procedure schemas. */
  proceduresDir?: string
  now?: Date
}

export interface RecordValidation extends ValidationReport {
  record: string
  procedure: string
  procedureName: string
  caseName?: string
  documents: number
}

export async function validateRecord(target: string, options: ValidateRecordOptions): Promise<RecordValidation> {
  const file = await recordFile(target)
  const value = await readJson(file)
  const dossier = dossierFromRecord(value, file, options.procedure)
  const schema: ProcedureSchema = (await lookupProcedure(options.procedure ?? dossier.procedure, options.proceduresDir)).schema
  const now = options.now ?? new Date()
  const report = validateDossier(dossier, schema, {provinces: loadProvinces(), now, ...storedPolicy(value, dossier)})
  const caseName = report.caseIndex === undefined ? undefined : schema.cases[report.caseIndex]?.name
  return {
    record: file,
    procedure: schema.code,
    procedureName: schema.name,
    ...(caseName ? {caseName} : {}),
    documents: dossier.documents.length,
    ...report,
  }
}

async function recordFile(target: string): Promise<string> {
  const info = await stat(target).catch(() => undefined)
  if (!info) throw new UnreadableInputError('input.not-found', {file: target})
  return info.isDirectory() ? path.join(target, 'data', 'sohoa.json') : target
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new UnreadableInputError('validate.not-a-record', {file, detail: error.message}, {cause: error})
  })
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UnreadableInputError('validate.not-a-record', {file, detail: (error as Error).message}, {cause: error})
  }
}

/** The policy the record was made under (`validation.policy`), as validateDossier options; none for a hand-made record. */
function storedPolicy(value: unknown, dossier: Dossier): Partial<ValidateOptions> {
  if (!isObject(value) || !isObject(value.validation) || !isObject(value.validation.policy)) return {}
  const policy = value.validation.policy
  const agency = typeof value.agency === 'string' ? value.agency : ''
  const idNumber = policy.ownerIdGiven === true ? 'given' : dossierOwner(dossier.documents).idNumber
  return {
    ...(typeof policy.minDpi === 'number' ? {minDpi: policy.minDpi} : {}),
    allowLowDpi: policy.allowLowDpi === true,
    owner: {idNumber, agency},
  }
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The record's documents as the validator sees them; fields may be written as plain strings or `{value, …}`. */
export function dossierFromRecord(value: unknown, file: string, procedure?: string): Dossier {
  if (!isObject(value) || !Array.isArray(value.documents)) throw new UnreadableInputError('validate.not-a-record', {file, detail: 'documents[] missing'})
  const code = procedure ?? (typeof value.procedure === 'string' ? value.procedure : isObject(value.procedure) && typeof value.procedure.code === 'string' ? value.procedure.code : undefined)
  if (!code) throw new UsageError('validate.no-procedure', {file})
  const documents = value.documents.map((entry, index): Document => {
    if (!isObject(entry) || typeof entry.kind !== 'string' || !Array.isArray(entry.pages)) {
      throw new UnreadableInputError('validate.not-a-record', {file, detail: `documents[${index}] needs kind and pages[]`})
    }
    return {
      ...(entry as unknown as Document),
      confidence: typeof entry.confidence === 'number' ? entry.confidence : 1,
      evidence: Array.isArray(entry.evidence) ? (entry.evidence as Document['evidence']) : [],
      fields: recordFields(entry.fields),
    }
  })
  const pagesDropped = Array.isArray(value.pagesDropped) ? (value.pagesDropped as Dossier['pagesDropped']) : []
  const caseIndex = typeof value.caseIndex === 'number' ? value.caseIndex : undefined
  return {procedure: code, documents, pagesDropped, ...(caseIndex === undefined ? {} : {caseIndex})}
}

function recordFields(fields: unknown): DocumentFields {
  if (!isObject(fields)) return {}
  const out: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(fields)) {
    if (typeof field === 'string') out[key] = {value: field, source: 'ocr', page: 1, sourcePage: {file: '', page: 1}, confidence: 1}
    else if (isObject(field) && typeof field.value === 'string') out[key] = field
  }
  return out as DocumentFields
}
