import {describe, expect, it} from 'vitest'

import {bagInfo, isSafeBagPath, manifest, parseBagInfo, parseManifest, payloadOxum} from '../src/core/bagit.js'
import {buildHoSoRecord} from '../src/core/hoso-record.js'
import type {DigitisationRecord} from '../src/core/record.js'
import {dvcqgTimestamp, isoVietnam} from '../src/core/vietnam-time.js'
import {validateAgainstSchema} from '../src/tools/schemas.js'

const HASH = 'a'.repeat(64)

describe('BagIt text', () => {
  it('writes manifests sorted and reads them back, percent-encoding CR, LF and %', () => {
    const entries = [
      {path: 'data/text/b.txt', sha256: HASH},
      {path: 'data/documents/100%.pdf', sha256: 'b'.repeat(64)},
      {path: 'data/odd\nname.txt', sha256: 'c'.repeat(64)},
    ]
    const text = manifest(entries)
    expect(text.split('\n')[0]).toBe(`${'b'.repeat(64)}  data/documents/100%25.pdf`)
    expect(text).toContain('data/odd%0Aname.txt')
    const parsed = parseManifest(text)
    expect(parsed.malformed).toEqual([])
    expect(parsed.entries).toEqual(expect.arrayContaining(entries))
  })

  it('reports malformed manifest lines by number', () => {
    expect(parseManifest(`${HASH}  data/a\nnot a line\n`).malformed).toEqual([{line: 2, text: 'not a line'}])
  })

  it('computes the Payload-Oxum as octets.files', () => {
    expect(payloadOxum([10, 20, 0])).toBe('30.3')
    expect(payloadOxum([])).toBe('0.0')
  })

  it('round-trips bag-info fields, Vietnamese included', () => {
    const text = bagInfo([
      ['Source-Organization', '000.00.00.H56'],
      ['External-Description', 'Thủ tục đăng ký khai sinh'],
    ])
    expect(parseBagInfo(text).get('External-Description')).toBe('Thủ tục đăng ký khai sinh')
  })

  it.each([
    ['data/hoso.json', true],
    ['data/documents/038185012345.1.001193.000.00.00.G15-KQ003204.01.pdf', true],
    ['../etc/passwd', false],
    ['data/../../x', false],
    ['/abs/path', false],
    ['data//x', false],
    ['data/./x', false],
    ['data\\x', false],
    ['C:/x', false],
    ['data/Tờ khai.pdf'.normalize('NFD'), false],
    ['data/Tờ khai.pdf'.normalize('NFC'), true],
  ])('treats %j as safe: %s', (path, safe) => {
    expect(isSafeBagPath(path)).toBe(safe)
  })
})

describe('Vietnam time', () => {
  it('writes DVCQG timestamps in Asia/Ho_Chi_Minh (UTC+7), crossing midnight', () => {
    expect(dvcqgTimestamp(new Date('2024-03-15T17:30:05Z'))).toBe('20240316003005')
    expect(isoVietnam(new Date('2024-03-15T17:30:05Z'))).toBe('2024-03-16T00:30:05+07:00')
  })
})

describe('DVCQG dossier record', () => {
  const record: DigitisationRecord = {
    recordVersion: 1,
    procedure: {code: '1.001193', name: 'Thủ tục đăng ký khai sinh'},
    dossierCode: '000.00.00.H56-240315-0001',
    agency: '000.00.00.H56',
    createdAt: '2024-03-15T09:00:00+07:00',
    toolVersion: 'sohoa/0.1.0',
    documents: [
      {
        kind: 'to-khai-khai-sinh',
        confidence: 0.9,
        evidence: [],
        componentCode: '000.00.00.G15-KQ003204',
        code: '038185012345.1.001193.000.00.00.G15-KQ003204.01',
        file: 'documents/038185012345.1.001193.000.00.00.G15-KQ003204.01.pdf',
        textFile: 'text/038185012345.1.001193.000.00.00.G15-KQ003204.01.txt',
        pages: [{source: {file: 'p1.jpg', page: 1}, text: 'x', confidence: 90, rotation: 0, skew: 0, dpi: 300, width: 10, height: 10}],
        fields: {},
      },
    ],
    pagesDropped: [],
    validation: {valid: true, issues: []},
  }

  it('is built with string values, the component code and the owner ID, and passes its schema', () => {
    const hoso = buildHoSoRecord({
      record,
      field: {name: 'Hộ tịch'},
      owner: {name: 'Nguyễn Thị Hồng Nhung', idNumber: '038185012345'},
      receivedAt: new Date('2024-03-15T02:00:00Z'),
    })
    expect(hoso).toMatchObject({
      MaHoSo: '000.00.00.H56-240315-0001',
      NgayTiepNhan: '20240315090000',
      HoSoCoThanhPhanSoHoa: '1',
      DinhDanhCHS: [{LoaiDinhDanh: '1', SoDinhDanh: '038185012345'}],
    })
    expect(hoso.TaiLieuNop[0]).toMatchObject({MaThanhPhanHoSo: '000.00.00.G15-KQ003204', DuocSoHoa: '1'})
    expect(Object.values(hoso).every((value) => typeof value === 'string' || Array.isArray(value))).toBe(true)
    expect(validateAgainstSchema('hoso', hoso)).toEqual([])
    expect(validateAgainstSchema('record', record)).toEqual([])
  })

  it('is rejected by its schema with a number where a string belongs, or a bad date', () => {
    const hoso = buildHoSoRecord({record, field: {}, owner: {name: ''}, receivedAt: new Date()})
    const problems = validateAgainstSchema('hoso', {...hoso, TrangThaiHoSo: 2, NgayTiepNhan: '2024-03-15'})
    expect(problems.map((item) => item.path).sort()).toEqual(['/NgayTiepNhan', '/TrangThaiHoSo'])
  })
})
