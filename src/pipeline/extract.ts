/** Extract: fields of a classified document, QR payload first, OCR text second (SPEC §2 step 6). */
import type {Province} from '../core/citizen-id.js'
import type {AnalysisPage, DocumentFields} from '../core/dossier.js'
import type {DocumentKind} from '../core/document-kind.js'

export interface ExtractOptions {
  provinces: readonly Province[]
}

/** Pure: QR payloads must already be on the pages (`page.qr`, see decodePageQr in analyse.ts). */
export function extractFields(pages: readonly AnalysisPage[], kind: DocumentKind | undefined, options: ExtractOptions): DocumentFields {
  void pages
  void kind
  void options
  return {}
}
