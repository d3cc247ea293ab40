/**
 * `run --review-only`: the review sheet alone, as `<out>/review.html`, for a dossier that is
 * not packaged yet. The same validation and checklist as a package's sheet; no dossier code is
 * allocated (the sheet says so), and digitisation codes are shown as they would be.
 */
import path from 'node:path'

import {assignDigitisationCodes} from '../core/digitisation.js'
import type {DossierDraft, PageRecord} from '../core/dossier-draft.js'
import {ExitCode} from '../core/exit-codes.js'
import type {ProcedureSchema} from '../core/procedure.js'
import {REVIEW_SHEET_FILE, type ReviewSheetRenderer} from '../core/review-sheet.js'
import {isoVietnam} from '../core/vietnam-time.js'
import {writeFileAtomic} from '../tools/atomic-file.js'
import {type FinaliseResult, judgeDraft} from './finalise-dossier.js'
import {buildReviewSheet} from './review-sheet.js'

export interface ReviewOnlyOptions {
  workDir: string
  outDir: string
  procedure: ProcedureSchema
  allowLowDpi: boolean
  now: Date
  renderReview: ReviewSheetRenderer
}

export async function writeReviewOnly(
  draft: DossierDraft,
  pages: readonly PageRecord[],
  options: ReviewOnlyOptions,
): Promise<FinaliseResult> {
  const {owner, report, issues, checklist} = judgeDraft(draft, options.procedure, options)
  const codes = assignDigitisationCodes(draft.documents, owner.idNumber ?? draft.agency, options.procedure.code)
  const createdAt = isoVietnam(options.now)
  const sheet = await buildReviewSheet({draft, pages, workDir: options.workDir, codes, dossierCode: null, createdAt, checklist, issues})
  const file = path.join(options.outDir, REVIEW_SHEET_FILE)
  await writeFileAtomic(file, options.renderReview(sheet))
  return {
    dossierCode: null,
    package: null,
    reviewSheet: file,
    procedure: draft.procedure,
    valid: report.valid,
    documents: draft.documents.map((document, index) => ({
      kind: document.kind,
      confidence: document.confidence,
      componentCode: document.componentCode ?? null,
      code: codes[index]!,
      file: '',
      pages: document.pages.length,
      review: document.review ?? [],
    })),
    pagesDropped: draft.pagesDropped,
    issues,
    exitCode: report.valid ? ExitCode.Ok : ExitCode.DossierInvalid,
  }
}
