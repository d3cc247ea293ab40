import {describe, expect, it} from 'vitest'

import {maskIdsInText} from '../src/core/citizen-id.js'
import {parseComponentDigitisationCode} from '../src/core/codes.js'
import {assignDigitisationCodes, dossierOwner, OTHER_COMPONENT} from '../src/core/digitisation.js'
import type {Document} from '../src/core/dossier.js'

const page = {source: {file: 'p1.jpg', page: 1}, sourcePage: {file: 'p1.jpg', page: 1}}
function doc(kind: string, fields: Record<string, string>, componentCode?: string): Pick<Document, 'kind' | 'fields' | 'componentCode'> {
  const typed: Document['fields'] = {}
  for (const [key, value] of Object.entries(fields)) (typed as Record<string, unknown>)[key] = {value, source: 'ocr', page: 1, sourcePage: page.sourcePage, confidence: 0.9}
  return {kind, fields: typed, componentCode}
}

describe('dossierOwner', () => {
  it('prefers the form, then the ID card, and lets the clerk override the ID', () => {
    const documents = [doc('cccd', {idNumber: '038185012345', fullName: 'LÊ VĂN TÁM'}), doc('to-khai-khai-sinh', {requesterName: 'Lê Văn Tám', requesterIdNumber: '038185099999'})]
    expect(dossierOwner(documents)).toEqual({name: 'Lê Văn Tám', idNumber: '038185099999'})
    expect(dossierOwner(documents, '001090012345').idNumber).toBe('001090012345')
    expect(dossierOwner([documents[0]!])).toEqual({name: 'LÊ VĂN TÁM', idNumber: '038185012345'})
  })

  it('takes no ID from a card-like field on another kind, and knows nobody in an empty dossier', () => {
    expect(dossierOwner([doc('giay-chung-sinh', {idNumber: '038185012345'})])).toEqual({name: '', idNumber: undefined})
    expect(dossierOwner([])).toEqual({name: '', idNumber: undefined})
  })
})

describe('assignDigitisationCodes', () => {
  it('numbers documents per component, NN restarting for each, with KHAC for unmatched ones', () => {
    const codes = assignDigitisationCodes(
      [doc('cccd', {}, '000.00.00.G15-KQ004946'), doc('cccd', {}, '000.00.00.G15-KQ004946'), doc('unknown', {}), doc('to-khai-khai-sinh', {}, '000.00.00.G15-KQ003204'), doc('unknown', {})],
      '038185012345',
      '1.001193.000.00.00.H56',
    )
    expect(codes).toEqual([
      '038185012345.1.001193.000.00.00.G15-KQ004946.01',
      '038185012345.1.001193.000.00.00.G15-KQ004946.02',
      `038185012345.1.001193.${OTHER_COMPONENT}.01`,
      '038185012345.1.001193.000.00.00.G15-KQ003204.01',
      `038185012345.1.001193.${OTHER_COMPONENT}.02`,
    ])
    for (const code of codes) expect(parseComponentDigitisationCode(code).ok).toBe(true)
  })

  it('accepts the agency as owner when no personal ID is known', () => {
    expect(assignDigitisationCodes([doc('unknown', {})], '000.00.00.H56', '1.001193')).toEqual([`000.00.00.H56.1.001193.${OTHER_COMPONENT}.01`])
  })
})

describe('maskIdsInText (owner IDs in codes)', () => {
  it('masks the personal ID a digitisation code starts with, and nothing else', () => {
    expect(maskIdsInText('038185012345.1.001193.000.00.00.G15-KQ003204.01')).toBe('038******345.1.001193.000.00.00.G15-KQ003204.01')
    expect(maskIdsInText('000.00.00.H56.1.001193.KHAC.01')).toBe('000.00.00.H56.1.001193.KHAC.01')
  })
})
