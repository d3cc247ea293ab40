/** Split: a page stack → documents (SPEC §2 step 4). */
import type {AnalysisPage, PageGroup, SplitMode} from '../core/dossier.js'
import type {DocumentKind} from '../core/document-kind.js'

export function splitPages<P extends AnalysisPage>(pages: readonly P[], mode: SplitMode, kinds: readonly DocumentKind[]): PageGroup<P>[] {
  void kinds
  if (mode === 'per-file') return []
  return pages.length ? [{pages: [...pages], reason: 'first-page'}] : []
}
