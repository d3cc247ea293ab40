/**
 * The review sheet's data (src/core/review-sheet.ts) from a dossier draft and its saved pages:
 * each page as a small JPEG thumbnail (a data: URI, so the sheet stays one self-contained
 * file), each document's kind, confidence, code and fields, the checklist and the issues.
 */
import type {Checklist} from '../core/checklist.js'
import type {DossierDraft, PageRecord} from '../core/dossier-draft.js'
import {FIELD_KEYS} from '../core/dossier.js'
import type {Problem} from '../core/problem.js'
import type {ReviewDocument, ReviewField, ReviewSheet} from '../core/review-sheet.js'
import {jpegThumbnail} from '../tools/images.js'
import {loadDocumentKinds} from '../tools/package-data.js'
import {loadArchivalImage} from './page-store.js'

/** Longest side of a thumbnail: readable enough to tell a paper, small enough for a light sheet. */
const THUMBNAIL_SIZE = 240

export interface ReviewSheetInput {
  draft: DossierDraft
  pages: readonly PageRecord[]
  workDir: string
  /** Each document's digitisation code, in draft order. */
  codes: readonly string[]
  dossierCode: string | null
  createdAt: string
  checklist: Checklist
  issues: Problem[]
  /** Leave thumbnails out (what `intake` shows on a terminal). */
  thumbnails?: boolean
}

export async function buildReviewSheet(input: ReviewSheetInput): Promise<ReviewSheet> {
  const kindNames = new Map(loadDocumentKinds().map((kind) => [kind.id, kind.name]))
  const documents: ReviewDocument[] = []
  for (const [index, document] of input.draft.documents.entries()) {
    const refs = input.draft.pageRefs[index] ?? []
    const pages: ReviewDocument['pages'] = []
    for (const [position, ref] of refs.entries()) {
      const record = input.pages[ref]
      const page = document.pages[position]
      if (!record || !page) continue
      const image = input.thumbnails === false ? null : await thumbnail(input.workDir, record)
      pages.push({source: page.source, dpi: page.dpi, thumbnail: image})
    }
    documents.push({
      kind: document.kind,
      kindName: kindNames.get(document.kind) ?? document.kind,
      confidence: document.confidence,
      code: input.codes[index] ?? '',
      componentCode: document.componentCode ?? null,
      fields: reviewFields(document),
      review: document.review ?? [],
      pages,
    })
  }
  return {
    dossierCode: input.dossierCode,
    procedure: input.draft.procedure,
    agency: input.draft.agency,
    createdAt: input.createdAt,
    documents,
    checklist: input.checklist,
    issues: input.issues,
    pagesDropped: input.draft.pagesDropped,
  }
}

function reviewFields(document: DossierDraft['documents'][number]): ReviewField[] {
  const corrections = new Map((document.corrections ?? []).map((correction) => [correction.field, correction]))
  return FIELD_KEYS.flatMap((key): ReviewField[] => {
    const field = document.fields[key]
    if (!field) return []
    const correction = corrections.get(key)
    return [
      {
        key,
        value: field.value,
        source: field.source,
        confidence: field.confidence,
        ...(correction ? {machineValue: correction.machine?.value ?? ''} : {}),
      },
    ]
  })
}

async function thumbnail(workDir: string, record: PageRecord): Promise<string | null> {
  const image = await loadArchivalImage(workDir, record)
  if (!image) return null
  const source =
    image.kind !== 'raw'
      ? {bytes: image.bytes, page: 0}
      : {raw: {data: image.data, width: image.width, height: image.height, channels: image.channels}}
  const jpeg = await jpegThumbnail(source, THUMBNAIL_SIZE)
  return `data:image/jpeg;base64,${Buffer.from(jpeg).toString('base64')}`
}
