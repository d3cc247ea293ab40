/**
 * What the review sheet (`data/review.html`, SPEC §6) shows: plain data, gathered by the
 * pipeline and turned into HTML by a renderer in src/ui (the pipeline knows it only as the
 * ReviewSheetRenderer port, so that it never formats text for people itself).
 */
import type {Checklist} from './checklist.js'
import type {FieldKey, ReviewReason} from './dossier.js'
import type {DroppedPage, PageSource} from './page.js'
import type {Problem} from './problem.js'

export const REVIEW_SHEET_FILE = 'review.html'

export interface ReviewField {
  key: FieldKey
  value: string
  source: 'qr' | 'ocr' | 'clerk'
  confidence: number
  /** The machine's reading, when the clerk corrected it. */
  machineValue?: string
}

export interface ReviewDocument {
  kind: string
  /** The kind's Vietnamese name from the catalogue. */
  kindName: string
  confidence: number
  /** Digitisation code; the owner's ID at its start is masked by the renderer. */
  code: string
  componentCode: string | null
  fields: ReviewField[]
  review: ReviewReason[]
  pages: Array<{source: PageSource; dpi: number; thumbnail: string | null}>
}

export interface ReviewSheet {
  /** Null for `run --review-only`, which allocates no code. */
  dossierCode: string | null
  procedure: {code: string; name: string}
  agency: string
  createdAt: string
  documents: ReviewDocument[]
  checklist: Checklist
  issues: Problem[]
  pagesDropped: DroppedPage[]
}

export type ReviewSheetRenderer = (sheet: ReviewSheet) => string
