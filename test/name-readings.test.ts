/** Regression (issue 15, bench:accuracy seed 1): a death notice read "NGUYỄN NGỌC HA" where the declaration beside it read "HÀ". */
import {describe, expect, it} from 'vitest'

import {spellNamesAlike} from '../src/core/documents/name-readings.js'
import {diacriticCount} from '../src/core/text-fold.js'
import type {Document, FieldKey} from '../src/core/dossier.js'

const field = (value: string, source: 'qr' | 'ocr' = 'ocr') => ({value, source, page: 1, sourcePage: {file: 'a', page: 1}, confidence: 0.9})
const doc = (kind: string, fields: Partial<Record<FieldKey, ReturnType<typeof field>>>): Document =>
  ({kind, confidence: 1, evidence: [], pages: [], fields}) as unknown as Document

describe('diacriticCount', () => {
  it.each([
    ['NGUYỄN NGỌC HA', 3],
    ['NGUYỄN NGỌC HÀ', 4],
    ['Đặng Văn A', 4],
    ['NGUYEN VAN A', 0],
  ])('%s has %i marks', (name, marks) => expect(diacriticCount(name)).toBe(marks))
})

describe('spellNamesAlike', () => {
  it('writes a name that lost a mark as the fuller reading of the same letters on another paper, keeping its own', () => {
    const documents = [
      doc('to-khai-khai-tu', {requesterName: field('TRẦN VĂN BÌNH'), deceasedName: field('NGUYỄN NGỌC HÀ')}),
      doc('giay-bao-tu', {deceasedName: field('NGUYỄN NGỌC HA')}),
    ]
    spellNamesAlike(documents)
    expect(documents[1]!.fields.deceasedName).toMatchObject({
      value: 'NGUYỄN NGỌC HÀ',
      ocrValue: 'NGUYỄN NGỌC HA',
      spelledAs: {document: 1, field: 'deceasedName'},
    })
    expect(documents[0]!.fields.deceasedName).toMatchObject({value: 'NGUYỄN NGỌC HÀ'})
    expect(documents[0]!.fields.deceasedName).not.toHaveProperty('ocrValue')
  })

  it('keeps the case the paper has', () => {
    const documents = [doc('a', {childName: field('Lê Thị Hà')}), doc('b', {childName: field('LE THI HA')})]
    spellNamesAlike(documents)
    expect(documents[1]!.fields.childName?.value).toBe('LÊ THỊ HÀ')
  })

  it('decides nothing between two different readings with as many marks', () => {
    const documents = [doc('a', {requesterName: field('PHẠM THỦY')}), doc('b', {requesterName: field('PHẠM THÙY')}), doc('c', {fullName: field('PHAM THUY')})]
    spellNamesAlike(documents)
    expect(documents.map((entry) => Object.values(entry.fields)[0]!.value)).toEqual(['PHẠM THỦY', 'PHẠM THÙY', 'PHAM THUY'])
  })

  it('leaves names with other letters, and QR readings, alone', () => {
    const documents = [
      doc('cccd', {fullName: field('Nguyễn Ngọc Hà', 'qr')}),
      doc('a', {deceasedName: field('NGUYEN NGOC HA')}),
      doc('b', {requesterName: field('NGUYỄN NGỌC HẢI')}),
    ]
    spellNamesAlike(documents)
    expect(documents[1]!.fields.deceasedName?.value).toBe('NGUYEN NGOC HA')
    expect(documents[2]!.fields.requesterName?.value).toBe('NGUYỄN NGỌC HẢI')
  })
})
