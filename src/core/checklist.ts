/**
 * The checklist of a dossier: each component (thành phần hồ sơ) of the procedure's case with
 * what the dossier holds for it. Found ✓, missing ✗, doubtful ? (found but worth a second
 * look, or a paper no document kind stands for, which the clerk checks by hand), or absent
 * (optional and not brought). Pure; the review sheet and `intake` show it.
 */
import type {Document} from './dossier.js'
import type {ProcedureSchema} from './procedure.js'
import {chooseCase} from './validate.js'

export type ChecklistStatus = 'found' | 'missing' | 'doubtful' | 'absent'

export interface ChecklistEntry {
  componentCode: string
  name: string
  required: boolean
  /** Only shown to the clerk, not handed in. */
  presentOnly: boolean
  status: ChecklistStatus
  /** Indexes of the documents that satisfy it. */
  documents: number[]
}

export interface Checklist {
  caseIndex: number
  caseName: string
  entries: ChecklistEntry[]
}

/** A kind read with less confidence than this is worth a second look (as validation judges it). */
const DOUBTFUL_BELOW = 0.6

export function dossierChecklist(documents: readonly Document[], procedure: ProcedureSchema, caseIndex?: number): Checklist {
  const chosen = chooseCase(documents, procedure, caseIndex)
  const entry = procedure.cases[chosen]
  const entries = (entry?.components ?? []).map((component): ChecklistEntry => {
    const matched = documents.flatMap((document, index) => (document.componentCode === component.code ? [index] : []))
    const doubtful = matched.some((index) => {
      const document = documents[index]!
      return document.confidence < DOUBTFUL_BELOW || (document.review?.length ?? 0) > 0
    })
    let status: ChecklistStatus
    if (matched.length > 0) status = doubtful ? 'doubtful' : 'found'
    else if (component.kinds.length === 0) status = 'doubtful'
    else status = component.required ? 'missing' : 'absent'
    return {
      componentCode: component.code,
      name: component.name,
      required: component.required,
      presentOnly: component.mode === 'present',
      status,
      documents: matched,
    }
  })
  return {caseIndex: chosen, caseName: entry?.name ?? '', entries}
}

/** The required papers the dossier lacks: what "thiếu giấy tờ" lists. */
export function missingPapers(checklist: Checklist): ChecklistEntry[] {
  return checklist.entries.filter((entry) => entry.status === 'missing')
}
