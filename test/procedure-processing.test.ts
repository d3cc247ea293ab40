import {describe, expect, it} from 'vitest'

import {importRecord} from '../src/core/procedure-import.js'
import {CRAWL_PROCESSING_HEADER as HEADER, parseCrawlProcessing, parseDatabaseProcessing} from '../src/core/procedure-processing.js'
import {loadKindHints} from '../src/tools/package-data.js'

describe('cách thức thực hiện of the portal crawl', () => {
  it('reads each channel with its time, fees and description (1.004222)', () => {
    const rows = parseCrawlProcessing(
      `${HEADER}Trực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(Trường hợp nộp qua cổng dịch vụ công thu 10.000 đồng/lần.)` +
        `Trực tiếp7 Ngày làm việc20,000 Việt Nam Đồng(Miễn cho người thuộc diện miễn (Điều 4 Thông tư 75/2022/TT-BTC))`,
    )
    expect(rows).toEqual([
      {
        channel: 'online',
        time: {value: 7, unit: 'working-days'},
        timeText: '7 Ngày làm việc',
        fees: [{name: 'Phí, lệ phí', amount: 10000, currency: 'VND', note: 'Trường hợp nộp qua cổng dịch vụ công thu 10.000 đồng/lần.'}],
        feesText: '10,000 Việt Nam Đồng(Trường hợp nộp qua cổng dịch vụ công thu 10.000 đồng/lần.)',
      },
      {
        channel: 'direct',
        time: {value: 7, unit: 'working-days'},
        timeText: '7 Ngày làm việc',
        fees: [
          {name: 'Phí, lệ phí', amount: 20000, currency: 'VND', note: 'Miễn cho người thuộc diện miễn (Điều 4 Thông tư 75/2022/TT-BTC)'},
        ],
        feesText: '20,000 Việt Nam Đồng(Miễn cho người thuộc diện miễn (Điều 4 Thông tư 75/2022/TT-BTC))',
      },
    ])
  })

  it.each([
    [
      'a bare number, free',
      `${HEADER}Trực tiếp1Miễn phí`,
      {time: {value: 1, unit: 'unspecified'}, fees: [{name: 'Phí, lệ phí', amount: 0, currency: 'VND'}]},
    ],
    ['calendar days, no fee information', `${HEADER}Trực tiếp30 NgàyKhông có thông tin`, {time: {value: 30, unit: 'days'}}],
    [
      'hours and a description',
      `${HEADER}Trực tiếp4 GiờMiễn phíTrong ngày làm việc.`,
      {time: {value: 4, unit: 'hours'}, note: 'Trong ngày làm việc.'},
    ],
    [
      'no time published',
      `${HEADER}Trực tiếpKhông có thông tin50,000 Việt Nam Đồng`,
      {timeText: 'Không có thông tin', fees: [{amount: 50000}]},
    ],
    [
      'a fee in USD',
      `${HEADER}Trực tiếp5 Ngày làm việc145 USD(Thẻ tạm trú)`,
      {fees: [{amount: 145, currency: 'USD', note: 'Thẻ tạm trú'}]},
    ],
  ])('reads %s', (_title, text, expected) => {
    const [row] = parseCrawlProcessing(text)
    expect(row).toMatchObject({channel: 'direct', ...expected})
  })

  it('keeps the channel words of running text out of the rows, and reads a channel once', () => {
    const rows = parseCrawlProcessing(
      `${HEADER}Dịch vụ bưu chính3 Ngày làm việcMiễn phí- Trực tiếp: nộp tại bộ phận một cửaTrực tiếp3 Ngày làm việcMiễn phí`,
    )
    expect(rows.map((row) => row.channel)).toEqual(['postal', 'direct'])
    expect(rows[0]?.note).toBe('- Trực tiếp: nộp tại bộ phận một cửa')
  })
})

describe('cách thức thực hiện of the procedures database', () => {
  it('reads phí and lệ phí at the top level only, not amounts quoted in notes', () => {
    const rows = parseDatabaseProcessing([
      {hinh_thuc_nop: 'Trực tiếp', thoi_gian: '1 Khác', phi_le_phi: 'Lệ phí: 0 VNĐ', mo_ta: ''},
      {
        hinh_thuc_nop: 'Bưu chính',
        thoi_gian: '5 ngày làm việc',
        phi_le_phi: 'Lệ phí: 100.000 VND (Lệ phí : 100.000 Đồng (Mức thu 100.000đ/trường hợp.))',
        mo_ta: 'x',
      },
      {hinh_thuc_nop: 'Trực tuyến', thoi_gian: 'Khác', phi_le_phi: 'Phí: 2.000 VND (/trang); Lệ phí: 8.000 VNĐ', mo_ta: ''},
    ])
    expect(rows).toEqual([
      {
        channel: 'direct',
        time: {value: 1, unit: 'unspecified'},
        timeText: '1 Khác',
        fees: [{name: 'Lệ phí', amount: 0, currency: 'VND'}],
        feesText: 'Lệ phí: 0 VNĐ',
      },
      {
        channel: 'postal',
        time: {value: 5, unit: 'working-days'},
        timeText: '5 ngày làm việc',
        fees: [{name: 'Lệ phí', amount: 100000, currency: 'VND', note: 'Lệ phí : 100.000 Đồng (Mức thu 100.000đ/trường hợp.)'}],
        feesText: 'Lệ phí: 100.000 VND (Lệ phí : 100.000 Đồng (Mức thu 100.000đ/trường hợp.))',
        note: 'x',
      },
      {
        channel: 'online',
        timeText: 'Khác',
        fees: [
          {name: 'Phí', amount: 2000, currency: 'VND', note: '/trang'},
          {name: 'Lệ phí', amount: 8000, currency: 'VND'},
        ],
        feesText: 'Phí: 2.000 VND (/trang); Lệ phí: 8.000 VNĐ',
      },
    ])
  })
})

describe('the importer fills processing and the field code', () => {
  const context = {kindHints: loadKindHints()}

  it('from a crawl record', () => {
    const imported = importRecord(
      {
        ma_thu_tuc: '2.000001',
        ten_thu_tuc: 'Thủ tục thử',
        cap_thuc_hien: 'Cấp xã',
        linh_vuc: 'Hộ tịch',
        thanh_phan_ho_so: '--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị1 bản chính',
        cach_thuc_thuc_hien: `${HEADER}Trực tiếp3 Ngày làm việc8,000 Việt Nam Đồng`,
      },
      context,
    )
    expect(imported.schema?.processing).toEqual([
      {
        channel: 'direct',
        time: {value: 3, unit: 'working-days'},
        timeText: '3 Ngày làm việc',
        fees: [{name: 'Phí, lệ phí', amount: 8000, currency: 'VND'}],
        feesText: '8,000 Việt Nam Đồng',
      },
    ])
    expect(imported.schema?.fieldCode).toBeUndefined()
  })

  it('takes MALINHVUC from a LayThuTuc record', () => {
    const imported = importRecord(
      {
        MATTHC: '2.000002',
        TENTTHC: 'Thủ tục thử',
        LINHVUCTHUCHIEN: [{MALINHVUC: 'G15-HT', TENLINHVUC: 'Hộ tịch'}],
        THANHPHANHOSO: [{TRUONGHOP: '', GIAYTO: [{MAGIAYTO: '', TENGIAYTO: 'Đơn', SOBANCHINH: '1', SOBANSAO: '0'}]}],
        KETQUATHUCHIEN: [],
      },
      context,
    )
    expect(imported.schema).toMatchObject({field: 'Hộ tịch', fieldCode: 'G15-HT'})
  })
})
