/**
 * A dossier (hồ sơ) in memory, between OCR and the package: its documents, each with a kind
 * (SPEC §4), the evidence for it, the fields read from it and the pages it is made of. Plain
 * serialisable data; `data/sohoa.json` (SPEC §6) is this plus codes, file names and the
 * validation report.
 *
 * The stages that fill it, each callable on its own:
 * - `splitPages(pages, mode, kinds)`           src/pipeline/split.ts     pages → page groups
 * - `classifyDocument(pages, kinds)`           src/pipeline/classify.ts  kind, confidence, evidence
 * - `extractFields(pages, kind, options)`      src/pipeline/extract.ts   fields with provenance
 * - `validateDossier(dossier, procedure, opt)` src/core/validate.ts      issues
 * - `analyseDossier(recognisedPages, options)` src/pipeline/analyse.ts   split → classify → extract
 */
import type {Box, DroppedPage, PageSource} from './page.js'
import type {Problem} from './problem.js'

/** The kind given to a document no catalogue entry matches well enough; always flagged for review. */
export const UNKNOWN_KIND = 'unknown'

/** Field keys of SPEC §4. */
export const FIELD_KEYS = [
  'idNumber',
  'oldIdNumber',
  'fullName',
  'dateOfBirth',
  'gender',
  'permanentAddress',
  'issueDate',
  'requesterName',
  'requesterIdNumber',
  'childName',
  'childDateOfBirth',
  'deceasedName',
] as const
export type FieldKey = (typeof FIELD_KEYS)[number]

/** Fields holding a date, always written YYYY-MM-DD. */
export const DATE_FIELDS: readonly FieldKey[] = ['dateOfBirth', 'issueDate', 'childDateOfBirth']
/** Fields holding a 12-digit personal ID. */
export const ID_FIELDS: readonly FieldKey[] = ['idNumber', 'requesterIdNumber']
/** Fields holding a person's name. */
export const NAME_FIELDS: readonly FieldKey[] = ['fullName', 'requesterName', 'childName', 'deceasedName']

/** A value read from a document, and where it came from. */
export interface ExtractedField {
  value: string
  /** `qr`: the ID card's QR payload; `ocr`: recognised text; `clerk`: typed by the clerk over the machine's reading. */
  source: 'qr' | 'ocr' | 'clerk'
  /** 1-based page within the document. */
  page: number
  /** The input page it was read on. */
  sourcePage: PageSource
  /** 0–1: 1 for a QR payload that parsed; OCR word confidence otherwise. */
  confidence: number
  /** The label or QR field it was read from ("Số định danh cá nhân", "qr:2"). */
  label?: string
  /** On a two-party form: each party's reading, in the order they come on the form ('' when not read). */
  parties?: string[]
  /** The OCR reading, when the QR gave the value and OCR read something else (cross-check). */
  ocrValue?: string
  /**
   * The name as OCR read it was taken for the one on this document's ID card (same letters,
   * diacritics lost or misread) and written as the card's QR code spells it.
   */
  spelledAs?: {document: number; field: FieldKey}
}

export type DocumentFields = Partial<Record<FieldKey, ExtractedField>>

/** Why a kind was chosen (or not): what matched, and where. */
export interface Evidence {
  type: 'title' | 'form-number' | 'keyword' | 'negative-keyword' | 'qr' | 'id-card-side'
  /** The catalogue's pattern. */
  pattern: string
  /** The text that matched it, as OCR read it. */
  found: string
  /** 1-based page within the document, and 1-based line on that page. */
  page: number
  line: number
  /** `title`: the top of the document's first page; `body`: anywhere else. */
  zone: 'title' | 'body'
  /** How it matched: as written, with diacritics folded away, or within a small edit distance. */
  match: 'exact' | 'folded' | 'fuzzy'
  /** Edit distance on folded text (0 unless fuzzy). */
  distance: number
  /** Contribution to the kind's score (negative for a negative keyword). */
  weight: number
}

/** Why a document needs a person to look at it. */
export type ReviewReason = 'unknown-kind' | 'low-confidence' | 'ambiguous-kind' | 'field-conflict' | 'qr-unreadable'

/** One line of text on a page, with its box in the page's pixels when OCR gave one. */
export interface TextLine {
  text: string
  bbox?: Box
  /** Mean word confidence 0–100, when known. */
  confidence?: number
}

/** A page as analysis sees it: its text in lines, where it came from, how it was scanned. */
export interface AnalysisPage {
  source: PageSource
  text: string
  lines: TextLine[]
  /** Mean word confidence 0–100; null when the text came from a PDF's own layer. */
  confidence: number | null
  blank: boolean
  dpi: number
  width: number
  height: number
  rotation: number
  skew: number
  /** `colour` (3 channels) or `grey`; undefined when not known (a PDF page kept as it is). */
  colour?: 'colour' | 'grey'
  /** QR payloads decoded on the page (filled by extract, or by split when it looks for ID cards). */
  qr?: string[]
}

/** A page as the record keeps it (SPEC §6 `pages[]`). */
export interface DocumentPage {
  source: PageSource
  text: string
  confidence: number | null
  rotation: number
  skew: number
  dpi: number
  width?: number
  height?: number
  colour?: 'colour' | 'grey'
}

/** How split decided that a document starts on its first page. */
export type SplitReason = 'first-page' | 'separator' | 'title' | 'id-card' | 'file'

export interface Document {
  kind: string
  /** 0–1. */
  confidence: number
  evidence: Evidence[]
  pages: DocumentPage[]
  fields: DocumentFields
  /** The procedure component it satisfies (MAGIAYTO), once matched against a procedure. */
  componentCode?: string
  /** Set by coding/packaging (SPEC §3.3, §6); not needed to validate. */
  code?: string
  file?: string
  splitReason?: SplitReason
  /** Empty or absent when nothing needs a second look. */
  review?: ReviewReason[]
  /** Fields the clerk corrected (`intake`); `fields` holds the corrected values. */
  corrections?: FieldCorrection[]
}

/** A clerk's correction of a field, keeping what the machine read (null when it read nothing). */
export interface FieldCorrection {
  field: FieldKey
  value: string
  machine: {value: string; source: 'qr' | 'ocr' | 'clerk'; confidence: number} | null
  /** ISO 8601, Asia/Ho_Chi_Minh offset. */
  correctedAt: string
}

export interface Dossier {
  /** Procedure code (`1.001193`). */
  procedure: string
  documents: Document[]
  pagesDropped: DroppedPage[]
  /** Index of the procedure's case (trường hợp) the dossier follows, when the clerk said. */
  caseIndex?: number
}

/** A validation issue: a Problem with its message and hint filled in both languages at the edge. */
export type ValidationIssue = Problem

export interface ValidationReport {
  valid: boolean
  issues: ValidationIssue[]
  /** The case the dossier was checked against. */
  caseIndex?: number
}

/** `--split`: how a page stack becomes documents. */
export type SplitMode = 'auto' | 'per-file'
export const SPLIT_MODES: readonly SplitMode[] = ['auto', 'per-file']

/** A run of pages that split put together, before classification. */
export interface PageGroup<P> {
  pages: P[]
  reason: SplitReason
}

export function documentPage(page: AnalysisPage): DocumentPage {
  const kept: DocumentPage = {
    source: page.source,
    text: page.text,
    confidence: page.confidence,
    rotation: page.rotation,
    skew: page.skew,
    dpi: page.dpi,
    width: page.width,
    height: page.height,
  }
  if (page.colour) kept.colour = page.colour
  return kept
}

/** A field's plain value, for comparisons. */
export function fieldValue(document: Pick<Document, 'fields'>, key: FieldKey): string | undefined {
  return document.fields[key]?.value
}
