import {describe, expect, it} from 'vitest'

import type {OcrLine, OcrResult} from '../src/core/page.js'
import {lineText, orderByLayout} from '../src/core/page/reading-order.js'

/** A line of words set from `x` at row `y`, 40 px tall, 20 px per character, one space between words. */
function line(y: number, x: number, text: string): OcrLine {
  const words = []
  let left = x
  for (const word of text.split(' ')) {
    const width = word.length * 20
    words.push({text: word, confidence: 90, bbox: {x0: left, y0: y, x1: left + width, y1: y + 40}})
    left += width + 15
  }
  return {words, bbox: {x0: x, y0: y, x1: left - 15, y1: y + 40}}
}

/** Two blocks side by side that tesseract gave as one run of lines, interleaved. */
function merged(y: number, left: string, right: string): OcrLine {
  const a = line(y, 100, left)
  const b = line(y, 1300, right)
  return {words: [...a.words, ...b.words], bbox: {x0: 100, y0: y, x1: b.bbox.x1, y1: y + 40}}
}

const ocr = (lines: OcrLine[]): OcrResult => ({text: lines.map(lineText).join('\n'), confidence: 90, lines})
const texts = (result: OcrResult) => result.lines.map(lineText)

describe('orderByLayout', () => {
  it('reads an agency block whole before the national header beside it', () => {
    const result = orderByLayout(
      ocr([
        merged(100, 'SỞ Y TẾ LẠNG SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
        merged(160, 'BỆNH VIỆN ĐA KHOA', 'Độc lập - Tự do - Hạnh phúc'),
        line(320, 100, 'GIẤY CHỨNG SINH'),
        line(380, 100, 'Họ và tên mẹ: NGUYỄN THỊ LAN'),
      ]),
    )
    expect(texts(result)).toEqual([
      'SỞ Y TẾ LẠNG SƠN',
      'BỆNH VIỆN ĐA KHOA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY CHỨNG SINH',
      'Họ và tên mẹ: NGUYỄN THỊ LAN',
    ])
    expect(result.text).toBe(
      'SỞ Y TẾ LẠNG SƠN\nBỆNH VIỆN ĐA KHOA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n' +
        'GIẤY CHỨNG SINH\nHọ và tên mẹ: NGUYỄN THỊ LAN',
    )
  })

  it('keeps each column of a two-party form together, with a column line of its own', () => {
    const result = orderByLayout(
      ocr([
        line(100, 100, 'Kính gửi: UBND xã An Bình'),
        merged(220, 'Bên nữ', 'Bên nam'),
        merged(280, 'Họ, chữ đệm, tên: LÊ THỊ MAI', 'Họ, chữ đệm, tên: TRẦN VĂN AN'),
        // The left column's address wraps to a second line; the right one does not.
        merged(340, 'Nơi cư trú: Số 5 Lê Lợi,', 'Nơi cư trú: Hà Nội'),
        line(400, 100, 'phường Lê Lợi'),
        merged(460, 'Số định danh: 001190012345', 'Số định danh: 001090054321'),
        line(600, 100, 'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn là tự nguyện.'),
      ]),
    )
    expect(texts(result)).toEqual([
      'Kính gửi: UBND xã An Bình',
      'Bên nữ',
      'Họ, chữ đệm, tên: LÊ THỊ MAI',
      'Nơi cư trú: Số 5 Lê Lợi,',
      'phường Lê Lợi',
      'Số định danh: 001190012345',
      'Bên nam',
      'Họ, chữ đệm, tên: TRẦN VĂN AN',
      'Nơi cư trú: Hà Nội',
      'Số định danh: 001090054321',
      'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn là tự nguyện.',
    ])
  })

  it('orders blocks tesseract gave right block first', () => {
    const result = orderByLayout(
      ocr(
        [
          line(100, 1300, 'Người yêu cầu'),
          line(160, 1300, '(Ký, ghi rõ họ tên)'),
          line(100, 100, 'Người đỡ đẻ'),
          line(160, 100, '(Ký tên)'),
        ],
      ),
    )
    expect(texts(result)).toEqual(['Người đỡ đẻ', '(Ký tên)', 'Người yêu cầu', '(Ký, ghi rõ họ tên)'])
  })

  it('leaves a page of plain lines as tesseract read it, a wide gap on one line included', () => {
    const page = ocr(
      [
        line(100, 100, 'Giới tính: Nam'),
        line(160, 100, 'Họ và tên: NGUYỄN VĂN AN'),
        merged(220, 'Dân tộc: Kinh', 'Quốc tịch: Việt Nam'),
        line(280, 100, 'Nơi sinh: Hà Nội'),
      ],
    )
    expect(orderByLayout(page)).toBe(page)
  })

  it('does not take the lines under a two-block header into its left block', () => {
    const result = orderByLayout(
      ocr([
        merged(100, 'UBND XÃ AN BÌNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
        merged(160, 'HUYỆN YÊN DŨNG', 'Độc lập - Tự do - Hạnh phúc'),
        line(220, 100, 'Số: 12/UBND'),
        line(390, 100, 'GIẤY KHAI SINH'),
      ]),
    )
    expect(texts(result)).toEqual(
      [
        'UBND XÃ AN BÌNH',
        'HUYỆN YÊN DŨNG',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 12/UBND',
        'GIẤY KHAI SINH',
      ],
    )
  })
})
