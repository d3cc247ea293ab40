/**
 * Analyse: recognised pages → documents (split → classify → extract). What `classify` and
 * `run` call; each document keeps its recognised pages so that `run` can build its PDF.
 */
import type {Document, SplitMode} from '../core/dossier.js'
import type {DocumentKind} from '../core/document-kind.js'
import type {DroppedPage} from '../core/page.js'
import type {RecognisedPage} from './recognise.js'

export interface AnalyseOptions {
  split: SplitMode
  /** The catalogue; read from templates/document-kinds when absent. */
  kinds?: readonly DocumentKind[]
  /** Look for ID-card QR codes on page images (on by default). */
  readQr?: boolean
}

export interface AnalysedDocument {
  document: Document
  /** The recognised pages of the document, in order (same order as document.pages). */
  pages: RecognisedPage[]
}

export interface AnalysedDossier {
  documents: AnalysedDocument[]
  /** Blank pages left out (separator sheets included), SPEC §2 step 2. */
  pagesDropped: DroppedPage[]
}

export async function analyseDossier(pages: readonly RecognisedPage[], options: AnalyseOptions): Promise<AnalysedDossier> {
  void pages
  void options
  return {documents: [], pagesDropped: []}
}
