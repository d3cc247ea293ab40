/**
 * The clerk's fixes to a dossier draft (`intake` step 4), as data that can be saved and
 * replayed: after one more paper is added and the dossier analysed again, the fixes made so
 * far still hold. Each names pages by their source (file, page), which a new round keeps.
 * Pure: a draft and edits in, a new draft out.
 */
import type {DossierDraft} from './dossier-draft.js'
import type {Document, FieldKey} from './dossier.js'
import type {PageSource} from './page.js'
import type {ProcedureSchema} from './procedure.js'
import {assignComponents} from './validate.js'

export type DraftEdit =
  /** The document starting at `page` is of `kind`. */
  | {type: 'kind'; page: PageSource; kind: string}
  /** `page` belongs to the document starting at `to`. */
  | {type: 'move'; page: PageSource; to: PageSource}
  /** `page` is not part of the dossier (listed as dropped by the clerk). */
  | {type: 'drop'; page: PageSource}
  /** The field of the document starting at `page` reads `value`, as the clerk says. */
  | {type: 'field'; page: PageSource; field: FieldKey; value: string; correctedAt: string}

/** Review reasons a clerk's choice of kind settles. */
const SETTLED_BY_KIND = new Set(['unknown-kind', 'low-confidence', 'ambiguous-kind'])

export function sameSource(a: PageSource, b: PageSource): boolean {
  return a.file === b.file && a.page === b.page
}

export function applyEdits(draft: DossierDraft, edits: readonly DraftEdit[], procedure: ProcedureSchema): DossierDraft {
  let documents = draft.documents.map((document) => ({...document, pages: [...document.pages], fields: {...document.fields}}))
  let pageRefs = draft.pageRefs.map((refs) => [...refs])
  const pagesDropped = [...draft.pagesDropped]
  const startingAt = (page: PageSource): number =>
    documents.findIndex((document) => document.pages[0] !== undefined && sameSource(document.pages[0].source, page))
  const holding = (page: PageSource): [number, number] => {
    for (const [index, document] of documents.entries()) {
      const position = document.pages.findIndex((entry) => sameSource(entry.source, page))
      if (position >= 0) return [index, position]
    }
    return [-1, -1]
  }
  const prune = (): void => {
    const keep = documents.map((document) => document.pages.length > 0)
    documents = documents.filter((_, index) => keep[index])
    pageRefs = pageRefs.filter((_, index) => keep[index])
  }
  for (const edit of edits) {
    if (edit.type === 'kind') {
      const index = startingAt(edit.page)
      if (index < 0) continue
      const document = documents[index]!
      const review = (document.review ?? []).filter((reason) => !SETTLED_BY_KIND.has(reason))
      documents[index] = {...document, kind: edit.kind, confidence: 1, review}
    } else if (edit.type === 'move' || edit.type === 'drop') {
      const [from, position] = holding(edit.page)
      if (from < 0) continue
      const [page] = documents[from]!.pages.splice(position, 1)
      const [ref] = pageRefs[from]!.splice(position, 1)
      if (edit.type === 'drop') {
        pagesDropped.push({source: page!.source, reason: 'clerk'})
      } else {
        const to = startingAt(edit.to)
        const target = to >= 0 ? to : from
        // Pages stay in their scan order within the document they join.
        const order = [
          ...pageRefs[target]!.map((value, at) => ({value, page: documents[target]!.pages[at]!})),
          {value: ref!, page: page!},
        ].sort((a, b) => a.value - b.value)
        pageRefs[target] = order.map((entry) => entry.value)
        documents[target]!.pages = order.map((entry) => entry.page)
      }
      prune()
    } else {
      const index = startingAt(edit.page)
      if (index < 0) continue
      documents[index] = correctField(documents[index]!, edit)
    }
  }
  return {...draft, documents: assignComponents(documents, procedure), pageRefs, pagesDropped}
}

function correctField(document: Document, edit: Extract<DraftEdit, {type: 'field'}>): Document {
  const earlier = (document.corrections ?? []).find((correction) => correction.field === edit.field)
  const current = document.fields[edit.field]
  // The machine's reading is kept from the first correction: a second one does not overwrite it.
  const read = current ? {value: current.value, source: current.source, confidence: current.confidence} : null
  const machine = earlier ? earlier.machine : read
  const corrections = [
    ...(document.corrections ?? []).filter((correction) => correction.field !== edit.field),
    {field: edit.field, value: edit.value, machine, correctedAt: edit.correctedAt},
  ]
  const first = document.pages[0]!
  return {
    ...document,
    fields: {
      ...document.fields,
      [edit.field]: {
        value: edit.value,
        source: 'clerk',
        page: current?.page ?? 1,
        sourcePage: current?.sourcePage ?? first.source,
        confidence: 1,
      },
    },
    review: (document.review ?? []).filter((reason) => reason !== 'field-conflict'),
    corrections,
  }
}
