/** Validate a dossier against its procedure schema (SPEC §2 step 8, §5). Pure. */
import type {Province} from './citizen-id.js'
import type {Document, Dossier, ValidationReport} from './dossier.js'
import type {ProcedureSchema} from './procedure.js'

export interface ValidateOptions {
  provinces: readonly Province[]
  /** Thông tư 01/2023/TT-VPCP Điều 8: at least 200 dpi. */
  minDpi?: number
}

/** Each document with the component (MAGIAYTO) of the procedure it satisfies, if any. */
export function assignComponents(documents: readonly Document[], procedure: ProcedureSchema, caseIndex?: number): Document[] {
  void procedure
  void caseIndex
  return [...documents]
}

export function validateDossier(dossier: Dossier, procedure: ProcedureSchema, options: ValidateOptions): ValidationReport {
  void dossier
  void procedure
  void options
  return {valid: true, issues: []}
}
