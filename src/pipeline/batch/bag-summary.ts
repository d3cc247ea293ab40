/** What a bag in place says about its dossier (code, validity, pages, documents), read from its data/sohoa.json. */
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import type {DigitisationRecord} from '../../core/record.js'

export interface BagSummary {
  code: string
  valid: boolean
  pages: number
  documents: number
  /** Validation errors' codes. */
  issues: string[]
}

export async function bagSummary(bag: string): Promise<BagSummary> {
  const record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8')) as DigitisationRecord
  return {
    code: record.dossierCode,
    valid: record.validation.valid,
    pages: record.documents.reduce((sum, document) => sum + document.pages.length, 0) + record.pagesDropped.length,
    documents: record.documents.length,
    issues: record.validation.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.code),
  }
}
