/**
 * `sohoa run`: one dossier from page files to a verified-shape package. acquire → preprocess
 * → OCR (recognise) → split → classify → extract (analyse) → code → validate → package.
 * A dossier that fails validation is still packaged with its issues recorded, unless strict;
 * its dossier code is allocated only once everything before packaging has succeeded.
 */
import {stat} from 'node:fs/promises'
import path from 'node:path'

import {isAgencyCode} from '../core/agency.js'
import {formatIsoDay, vietnamDay} from '../core/calendar.js'
import {assignDigitisationCodes, dossierOwner} from '../core/digitisation.js'
import type {Dossier, SplitMode} from '../core/dossier.js'
import {UnreadableInputError, SohoaError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {buildHoSoRecord} from '../core/hoso-record.js'
import {type Problem, problem} from '../core/problem.js'
import type {DigitisationRecord, RecordDocument} from '../core/record.js'
import {RECORD_VERSION} from '../core/record.js'
import {allowLowResolution, assignComponents, validateDossier} from '../core/validate.js'
import {isoVietnam} from '../core/vietnam-time.js'
import {loadProvinces} from '../tools/package-data.js'
import type {Reporter} from '../core/reporter.js'
import {analyseDossier} from './analyse.js'
import {allocateDossierCodes} from './dossier-code-allocator.js'
import {writePackage} from './package.js'
import type {DocumentSigning} from './sign-documents.js'
import {findProcedure, loadCatalogue} from './procedure-catalogue.js'
import {type RecognisedPage, recognise, type RecogniseOptions} from './recognise.js'
import {assemblePdf} from './searchable-pdf.js'

export interface RunOptions {
  input: string
  procedure: string
  agency: string
  outDir: string
  jobs: number
  split: SplitMode
  forceOcr: boolean
  preprocess?: RecogniseOptions['preprocess']
  /** The applicant's personal ID when the clerk knows it; else read from the papers. */
  ownerId?: string
  /** Do not package an invalid dossier. */
  strict: boolean
  /** Pages under 200 dpi become a warning instead of an error. */
  allowLowDpi: boolean
  dataDir?: string
  /** A folder of imported procedure schemas, searched after the bundled catalogue. */
  proceduresDir?: string
  /** `sohoa/0.1.0`: PDF producer and bag software agent. */
  toolName: string
  toolVersion: string
  reporter?: Reporter
  progressLabel?: string
  /** Reception time; now by default. */
  now?: Date
  /** The digitiser's key and profile: each document PDF is signed as it is packaged. */
  signing?: DocumentSigning
}

export interface RunDocumentSummary {
  kind: string
  confidence: number
  componentCode: string | null
  code: string
  file: string
  pages: number
  review: string[]
}

export interface RunResult {
  dossierCode: string | null
  package: string | null
  procedure: {code: string; name: string}
  valid: boolean
  documents: RunDocumentSummary[]
  pagesDropped: DigitisationRecord['pagesDropped']
  issues: Problem[]
  exitCode: number
}

const MIN_DPI = 200

export async function runDossier(options: RunOptions): Promise<RunResult> {
  const now = options.now ?? new Date()
  if (!isAgencyCode(options.agency)) throw new UsageError('code.agency.format', {value: options.agency})
  const {schema} = findProcedure((await loadCatalogue(options.proceduresDir)).entries, options.procedure)
  if (!(await stat(options.input).catch(() => undefined))) throw new UnreadableInputError('input.not-found', {file: options.input})

  const pages = await recognisePages(options)
  try {
    const analysed = await analyseDossier(pages, {split: options.split})
    const documents = assignComponents(
      analysed.documents.map((entry) => entry.document),
      schema,
    )
    const dossier: Dossier = {procedure: schema.code, documents, pagesDropped: analysed.pagesDropped}
    const report = validateDossier(dossier, schema, {provinces: loadProvinces(), minDpi: MIN_DPI})
    const owner = dossierOwner(documents, options.ownerId)
    const issues = options.allowLowDpi ? allowLowResolution(report.issues) : [...report.issues]
    if (!owner.idNumber) issues.push(problem('run.owner-unknown', '', {agency: options.agency}, 'warning'))
    const valid = !issues.some((issue) => issue.severity === 'error')
    const procedure = {code: schema.code, name: schema.name}
    if (!valid && options.strict) {
      return {dossierCode: null, package: null, procedure, valid, documents: [], pagesDropped: dossier.pagesDropped, issues, exitCode: ExitCode.DossierInvalid}
    }

    const [dossierCode] = (await allocateDossierCodes({agency: options.agency, day: vietnamDay(now), dataDir: options.dataDir})).codes
    const codes = assignDigitisationCodes(documents, owner.idNumber ?? options.agency, schema.code)
    const recordDocuments: RecordDocument[] = documents.map((document, index) => ({
      kind: document.kind,
      confidence: document.confidence,
      evidence: document.evidence,
      componentCode: document.componentCode ?? null,
      code: codes[index]!,
      file: `documents/${codes[index]}.pdf`,
      textFile: `text/${codes[index]}.txt`,
      pages: document.pages,
      fields: document.fields,
      ...(document.review?.length ? {review: document.review} : {}),
    }))
    const record: DigitisationRecord = {
      recordVersion: RECORD_VERSION,
      procedure,
      dossierCode: dossierCode!,
      agency: options.agency,
      createdAt: isoVietnam(now),
      toolVersion: options.toolVersion,
      documents: recordDocuments,
      pagesDropped: dossier.pagesDropped,
      validation: {valid, issues},
    }
    const files = []
    for (const [index, entry] of analysed.documents.entries()) {
      const document = recordDocuments[index]!
      const pdf = await assemblePdf(entry.pages, {title: `${document.code} ${document.kind}`, creator: options.toolName, date: now, pdfa: true})
      files.push({path: document.file, bytes: pdf})
      files.push({path: document.textFile, bytes: new TextEncoder().encode(`${document.pages.map((page) => page.text).join('\n\f\n')}\n`)})
    }
    const hoso = buildHoSoRecord({record, field: {name: schema.field}, owner: {name: owner.name, idNumber: owner.idNumber}, receivedAt: now})
    const written = await writePackage({
      outDir: options.outDir,
      record,
      hoso,
      files,
      sourceOrganization: options.agency,
      softwareAgent: options.toolName,
      baggingDate: formatIsoDay(vietnamDay(now)),
      signing: options.signing,
    })
    return {
      dossierCode: record.dossierCode,
      package: written.path,
      procedure,
      valid,
      documents: recordDocuments.map((document) => ({
        kind: document.kind,
        confidence: document.confidence,
        componentCode: document.componentCode,
        code: document.code,
        file: path.join(written.path, 'data', document.file),
        pages: document.pages.length,
        review: document.review ?? [],
      })),
      pagesDropped: record.pagesDropped,
      issues,
      exitCode: valid ? ExitCode.Ok : ExitCode.DossierInvalid,
    }
  } finally {
    await Promise.allSettled([...new Set(pages.map((page) => page.file))].map((file) => file.close()))
  }
}

/** Every page of the dossier in input order; one unreadable file fails the dossier (SPEC §8). */
async function recognisePages(options: RunOptions): Promise<RecognisedPage[]> {
  const files = await recognise([options.input], options, async (file) => file)
  const failed = files.find((file) => file.status === 'failed')
  if (failed?.status === 'failed') {
    await Promise.allSettled(files.map(async (file) => (file.status === 'ok' ? file.file.close() : undefined)))
    throw new SohoaError(failed.error.code, failed.error.params, failed.error.exitCode as ExitCode)
  }
  return files.flatMap((file) => (file.status === 'ok' ? file.pages : []))
}
