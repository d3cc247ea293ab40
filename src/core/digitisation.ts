/**
 * The code step (SPEC §2 step 7, §3.3): whose dossier it is, and the digitisation code of
 * each document, `<owner ID>.<procedure>.<component>.<NN>` with NN counting documents that
 * share the same prefix. Pure.
 */
import {buildComponentDigitisationCode} from './codes.js'
import {type Document, fieldValue} from './dossier.js'

/** Component code for a document that matched no component of the procedure (khác: other). */
export const OTHER_COMPONENT = 'KHAC'

export interface DossierOwner {
  name: string
  /** 12-digit personal ID when known. */
  idNumber: string | undefined
}

/** The applicant as the papers say: the application form first, then the ID card. */
export function dossierOwner(documents: ReadonlyArray<Pick<Document, 'kind' | 'fields'>>, givenId?: string): DossierOwner {
  const first = (read: (document: Pick<Document, 'kind' | 'fields'>) => string | undefined): string | undefined =>
    documents.map(read).find((value) => value !== undefined && value !== '')
  const idNumber =
    givenId ??
    first((document) => fieldValue(document, 'requesterIdNumber')) ??
    first((document) => (document.kind === 'cccd' ? fieldValue(document, 'idNumber') : undefined))
  const name =
    first((document) => fieldValue(document, 'requesterName')) ??
    first((document) => (document.kind === 'cccd' ? fieldValue(document, 'fullName') : undefined)) ??
    ''
  return {name, idNumber}
}

/** Codes in document order; `owner` is the personal ID, or the agency when none is known. */
export function assignDigitisationCodes(documents: ReadonlyArray<Pick<Document, 'componentCode'>>, owner: string, procedure: string): string[] {
  const used = new Map<string, number>()
  return documents.map((document) => {
    const component = document.componentCode ?? OTHER_COMPONENT
    const key = `${owner}|${component}`
    const sequence = (used.get(key) ?? 0) + 1
    used.set(key, sequence)
    return buildComponentDigitisationCode({owner, procedure, component, sequence})
  })
}
