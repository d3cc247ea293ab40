/**
 * `sohoa validate`: a digitisation record (`sohoa.json`, SPEC §6) or a package whose
 * data/sohoa.json is one → the dossier → validateDossier against its procedure schema.
 */
import {stat} from 'node:fs/promises'
import path from 'node:path'

import type {Document, Dossier, ValidationReport} from '../core/dossier.js'
import {UnreadableInputError} from '../core/errors.js'
import type {ProcedureSchema} from '../core/procedure.js'
import type {DigitisationRecord} from '../core/record.js'
import {type ValidateOptions, validateDossier} from '../core/validate.js'
import {dossierOwner} from '../core/digitisation.js'
import {loadProvinces} from '../tools/package-data.js'
import {lookupProcedure} from './procedure-catalogue.js'
import {readRecordFile} from './record-file.js'

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
  const record = await readRecordFile(file)
  const dossier = dossierFromRecord(record, options.procedure)
  const schema: ProcedureSchema = (await lookupProcedure(dossier.procedure, options.proceduresDir)).schema
  const now = options.now ?? new Date()
  const report = validateDossier(dossier, schema, {provinces: loadProvinces(), now, ...storedPolicy(record, dossier)})
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

/** The policy the record was made under (`validation.policy`), as validateDossier options; none when it has none. */
function storedPolicy(record: DigitisationRecord, dossier: Dossier): Partial<ValidateOptions> {
  const policy = record.validation.policy
  if (!policy) return {}
  const idNumber = record.reception?.owner.idNumber ?? (policy.ownerIdGiven ? 'given' : dossierOwner(dossier.documents).idNumber)
  return {minDpi: policy.minDpi, allowLowDpi: policy.allowLowDpi, owner: {idNumber, agency: record.agency}}
}

/** The record's documents as the validator sees them, against its own procedure unless another is named. */
export function dossierFromRecord(record: DigitisationRecord, procedure?: string): Dossier {
  const documents = record.documents.map(
    (document): Document => ({
      kind: document.kind,
      confidence: document.confidence,
      evidence: document.evidence,
      pages: document.pages,
      fields: document.fields,
      ...(document.componentCode === null ? {} : {componentCode: document.componentCode}),
      ...(document.review ? {review: document.review} : {}),
    }),
  )
  return {procedure: procedure ?? record.procedure.code, documents, pagesDropped: record.pagesDropped}
}
