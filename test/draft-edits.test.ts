/** The clerk's fixes to a draft (core/draft-edits.ts) and the checklist they lead to (core/checklist.ts). */
import {beforeAll, describe, expect, it} from 'vitest'

import {dossierChecklist, missingPapers} from '../src/core/checklist.js'
import {DRAFT_VERSION, type DossierDraft} from '../src/core/dossier-draft.js'
import {applyEdits} from '../src/core/draft-edits.js'
import type {ProcedureSchema} from '../src/core/procedure.js'
import {lookupProcedure} from '../src/pipeline/procedure-catalogue.js'
import {doc, recordPage} from './helpers/dossier-pages.js'

let schema: ProcedureSchema
beforeAll(async () => {
  schema = (await lookupProcedure('1.001193')).schema
})

const page = (file: string) => recordPage({source: {file, page: 1}})

function draft(): DossierDraft {
  return {
    draftVersion: DRAFT_VERSION,
    input: 'rounds',
    procedure: {code: '1.001193', name: 'Đăng ký khai sinh'},
    agency: '000.00.00.H56',
    documents: [
      doc('to-khai-khai-sinh', {childName: 'TRAN MINH HIEU'}, {pages: [page('01/p1.png'), page('01/p2.png')]}),
      doc('unknown', {}, {pages: [page('01/p3.png')], confidence: 0.2, review: ['unknown-kind']}),
    ],
    pageRefs: [[0, 1], [2]],
    pagesDropped: [],
    pageCount: 3,
  }
}

describe('applyEdits', () => {
  it('a kind chosen by the clerk settles the kind review and matches the component; the checklist follows', () => {
    const before = dossierChecklist(draft().documents, schema)
    expect(missingPapers(before).map((entry) => entry.componentCode)).toContain('000.00.00.G15-KQ004389')
    const edited = applyEdits(draft(), [{type: 'kind', page: {file: '01/p3.png', page: 1}, kind: 'giay-chung-sinh'}], schema)
    expect(edited.documents[1]).toMatchObject({kind: 'giay-chung-sinh', confidence: 1, review: [], componentCode: '000.00.00.G15-KQ004389'})
    const after = dossierChecklist(edited.documents, schema)
    expect(after.entries.find((entry) => entry.componentCode === '000.00.00.G15-KQ004389')).toMatchObject({status: 'found', documents: [1]})
  })

  it('moves a page into another document in scan order, and drops a page as the clerk\'s', () => {
    const moved = applyEdits(draft(), [{type: 'move', page: {file: '01/p2.png', page: 1}, to: {file: '01/p3.png', page: 1}}], schema)
    expect(moved.documents.map((document) => document.pages.map((entry) => entry.source.file))).toEqual([['01/p1.png'], ['01/p2.png', '01/p3.png']])
    expect(moved.pageRefs).toEqual([[0], [1, 2]])
    const dropped = applyEdits(draft(), [{type: 'drop', page: {file: '01/p3.png', page: 1}}], schema)
    expect(dropped.documents).toHaveLength(1)
    expect(dropped.pageRefs).toEqual([[0, 1]])
    expect(dropped.pagesDropped).toEqual([{source: {file: '01/p3.png', page: 1}, reason: 'clerk'}])
  })

  it('a corrected field keeps the machine\'s first reading through later corrections', () => {
    const at = '2024-03-15T09:00:00+07:00'
    const first = {type: 'field' as const, page: {file: '01/p1.png', page: 1}, field: 'childName' as const, value: 'Trần Minh Hiếu', correctedAt: at}
    const edited = applyEdits(draft(), [first, {...first, value: 'Trần Minh Hiền'}], schema)
    const form = edited.documents[0]!
    expect(form.fields.childName).toMatchObject({value: 'Trần Minh Hiền', source: 'clerk', confidence: 1})
    expect(form.corrections).toEqual([
      {field: 'childName', value: 'Trần Minh Hiền', machine: {value: 'TRAN MINH HIEU', source: 'ocr', confidence: 0.9}, correctedAt: at},
    ])
  })
})
