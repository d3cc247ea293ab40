import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {parseComponentTable, splitForm} from '../src/core/component-table.js'
import {importRecord, parseCrawlResults} from '../src/core/procedure-import.js'
import {type ImportReport, importProcedures} from '../src/pipeline/procedure-import.js'
import {loadKindHints} from '../src/tools/package-data.js'
import {buildCatalogue} from '../scripts/build-procedure-catalogue.js'
import {BUNDLED_DIR} from '../src/pipeline/procedure-catalogue.js'
import {CRAWL_FILE} from './helpers/cli.js'

const HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng'
const context = {kindHints: loadKindHints()}

describe('component table of the portal crawl', () => {
  it('reads submit and present sections, quantities, notes and forms', () => {
    const table = parseComponentTable(
      `* Giấy tờ phải nộp:${HEADER}- Giấy chứng sinh.1 bản chínhTrường hợp đã nộp bản điện tử thì không nộp bản giấy.0 bản chínhTờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).1.MuCT01.doc1 bản chính,1 bản sao` +
        `* Giấy tờ phải xuất trình:${HEADER}- Hộ chiếu/Thẻ căn cước công dân còn giá trị.1 bản chính` +
        `Đăng ký theo danh sách, hồ sơ gồm:${HEADER}Văn bản đề nghị ghi 01 bản sao giấy tờ kèm theo.0 bản chính,2 bản sao*Lưu ý: hết.`,
    )
    expect(table.cases).toEqual([
      {
        name: '',
        items: [
          {name: 'Giấy chứng sinh.', mode: 'submit', originals: 1, copies: 0},
          {name: 'Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).', form: '1.MuCT01.doc', mode: 'submit', originals: 1, copies: 1},
          {name: 'Hộ chiếu/Thẻ căn cước công dân còn giá trị.', mode: 'present', originals: 1, copies: 0},
        ],
      },
      {name: 'Đăng ký theo danh sách, hồ sơ gồm', items: [{name: 'Văn bản đề nghị ghi 01 bản sao giấy tờ kèm theo.', mode: 'submit', originals: 0, copies: 2}]},
    ])
    expect(table.notes).toEqual(['Trường hợp đã nộp bản điện tử thì không nộp bản giấy.', '*Lưu ý: hết.'])
  })

  it('takes the quantity digit glued to a year', () => {
    const table = parseComponentTable(`--${HEADER}Giấy tờ theo Nghị định ngày 25/6/20241 bản chính`)
    expect(table.cases[0]?.items[0]).toMatchObject({name: 'Giấy tờ theo Nghị định ngày 25/6/2024', originals: 1})
  })

  it.each([
    ['Đơn đề nghị theo Mẫu số 08;Mus08.docx', 'Đơn đề nghị theo Mẫu số 08;', 'Mus08.docx'],
    ['Phương án điều chỉnh ranh giới khu rừngMẫu số 06.docx', 'Phương án điều chỉnh ranh giới khu rừng', 'Mẫu số 06.docx'],
    ['Tờ khai xóa đăng ký theo mẫuMuTkhaixaK.docx', 'Tờ khai xóa đăng ký theo mẫu', 'MuTkhaixaK.docx'],
    ['Giấy chứng sinh', 'Giấy chứng sinh', undefined],
  ])('splits the form file off %j', (text, name, form) => {
    expect(splitForm(text)).toEqual(form ? {name, form} : {name})
  })

  it('reads result names and codes, keeping malformed codes apart', () => {
    expect(parseCrawlResults('Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tin')).toEqual([{code: 'KQ.G15.000031', name: 'Giấy khai sinh'}])
    expect(parseCrawlResults('Phiếu từ chốiMã: KQ.G01.000067Xác nhận (CT07)Mã: KQ-G10.000001Từ khóa')).toEqual([
      {code: 'KQ.G01.000067', name: 'Phiếu từ chối'},
      {code: 'KQ-G10.000001', name: 'Xác nhận (CT07)'},
    ])
  })
})

describe('record shapes', () => {
  it('imports a LayThuTuc record with official codes, local codes where none, notes apart', () => {
    const imported = importRecord(
      {
        MATTHC: '1.001193',
        TENTTHC: 'Thủ tục đăng ký khai sinh',
        CAPTHUCHIEN: [{TENCAP: 'Cấp xã'}],
        LINHVUCTHUCHIEN: [{MALINHVUC: 'G15-HT', TENLINHVUC: 'Hộ tịch'}],
        THANHPHANHOSO: [
          {
            TRUONGHOP: '',
            GIAYTO: [
              {MAGIAYTO: '000.00.00.G15-KQ004389', TENGIAYTO: 'Giấy chứng sinh', TENMAUDON: '', SOBANCHINH: '1', SOBANSAO: '0', MA_KQ_THAYTHE: ''},
              {MAGIAYTO: '', TENGIAYTO: 'Tờ khai đăng ký khai sinh', TENMAUDON: 'to-khai.docx', SOBANCHINH: 1, SOBANSAO: 0},
              {MAGIAYTO: 'auuyii', TENGIAYTO: 'Văn bản ủy quyền (nếu có)', SOBANCHINH: '1', SOBANSAO: '1'},
              {MAGIAYTO: '', TENGIAYTO: 'Ghi chú: nộp bản điện tử thì không nộp bản giấy', SOBANCHINH: '0', SOBANSAO: '0'},
            ],
          },
        ],
        KETQUATHUCHIEN: [{MAKETQUA: 'KQ.G15.000031', TENKETQUA: 'Giấy khai sinh'}],
      },
      context,
    )
    expect(imported.shape).toBe('lay-thu-tuc')
    expect(imported.schema).toMatchObject({
      code: '1.001193',
      levels: ['xa'],
      field: 'Hộ tịch',
      results: [{code: 'KQ.G15.000031', name: 'Giấy khai sinh'}],
      notes: ['Ghi chú: nộp bản điện tử thì không nộp bản giấy'],
    })
    expect(imported.schema?.cases[0]?.components).toEqual([
      {code: '000.00.00.G15-KQ004389', codeSource: 'official', name: 'Giấy chứng sinh', mode: 'submit', originals: 1, copies: 0, required: true, kinds: ['giay-chung-sinh']},
      {code: 'TP01', codeSource: 'local', name: 'Tờ khai đăng ký khai sinh', form: 'to-khai.docx', mode: 'submit', originals: 1, copies: 0, required: true, kinds: ['to-khai-khai-sinh']},
      {code: 'TP02', codeSource: 'local', sourceCode: 'auuyii', name: 'Văn bản ủy quyền (nếu có)', mode: 'submit', originals: 1, copies: 1, required: false, kinds: ['van-ban-uy-quyen']},
    ])
    expect(imported.problems.map((item) => item.code)).toEqual(['import.component-code-kept-as-source'])
  })

  it('says why a record gives no schema', () => {
    expect(importRecord({foo: 1}, context).problems[0]?.code).toBe('import.unknown-shape')
    expect(importRecord({ma_thu_tuc: '1.000001', ten_thu_tuc: 'X', thanh_phan_ho_so: '--'}, context).problems.map((item) => item.code)).toEqual(['import.no-components'])
  })
})

describe('import of the whole DVCQG crawl (shipped gzipped in templates/sources)', () => {
  let out: string
  let report: ImportReport
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'sohoa-import-'))
    report = await importProcedures({input: CRAWL_FILE, out})
  })
  afterAll(async () => rm(out, {recursive: true, force: true}))

  it('yields a lint-clean schema with components for at least 97% of the 2,642 records', async () => {
    expect(report.total).toBe(2642)
    console.info(`import coverage: ${report.written}/${report.total} = ${(report.coverage * 100).toFixed(2)}%`)
    expect(report.coverage).toBeGreaterThanOrEqual(0.97)
    expect(report.records.filter((record) => record.status === 'lint-failed')).toEqual([])
    expect((await readdir(out)).length).toBe(report.written)
  })

  it('says for each failed record why', () => {
    const failed = report.records.filter((record) => record.status !== 'written')
    expect(failed.length).toBe(report.failed)
    for (const record of failed) expect(record.problems.map((item) => item.code)).toContain('import.no-components')
  })

  it('writes the residence procedures with their result codes', async () => {
    const schema = JSON.parse(await readFile(path.join(out, '1.004222.json'), 'utf8'))
    expect(schema.results.map((result: {code: string}) => result.code)).toContain('KQ.G01.000064')
    expect(schema.cases.length).toBeGreaterThan(3)
  })
})

describe('bundled catalogue', () => {
  it('is what the build script makes from the sources today', async () => {
    for (const schema of buildCatalogue()) {
      const committed = JSON.parse(await readFile(path.join(BUNDLED_DIR, `${schema.code}.json`), 'utf8'))
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)))
    }
  })

  it('uses the official codes of the procedures database where it has them', async () => {
    const khaiSinh = JSON.parse(await readFile(path.join(BUNDLED_DIR, '1.001193.json'), 'utf8'))
    expect(khaiSinh.results).toEqual([{code: 'KQ.G15.000031', name: 'Giấy khai sinh'}])
    const chungSinh = khaiSinh.cases[0].components.find((component: {kinds: string[]}) => component.kinds.includes('giay-chung-sinh'))
    expect(chungSinh).toMatchObject({code: '000.00.00.G15-KQ004389', codeSource: 'official', required: true})
    const residence = JSON.parse(await readFile(path.join(BUNDLED_DIR, '1.010041.json'), 'utf8'))
    expect(residence.cases[0].components[0]).toMatchObject({code: 'TP01', codeSource: 'local', kinds: ['ct01']})
  })

  it('has a file for each procedure of SPEC §5, and nothing else', async () => {
    const names = (await readdir(BUNDLED_DIR)).sort()
    expect(names).toEqual(['1.000656.json', '1.000894.json', '1.001193.json', '1.004194.json', '1.004222.json', '1.004873.json', '1.010041.json'])
  })
})

it('reads a LayThuTuc JSON array file and writes one file per procedure', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'sohoa-ltt-'))
  try {
    const input = path.join(folder, 'thu-tuc.json')
    const record = (code: string) => ({
      MATTHC: code,
      TENTTHC: `Thủ tục ${code}`,
      THANHPHANHOSO: [{TRUONGHOP: 'Trường hợp 1', GIAYTO: [{MAGIAYTO: 'G15-KQ000123', TENGIAYTO: 'Đơn', SOBANCHINH: '1', SOBANSAO: '0'}]}],
      KETQUATHUCHIEN: [],
    })
    await writeFile(input, JSON.stringify([record('2.000001'), record('2.000002'), {nothing: true}]))
    const report = await importProcedures({input, out: path.join(folder, 'out')})
    expect(report).toMatchObject({total: 3, written: 2, failed: 1})
    expect((await readdir(path.join(folder, 'out'))).sort()).toEqual(['2.000001.json', '2.000002.json'])
  } finally {
    await rm(folder, {recursive: true, force: true})
  }
})
