/** Classify: a document's pages → its kind, a confidence and the evidence (SPEC §2 step 5). */
import type {AnalysisPage, Evidence, ReviewReason} from '../core/dossier.js'
import {UNKNOWN_KIND} from '../core/dossier.js'
import type {DocumentKind} from '../core/document-kind.js'

export interface Classification {
  kind: string
  confidence: number
  evidence: Evidence[]
  review: ReviewReason[]
}

export function classifyDocument(pages: readonly AnalysisPage[], kinds: readonly DocumentKind[]): Classification {
  void pages
  void kinds
  return {kind: UNKNOWN_KIND, confidence: 0, evidence: [], review: ['unknown-kind']}
}
