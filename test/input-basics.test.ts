import {describe, expect, it} from 'vitest'

import {formatFromExtension, sniffFormat} from '../src/core/input-format.js'
import {compareNatural, sortNatural} from '../src/core/natural-order.js'
import {normaliseText, outputBaseNames} from '../src/pipeline/ocr.js'
import {resolveLang, translate} from '../src/ui/i18n.js'
import {messages} from '../src/ui/messages/index.js'

const bytes = (...values: number[]): Uint8Array => new Uint8Array([...values, 0, 0, 0, 0, 0, 0, 0, 0])

describe('sniffFormat', () => {
  it.each([
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['tiff', bytes(0x49, 0x49, 0x2a, 0x00)],
    ['tiff', bytes(0x4d, 0x4d, 0x00, 0x2a)],
    ['pdf', new TextEncoder().encode('%PDF-1.7\n')],
    ['pdf', new TextEncoder().encode('\n\n junk before header %PDF-1.4\n')],
  ])('recognises %s from its first bytes', (format, head) => {
    expect(sniffFormat(head)).toBe(format)
  })

  it.each([new TextEncoder().encode('hello world'), new Uint8Array(0), bytes(0x47, 0x49, 0x46, 0x38)])(
    'returns nothing for text, empty or unsupported images',
    (head) => {
      expect(sniffFormat(head)).toBeUndefined()
    },
  )

  it('maps extensions case-insensitively', () => {
    expect(formatFromExtension('SCAN.JPG')).toBe('jpeg')
    expect(formatFromExtension('a.tif')).toBe('tiff')
    expect(formatFromExtension('a.docx')).toBeUndefined()
  })
})

describe('natural order of page files', () => {
  it('puts p2 before p10 and ignores case', () => {
    expect(sortNatural(['p10.jpg', 'P2.jpg', 'p1.jpg', 'p11.jpg'])).toEqual(['p1.jpg', 'P2.jpg', 'p10.jpg', 'p11.jpg'])
  })

  it('sorts NFC and NFD spellings of a Vietnamese name together', () => {
    const nfd = 'trang-2-giấy khai sinh.png'.normalize('NFD')
    const nfc = 'trang-10-giấy khai sinh.png'.normalize('NFC')
    expect(sortNatural([nfc, nfd])).toEqual([nfd, nfc])
    expect(compareNatural('Đơn 1.jpg'.normalize('NFD'), 'Đơn 1.jpg'.normalize('NFC'))).not.toBe(0)
  })
})

describe('output names', () => {
  it('keeps stems and only disambiguates collisions', () => {
    const names = outputBaseNames([
      {path: '/x/scan.jpg', name: 'scan.jpg'},
      {path: '/x/scan.png', name: 'scan.png'},
      {path: '/x/p1.tif', name: 'p1.tif'},
    ])
    expect(names).toEqual(['scan.jpg', 'scan.png', 'p1'])
  })
})

describe('normaliseText', () => {
  it('returns NFC text without trailing spaces or runs of blank lines', () => {
    expect(normaliseText('Ho\u0323 te\u0302n  \n\n\n\nNguyê\u0303n ')).toBe('Họ tên\n\nNguyễn')
  })
})

describe('messages', () => {
  it('exist in Vietnamese and English for every key', () => {
    for (const [key, message] of Object.entries(messages)) {
      expect(message.vi.trim(), key).not.toBe('')
      expect(message.en.trim(), key).not.toBe('')
    }
  })

  it('fill their placeholders', () => {
    expect(translate('vi', 'input.empty', {file: 'a.jpg'})).toBe('Tệp rỗng (0 byte): a.jpg')
    expect(translate('en', 'input.empty', {file: 'a.jpg'})).toBe('File is empty (0 bytes): a.jpg')
  })

  it('choose the language from the flag, then SOHOA_LANG, then the locale', () => {
    expect(resolveLang('vi', {LANG: 'en_US.UTF-8'})).toBe('vi')
    expect(resolveLang(undefined, {SOHOA_LANG: 'vi', LANG: 'en_US'})).toBe('vi')
    expect(resolveLang(undefined, {LANG: 'vi_VN.UTF-8'})).toBe('vi')
    expect(resolveLang(undefined, {LANG: 'C'})).toBe('en')
  })
})

describe('an empty language variable', () => {
  it('counts as unset', () => {
    expect(resolveLang(undefined, {SOHOA_LANG: '', LANG: 'vi_VN.UTF-8'})).toBe('vi')
  })
})
