/**
 * Stage 3 of a dossier, `finalise(draft)`: validate under the run's policy, allocate the
 * dossier code (only once everything before packaging has succeeded), produce the PDFs and
 * texts, and write the bag. A dossier that fails validation is still packaged with its
 * issues recorded, unless strict.
 */
import {mkdir, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {formatIsoDay, vietnamDay} from '../core/calendar.js'
import type {CodeAllocator} from '../core/code-allocator.js'
import {type Checklist, dossierChecklist} from '../core/checklist.js'
import {assignDigitisationCodes, dossierOwner, type DossierOwner} from '../core/digitisation.js'
import type {DossierDraft, PageRecord} from '../core/dossier-draft.js'
import type {Dossier, ValidationReport} from '../core/dossier.js'
import {ExitCode} from '../core/exit-codes.js'
import {type DeskSchedule, deskSchedule, hosoFromRecord} from '../core/hoso-record.js'
import type {ProcedureSchema} from '../core/procedure.js'
import type {Problem} from '../core/problem.js'
import {type DigitisationRecord, RECORD_VERSION, type RecordDocument} from '../core/record.js'
import {REVIEW_SHEET_FILE, type ReviewSheetRenderer} from '../core/review-sheet.js'
import {validateDossier, type ValidationPolicy} from '../core/validate.js'
import {isoVietnam} from '../core/vietnam-time.js'
import {loadHolidayCalendar, loadProvinces} from '../tools/package-data.js'
import {assembleDraftPdf} from './draft-pdf.js'
import {type PackageFile, writePackage} from './package.js'
import {SourcePdfs} from './page-store.js'
import {buildReviewSheet} from './review-sheet.js'
import type {DocumentSigning} from './sign-documents.js'

export const MIN_DPI = 200

export interface FinaliseOptions {
  workDir: string
  outDir: string
  procedure: ProcedureSchema
  allocator: CodeAllocator
  allowLowDpi: boolean
  strict: boolean
  software: string
  /** Reception time. */
  now: Date
  /** The digitiser's key: each document PDF is signed (PAdES) as it goes into the bag. */
  signing?: DocumentSigning
  /** Recorded in bag-info (Internal-Sender-Identifier): the queued dossier's input identity. */
  senderIdentifier?: string
  /** Turns the review sheet's data into data/review.html (src/ui/review-sheet.ts, in the user's language). */
  renderReview: ReviewSheetRenderer
}

export interface DraftJudgement {
  owner: DossierOwner
  policy: ValidationPolicy
  report: ValidationReport
  schedule: DeskSchedule
  /** Validation's issues and the schedule's. */
  issues: Problem[]
  checklist: Checklist
}

/** Validation under the run's policy, the desk schedule and the checklist: what both a package and a review sheet show. */
export function judgeDraft(
  draft: DossierDraft,
  schema: ProcedureSchema,
  options: Pick<FinaliseOptions, 'now' | 'allowLowDpi'>,
): DraftJudgement {
  const {documents} = draft
  const owner = dossierOwner(documents, draft.ownerId)
  const policy: ValidationPolicy = {minDpi: MIN_DPI, allowLowDpi: options.allowLowDpi, ownerIdGiven: draft.ownerId !== undefined}
  const dossier: Dossier = {procedure: schema.code, documents, pagesDropped: draft.pagesDropped}
  const report = validateDossier(dossier, schema, {
    provinces: loadProvinces(),
    now: options.now,
    minDpi: policy.minDpi,
    allowLowDpi: policy.allowLowDpi,
    owner: {idNumber: owner.idNumber, agency: draft.agency},
  })
  // NgayHenTra, DanhSachLePhi and MaLinhVuc of hoso.json, from the procedure's direct channel.
  const schedule = deskSchedule(schema, options.now, loadHolidayCalendar())
  const issues = [...report.issues, ...schedule.problems]
  return {owner, policy, report, schedule, issues, checklist: dossierChecklist(documents, schema, report.caseIndex)}
}

export interface FinalisedDocument {
  kind: string
  confidence: number
  componentCode: string | null
  code: string
  file: string
  pages: number
  review: string[]
}

export interface FinaliseResult {
  dossierCode: string | null
  package: string | null
  /** The review sheet: in the bag, or alone with `--review-only`. */
  reviewSheet: string | null
  procedure: {code: string; name: string}
  valid: boolean
  documents: FinalisedDocument[]
  pagesDropped: DigitisationRecord['pagesDropped']
  issues: Problem[]
  exitCode: number
}

export async function finaliseDossier(
  draft: DossierDraft,
  pages: readonly PageRecord[],
  options: FinaliseOptions,
): Promise<FinaliseResult> {
  const {now, procedure: schema} = options
  const {documents} = draft
  const {owner, policy, report, schedule, issues, checklist} = judgeDraft(draft, schema, options)
  const dossier: Dossier = {procedure: schema.code, documents, pagesDropped: draft.pagesDropped}
  const {valid} = report
  const procedure = draft.procedure
  if (!valid && options.strict) {
    return {
      dossierCode: null,
      package: null,
      reviewSheet: null,
      procedure,
      valid,
      documents: [],
      pagesDropped: dossier.pagesDropped,
      issues,
      exitCode: ExitCode.DossierInvalid,
    }
  }

  const dossierCode = await options.allocator.allocate(draft.agency, vietnamDay(now))
  const codes = assignDigitisationCodes(documents, owner.idNumber ?? draft.agency, schema.code)
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
    ...(document.corrections?.length ? {corrections: document.corrections} : {}),
  }))
  const record: DigitisationRecord = {
    recordVersion: RECORD_VERSION,
    procedure,
    dossierCode,
    agency: draft.agency,
    createdAt: isoVietnam(now),
    toolVersion: options.software,
    reception: {
      owner: {name: owner.name, ...(owner.idNumber ? {idNumber: owner.idNumber} : {})},
      field: schedule.field,
      ...(schedule.dueAt ? {dueAt: isoVietnam(schedule.dueAt)} : {}),
      fees: schedule.fees,
    },
    documents: recordDocuments,
    reviewSheet: REVIEW_SHEET_FILE,
    pagesDropped: dossier.pagesDropped,
    validation: {valid, issues, policy},
  }
  const files = await producePayload(draft, pages, recordDocuments, options)
  const {workDir} = options
  const sheet = await buildReviewSheet({draft, pages, workDir, codes, dossierCode, createdAt: record.createdAt, checklist, issues})
  files.push({path: REVIEW_SHEET_FILE, bytes: new TextEncoder().encode(options.renderReview(sheet))})
  const hoso = hosoFromRecord(record)
  const written = await writePackage({
    outDir: options.outDir,
    record,
    hoso,
    files,
    sourceOrganization: draft.agency,
    softwareAgent: options.software,
    baggingDate: formatIsoDay(vietnamDay(now)),
    signing: options.signing,
    senderIdentifier: options.senderIdentifier,
  })
  return {
    dossierCode,
    package: written.path,
    reviewSheet: path.join(written.path, 'data', REVIEW_SHEET_FILE),
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
}

/**
 * The documents' PDFs and texts, written to `<work>/payload/` and packaged from there. This
 * is where PDFs are produced; writePackage signs them (PAdES) when asked, before it hashes them.
 */
async function producePayload(
  draft: DossierDraft,
  pages: readonly PageRecord[],
  documents: readonly RecordDocument[],
  options: Pick<FinaliseOptions, 'workDir' | 'software' | 'now'>,
): Promise<PackageFile[]> {
  const payloadDir = path.join(options.workDir, 'payload')
  // A resumed dossier may have left a payload from an earlier try; it is made again whole.
  await rm(payloadDir, {recursive: true, force: true})
  const sources = new SourcePdfs()
  const files: PackageFile[] = []
  for (const [index, document] of documents.entries()) {
    const documentPages = draft.pageRefs[index]!.map((ref) => pages[ref]!)
    const pdf = await assembleDraftPdf(
      options.workDir,
      documentPages,
      {title: `${document.code} ${document.kind}`, creator: options.software, date: options.now, pdfa: true},
      sources,
    )
    for (const [relative, bytes] of [
      [document.file, pdf],
      [document.textFile, new TextEncoder().encode(`${document.pages.map((page) => page.text).join('\n\f\n')}\n`)],
    ] as const) {
      const file = path.join(payloadDir, ...relative.split('/'))
      await mkdir(path.dirname(file), {recursive: true})
      await writeFile(file, bytes)
      files.push({path: relative, source: file})
    }
  }
  return files
}
