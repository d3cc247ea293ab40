/**
 * Logic that exists once: diacritics are folded only in src/core/text-fold.ts and ID numbers
 * are masked only in src/core/citizen-id.ts (three foldings and five maskings had drifted).
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {foldMarks, foldVietnamese} from '../src/core/text-fold.js'
import {maskIdFields} from '../src/core/citizen-id.js'
import {ROOT} from './helpers/cli.js'

const SRC = path.join(ROOT, 'src')

/** src-relative paths of the TypeScript files whose text matches. */
function filesMatching(pattern: RegExp, dir = SRC): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesMatching(pattern, file)
    return entry.name.endsWith('.ts') && pattern.test(readFileSync(file, 'utf8')) ? [path.relative(SRC, file).split(path.sep).join('/')] : []
  })
}

describe('diacritic folding', () => {
  it('is written once, in core/text-fold.ts', () => {
    expect(filesMatching(/normalize\(['"]NFD['"]\)/)).toEqual(['core/text-fold.ts'])
  })

  it('folds marks and đ with spacing and punctuation kept (foldMarks), or collapsed (foldVietnamese)', () => {
    expect(foldMarks(' Ngày  01/05, Đồng Tháp ')).toBe(' ngay  01/05, dong thap ')
    expect(foldVietnamese(' Ngày  01/05, Đồng Tháp ')).toBe('ngay 01/05, dong thap')
  })
})

describe('ID masking', () => {
  it('is written once, in core/citizen-id.ts', () => {
    expect(filesMatching(/['"`]\*['"`]\.repeat\(/)).toEqual(['core/citizen-id.ts'])
  })

  it('masks every ID field of a document, the OCR reading beside it too', () => {
    const field = (value: string, ocrValue?: string) => ({
      value,
      source: 'ocr' as const,
      page: 1,
      sourcePage: {file: 'scan.png', page: 1},
      confidence: 0.9,
      ...(ocrValue ? {ocrValue} : {}),
    })
    const masked = maskIdFields({
      idNumber: field('001090012345', '001090012346'),
      oldIdNumber: field('123456789'),
      requesterIdNumber: field('038185012345'),
      fullName: field('Nguyễn Văn An'),
    })
    expect(Object.fromEntries(Object.entries(masked).map(([key, value]) => [key, [value!.value, value!.ocrValue]]))).toEqual({
      idNumber: ['001******345', '001******346'],
      oldIdNumber: ['123***789', undefined],
      requesterIdNumber: ['038******345', undefined],
      fullName: ['Nguyễn Văn An', undefined],
    })
  })
})
