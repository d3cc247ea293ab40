/**
 * Stage 2 of a dossier, `analyse`: saved page records → a dossier draft (JSON, saved as
 * `draft.json` in the work folder): documents split, classified, their fields extracted, and
 * each matched to a component of the procedure. Page images are read back one at a time.
 */
import path from 'node:path'

import type {DossierDraft, PageRecord} from '../core/dossier-draft.js'
import {DRAFT_VERSION} from '../core/dossier-draft.js'
import type {SplitMode} from '../core/dossier.js'
import type {ProcedureSchema} from '../core/procedure.js'
import {assignComponents} from '../core/validate.js'
import {writeJsonAtomic} from '../tools/atomic-file.js'
import type {ImageSource} from '../tools/images.js'
import {acquireFile, type AcquiredFile} from './acquire.js'
import {analysePages} from './analyse.js'
import {savedPage} from './page-store.js'

export const DRAFT_FILE = 'draft.json'

export interface AnalyseDraftOptions {
  input: string
  workDir: string
  split: SplitMode
  procedure: ProcedureSchema
  agency: string
  ownerId?: string
  /** `--keep-blank`: blank pages stay in their documents. */
  keepBlank?: boolean
}

export async function analyseDraft(records: readonly PageRecord[], options: AnalyseDraftOptions): Promise<DossierDraft> {
  const opened = new Map<string, Promise<AcquiredFile>>()
  const render = async (record: PageRecord): Promise<ImageSource | undefined> => {
    if (record.archival.kind !== 'pdf-page') return undefined
    let file = opened.get(record.inputFile)
    if (!file) {
      file = acquireFile({path: record.inputFile, name: record.result.source.file})
      opened.set(record.inputFile, file)
    }
    try {
      const page = await (await file).page(record.archival.index)
      if (page.kind !== 'pdf') return undefined
      const rendered = await page.render(page.dpi)
      return {raw: {data: rendered.data, width: rendered.width, height: rendered.height, channels: 4}}
    } catch {
      // A page the renderer cannot draw has no readable QR code; its OCR text still counts.
      return undefined
    }
  }
  try {
    const analyseOptions = {split: options.split, keepBlank: options.keepBlank}
    const analysed = await analysePages(records, analyseOptions, savedPage(options.workDir, render))
    const documents = assignComponents(
      analysed.documents.map((entry) => entry.document),
      options.procedure,
    )
    const draft: DossierDraft = {
      draftVersion: DRAFT_VERSION,
      input: options.input,
      procedure: {code: options.procedure.code, name: options.procedure.name},
      agency: options.agency,
      ...(options.ownerId ? {ownerId: options.ownerId} : {}),
      documents,
      pageRefs: analysed.documents.map((entry) => entry.pages.map((page) => page.index)),
      pagesDropped: analysed.pagesDropped,
      pageCount: records.length,
    }
    await writeJsonAtomic(path.join(options.workDir, DRAFT_FILE), draft)
    return draft
  } finally {
    await Promise.allSettled([...opened.values()].map(async (file) => (await file).close()))
  }
}
