/**
 * A dossier between its stages, as plain JSON (SPEC §2): `recognise` leaves page records
 * (each page's archival image and OCR result sit in a work folder), `analyse` turns them
 * into a draft, and `finalise(draft)` validates, codes and packages it. A resumed batch and
 * the clerk's review both start from a saved draft; nothing here holds pixels or handles.
 */
import type {Document} from './dossier.js'
import type {DroppedPage, OcrResult, PageResult} from './page.js'

export const DRAFT_VERSION = 1

/** Where a page's archival image is: a file in the work folder, or a page of the input PDF copied as it is. */
export type ArchivalRef =
  | {kind: 'jpeg' | 'ccitt'; file: string; width: number; height: number}
  | {kind: 'raw'; file: string; width: number; height: number; channels: 1 | 3}
  | {kind: 'pdf-page'; input: string; index: number; pixelToPdf: [number, number, number, number, number, number] | null}

/** One recognised page: what the record reports, what OCR saw (in the archival frame), where its image is. */
export interface PageRecord {
  /** 0-based position in the dossier, in input order. */
  index: number
  /** The input file it came from (path as given). */
  inputFile: string
  result: PageResult
  ocr: OcrResult | null
  archival: ArchivalRef
  /** The page's colour as archived; null when it is an input PDF page kept as it is. */
  colour: 'colour' | 'grey' | null
}

export interface DossierDraft {
  draftVersion: typeof DRAFT_VERSION
  input: string
  procedure: {code: string; name: string}
  agency: string
  /** The owner's ID as the clerk gave it; absent when it is to be read from the papers. */
  ownerId?: string
  /** Documents with their kinds, fields and the components they satisfy. */
  documents: Document[]
  /** For each document, the indexes of its pages in the page records. */
  pageRefs: number[][]
  pagesDropped: DroppedPage[]
  pageCount: number
}
