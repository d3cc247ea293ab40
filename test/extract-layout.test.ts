import {describe, expect, it} from 'vitest'

import type {Document, Dossier} from '../src/core/dossier.js'
import type {ProcedureSchema} from '../src/core/procedure.js'
import {classifyDocument} from '../src/core/documents/classify.js'
import {extractFields, parseDate} from '../src/core/documents/extract.js'
import {validateDossier} from '../src/core/validate.js'
import {loadDocumentKinds, loadProvinces, readPackageJson} from '../src/tools/package-data.js'
import {doc, HEADER, textPage} from './helpers/dossier-pages.js'

const kinds = loadDocumentKinds()
const provinces = loadProvinces()
const kindOf = (id: string) => kinds.find((kind) => kind.id === id)!
const values = (fields: ReturnType<typeof extractFields>) =>
  Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.value]))

describe('parseDate: the forms people write', () => {
  it.each([
    ['05/03/2025', '2025-03-05'],
    ['05.03.2025', '2025-03-05'],
    ['5-3-2025', '2025-03-05'],
    ['ngày 05 tháng 3 năm 2025', '2025-03-05'],
    ['Ngày 5 tháng 03 năm 2025', '2025-03-05'],
    ['05 tháng 3 năm 2025', '2025-03-05'],
    ['ngay 05 thang 3 nam 2025', '2025-03-05'],
    ['05,03,2025', '2025-03-05'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso)
  })

  it('rejects days that do not exist', () => {
    expect(parseDate('30.02.2025')).toBeUndefined()
    expect(parseDate('ngày 32 tháng 1 năm 2025')).toBeUndefined()
  })
})

const MARRIAGE = [
  ...HEADER,
  'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
  'Kính gửi: UBND xã An Bình',
  'Bên nữ',
  'Họ, chữ đệm, tên: LÊ THỊ MAI',
  'Ngày, tháng, năm sinh: 05.03.1992',
  'Số định danh cá nhân:',
  '001192012345',
  'Bên nam',
  'Họ, chữ đệm, tên: TRẦN VĂN AN',
  'Ngày, tháng, năm sinh: 1-2-1990',
  'Số định danh cá nhân:',
  '001090054321',
  'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật.',
]

describe('two-party forms', () => {
  it('reads each party from its own column and keeps both', () => {
    const fields = extractFields([textPage(MARRIAGE)], kindOf('to-khai-ket-hon'), {provinces})
    expect(values(fields)).toEqual({requesterName: 'LÊ THỊ MAI', requesterIdNumber: '001192012345'})
    expect(fields.requesterName?.parties).toEqual(['LÊ THỊ MAI', 'TRẦN VĂN AN'])
    expect(fields.requesterIdNumber?.parties).toEqual(['001192012345', '001090054321'])
  })

  it('never pairs one party name with the other party number when a party left a blank', () => {
    const lines = MARRIAGE.map((line) => (line === '001192012345' ? '' : line))
    const fields = extractFields([textPage(lines)], kindOf('to-khai-ket-hon'), {provinces})
    expect(fields.requesterName?.parties).toEqual(['LÊ THỊ MAI', 'TRẦN VĂN AN'])
    expect(fields.requesterIdNumber?.parties).toEqual(['', '001090054321'])
  })
})

describe('empty blanks', () => {
  it('reads an empty blank as no value, never the next label', () => {
    const page = textPage([
      ...HEADER,
      'TỜ KHAI ĐĂNG KÝ KHAI TỬ',
      'Họ, chữ đệm, tên người yêu cầu: ......................',
      'Năm sinh: ........',
      'Số định danh cá nhân: 001090012345',
    ])
    expect(values(extractFields([page], kindOf('to-khai-khai-tu'), {provinces}))).toEqual({requesterIdNumber: '001090012345'})
  })

  it('reads a label that ends its line without dots as empty when the next line is another label', () => {
    const page = textPage([
      ...HEADER,
      'TỜ KHAI ĐĂNG KÝ KHAI TỬ',
      'Họ, chữ đệm, tên người yêu cầu:',
      'Năm sinh: 1960',
      'Số định danh cá nhân: 001090012345',
    ])
    expect(extractFields([page], kindOf('to-khai-khai-tu'), {provinces}).requesterName).toBeUndefined()
  })

  it('still reads a value typed over its dotted line', () => {
    const page = textPage([...HEADER, 'TỜ KHAI ĐĂNG KÝ KHAI TỬ', 'Họ, chữ đệm, tên người yêu cầu: .....NGUYỄN VĂN AN.........'])
    expect(extractFields([page], kindOf('to-khai-khai-tu'), {provinces}).requesterName?.value).toBe('NGUYỄN VĂN AN')
  })
})

describe('names in capitals', () => {
  const surnames = readPackageJson<{surnames: string[]}>('templates/vietnamese-surnames.json').surnames
  const page = (name: string) =>
    textPage([...HEADER, 'GIẤY BÁO TỬ', `Họ, chữ đệm, tên người chết: ${name}`, 'Ngày, tháng, năm sinh: 01/01/1940'])
  const read = (name: string) => extractFields([page(name)], kindOf('giay-bao-tu'), {provinces, surnames}).deceasedName

  it('writes a family name OCR read without its marks as it is spelt, keeping the reading', () => {
    expect(read('PHAM KIM THU LAN')).toMatchObject({value: 'PHẠM KIM THU LAN', ocrValue: 'PHAM KIM THU LAN'})
    expect(read('NGUYÊN NGỌC HÀ')?.value).toBe('NGUYỄN NGỌC HÀ')
  })

  it('reads a capital Đ that OCR took for P or p (bench:accuracy seed 2: "pO ĐÌNH LONG", "PANG THU PHƯƠNG LINH")', () => {
    expect(read('pO ĐÌNH LONG')).toMatchObject({value: 'ĐỖ ĐÌNH LONG', ocrValue: 'pO ĐÌNH LONG'})
    expect(read('PANG THU PHƯƠNG LINH')?.value).toBe('ĐẶNG THU PHƯƠNG LINH')
    expect(read('PHAN VĂN AN')?.value).toBe('PHAN VĂN AN')
    expect(read('PHAM VĂN AN')?.value).toBe('PHẠM VĂN AN')
    expect(read('PXYZ VĂN AN')?.value).toBe('PXYZ VĂN AN')
  })

  it('leaves a name alone when its family name is read right, is not in capitals, or is unknown', () => {
    expect(read('ĐẶNG THỊ OANH')).not.toHaveProperty('ocrValue')
    expect(read('Pham Kim Lan')?.value).toBe('Pham Kim Lan')
    expect(read('XYZ VĂN AN')?.value).toBe('XYZ VĂN AN')
  })

  it('takes the rest of a name wrapped onto the next line', () => {
    const wrapped = textPage([
      ...HEADER,
      'GIẤY BÁO TỬ',
      'Họ, chữ đệm, tên người chết: ĐẶNG THỊ THỊ',
      'OANH',
      'Ngày, tháng, năm sinh: 01/01/1940',
    ])
    expect(extractFields([wrapped], kindOf('giay-bao-tu'), {provinces}).deceasedName?.value).toBe('ĐẶNG THỊ THỊ OANH')
  })
})

describe('title containment', () => {
  it('does not take the ID-card application form (Mẫu CC01) for an ID card', () => {
    const page = textPage([
      'Mẫu CC01',
      ...HEADER,
      'TỜ KHAI CĂN CƯỚC CÔNG DÂN',
      '1. Họ, chữ đệm và tên khai sinh: ..............',
      '2. Năm sinh: ........',
    ])
    expect(classifyDocument([page], kinds).kind).not.toBe('cccd')
  })

  it('still knows an ID card by its own title', () => {
    const page = textPage([
      ...HEADER,
      'CĂN CƯỚC CÔNG DÂN',
      'Số / No.: 001090012345',
      'Họ và tên / Full name:',
      'NGUYỄN VĂN AN',
      'Ngày sinh / Date of birth: 01/05/1990',
    ])
    expect(classifyDocument([page], kinds).kind).toBe('cccd')
  })
})

describe('cross-check of a form with the ID cards', () => {
  const ketHon = readPackageJson<ProcedureSchema>('templates/procedures/1.000894.json')
  const card = (idNumber: string, fullName: string, dateOfBirth: string, gender: string) =>
    doc('cccd', {idNumber, fullName, dateOfBirth, gender})
  const bride = card('001192012345', 'Lê Thị Mai', '1992-03-05', 'female')
  const groom = card('001090054321', 'Trần Văn An', '1990-02-01', 'male')
  const form = (fields: Document['fields']): Document => ({...doc('to-khai-ket-hon'), fields})
  const ocrField = (value: string, parties?: string[], confidence = 0.9) => ({
    value,
    source: 'ocr' as const,
    page: 1,
    sourcePage: {file: 'p1.png', page: 1},
    confidence,
    ...(parties ? {parties} : {}),
  })
  const check = (documents: Document[]) =>
    validateDossier({procedure: '1.000894', documents, pagesDropped: []} satisfies Dossier, ketHon, {provinces, now: new Date('2025-06-01T00:00:00Z')}).issues

  it("accepts a two-party form whose second party is the only card's person", () => {
    const fields = {
      requesterName: ocrField('LÊ THỊ MAI', ['LÊ THỊ MAI', 'TRẦN VĂN AN']),
      requesterIdNumber: ocrField('001192012345', ['001192012345', '001090054321']),
    }
    expect(check([form(fields), groom])).toEqual([])
    // Two cards where the schema counts one is a component-count warning, nothing about the requester.
    expect(check([form(fields), bride, groom]).map((issue) => issue.code)).toEqual(['dossier.component-count'])
  })

  it('warns, naming both readings, when the number read is a digit off the card', () => {
    const issues = check([form({requesterName: ocrField('TRẦN VĂN AN'), requesterIdNumber: ocrField('001090054821')}), groom])
    const params = expect.objectContaining({formId: '001******821', cardId: '001******321'})
    expect(issues).toEqual([expect.objectContaining({code: 'dossier.requester-id-uncertain', severity: 'warning', params})])
  })

  it('warns when a name read with low confidence differs from the card', () => {
    const issues = check([form({requesterName: ocrField('TRẦN VĂN ẨN KHOA', undefined, 0.6)}), groom])
    const params = expect.objectContaining({formName: 'TRẦN VĂN ẨN KHOA', cardName: 'Trần Văn An'})
    expect(issues).toEqual([expect.objectContaining({code: 'dossier.requester-name-uncertain', severity: 'warning', params})])
  })

  it('still rejects a form read clearly for another person', () => {
    const issues = check([form({requesterName: ocrField('PHẠM THỊ HỒNG NHUNG'), requesterIdNumber: ocrField('079185099999')}), groom])
    expect(issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ['dossier.requester-name-mismatch', 'error'],
      ['dossier.requester-id-mismatch', 'error'],
    ])
  })
})

// Regression (bench:accuracy seed 2): three correct residence dossiers were rejected because the
// CT01's requester was read from "Họ, chữ đệm và tên chủ hộ:" when the requester's own line was unreadable.
describe('a label that runs on into a longer label is that other label', () => {
  const ct01 = (requesterLine: string) => [
    'Mẫu CT01',
    ...HEADER,
    'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
    'Kính gửi: Công an phường Lê Lợi',
    requesterLine,
    '2. Ngày, tháng, năm sinh: 05/03/1992    3. Giới tính: Nữ',
    '4. Số định danh cá nhân: 031192012345',
    '6. Họ, chữ đệm và tên chủ hộ: ĐỖ HỒNG THANH NHUNG    7. Quan hệ với chủ hộ: Em',
    '8. Số định danh cá nhân của chủ hộ: 031170054321',
  ]

  it('reads the requester from its own line, not the householder’s', () => {
    const fields = extractFields([textPage(ct01('1. Họ, chữ đệm và tên: VÕ KIM THỦY'))], kindOf('ct01'), {provinces})
    expect(values(fields)).toMatchObject({requesterName: 'VÕ KIM THỦY', requesterIdNumber: '031192012345', gender: 'female'})
  })

  it('reads the own line when OCR took its number for a quote and its colon for "!" (bench:accuracy seed 2)', () => {
    const fields = extractFields([textPage(ct01('“Hỗ, chữ đếm và tên! ................. VÕ KIM THUY.............'))], kindOf('ct01'), {provinces})
    expect(fields.requesterName?.value).toBe('VÕ KIM THUY')
  })

  it('leaves the requester unread rather than take the householder when the own line is lost', () => {
    const fields = extractFields([textPage(ct01('1. ,,,, ...... 7'))], kindOf('ct01'), {provinces})
    expect(fields.requesterName).toBeUndefined()
  })

  it('reads a numbered label further on in the line with an OCR slip (bench:accuracy seed 2: "3. Gidi tính: Nữ")', () => {
    const lines = ct01('1. Họ, chữ đệm và tên: VÕ KIM THỦY').map((line) => line.replace('3. Giới tính', '3. Gidi tính'))
    expect(extractFields([textPage(lines)], kindOf('ct01'), {provinces}).gender?.value).toBe('female')
  })

  it('takes a mis-read label further on in the line only where a number starts it and a colon ends it', () => {
    const unnumbered = ct01('1. Họ, chữ đệm và tên: VÕ KIM THỦY').map((line) => line.replace('3. Giới tính: Nữ', 'Gidi tính: Nữ'))
    const noColon = ct01('1. Họ, chữ đệm và tên: VÕ KIM THỦY').map((line) => line.replace('3. Giới tính: Nữ', '3. Gidi tính Nữ'))
    expect(extractFields([textPage(unnumbered)], kindOf('ct01'), {provinces}).gender).toBeUndefined()
    expect(extractFields([textPage(noColon)], kindOf('ct01'), {provinces}).gender).toBeUndefined()
  })

  it('does not take the householder’s ID number for the requester’s', () => {
    const lines = ct01('1. Họ, chữ đệm và tên: VÕ KIM THỦY').filter((line) => !line.startsWith('4.'))
    const fields = extractFields([textPage(lines)], kindOf('ct01'), {provinces})
    expect(fields.requesterIdNumber).toBeUndefined()
  })

  it('still reads a label with an English sub-label or a note in brackets', () => {
    const card = extractFields([textPage(['CĂN CƯỚC CÔNG DÂN', 'Họ và tên / Full name: NGUYỄN VĂN AN'])], kindOf('cccd'), {provinces})
    expect(card.fullName?.value).toBe('NGUYỄN VĂN AN')
    const form = extractFields([textPage(ct01('1. Họ, chữ đệm và tên (viết chữ in hoa): VÕ KIM THỦY'))], kindOf('ct01'), {provinces})
    expect(form.requesterName?.value).toBe('VÕ KIM THỦY')
  })
})
