/** Lines and words from tesseract's hOCR (tools/tesseract-hocr.ts), against the block tree tesseract.js builds. */
import path from 'node:path'

import {createWorker, OEM, PSM, type Worker} from 'tesseract.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {renderPage} from '../scripts/lib/page-render.js'
import type {OcrLine} from '../src/core/page.js'
import {hocrLines} from '../src/tools/tesseract-hocr.js'
import {languageFiles} from '../src/tools/tesseract.js'

describe('hocrLines', () => {
  const hocr = [
    "<div class='ocr_page' id='page_1' title='image \"unknown\"; bbox 0 0 800 600; ppageno 0; scan_res 300 300'>",
    " <div class='ocr_carea' id='block_1_1' title=\"bbox 10 10 700 120\">",
    "  <p class='ocr_par' id='par_1_1' lang='vie' title=\"bbox 10 10 700 120\">",
    "   <span class='ocr_header' id='line_1_1' title=\"bbox 10 10 400 50; baseline 0.01 -8; x_size 40; x_descenders 8; x_ascenders 10\">",
    "    <span class='ocrx_word' id='word_1_1' title='bbox 10 12 120 50; x_wconf 96'>Điều</span>",
    "    <span class='ocrx_word' id='word_1_2' title='bbox 130 12 170 50; x_wconf 91'>5&amp;6</span>",
    '   </span>',
    "   <span class='ocr_line' id='line_1_2' title=\"bbox 10 70 700 120; x_size 40\">",
    "    <span class='ocrx_word' id='word_1_3' title='bbox 10 72 200 120; x_wconf 88'>&lt;a&gt;&#39;b&quot;</span>",
    "    <span class='ocrx_word' id='word_1_4' title='bbox 210 72 230 120; x_wconf 10'> </span>",
    '   </span>',
    "   <span class='ocr_textfloat' id='line_1_3' title=\"bbox 10 130 60 150; baseline 0 -2\">",
    "    <span class='ocrx_word' id='word_1_5' title='bbox 10 130 60 150; x_wconf 50'>  </span>",
    '   </span>',
    '  </p>',
    ' </div>',
    "</div>",
  ].join('\n')

  it('reads every kind of line, its words with box and confidence, and the baseline from the bottom-left corner', () => {
    expect(hocrLines(hocr)).toEqual([
      {
        bbox: {x0: 10, y0: 10, x1: 400, y1: 50},
        baselineY: 42,
        words: [
          {text: 'Điều', confidence: 96, bbox: {x0: 10, y0: 12, x1: 120, y1: 50}},
          {text: '5&6', confidence: 91, bbox: {x0: 130, y0: 12, x1: 170, y1: 50}},
        ],
      },
      // No baseline given: none made up. A blank word is dropped, and a line of blanks with it.
      {bbox: {x0: 10, y0: 70, x1: 700, y1: 120}, words: [{text: `<a>'b"`, confidence: 88, bbox: {x0: 10, y0: 72, x1: 200, y1: 120}}]},
    ])
  })

  it('gives NFC text (tesseract may hand over decomposed marks)', () => {
    const decomposed = 'Vie\u0302\u0323t'
    const [line] = hocrLines(hocr.replace('Điều', decomposed))
    expect(line!.words[0]!.text).toBe('Việt')
    expect(line!.words[0]!.text).toBe(decomposed.normalize('NFC'))
  })
})

describe('hOCR against tesseract.js blocks, on a page read for real', () => {
  let worker: Worker
  beforeAll(async () => {
    const [vie] = await languageFiles(['vie'])
    worker = await createWorker(['vie'], OEM.LSTM_ONLY, {langPath: path.dirname(vie!.file), cacheMethod: 'none', gzip: true})
    await worker.setParameters({tessedit_pageseg_mode: PSM.AUTO})
  }, 120_000)
  afterAll(async () => worker?.terminate())

  it('gives the same lines, words, boxes and baselines as the block tree, with confidence to the unit', async () => {
    const png = await renderPage({
      lines: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Điều 5 & 6 <trích> "Luật Căn cước"', 'Họ, chữ đệm và tên: NGUYỄN VĂN AN', '1. Ngày sinh: 01/02/1990'],
      dpi: 300,
      pageMm: {width: 180, height: 60},
      marginMm: 8,
    })
    const {data} = await worker.recognize(png, {}, {text: true, blocks: true, hocr: true})
    const fromBlocks: OcrLine[] = []
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words = line.words
            .filter((word) => word.text.trim() !== '')
            .map((word) => ({text: word.text.normalize('NFC'), confidence: Math.round(word.confidence), bbox: {...word.bbox}}))
          if (words.length > 0) fromBlocks.push({words, bbox: {...line.bbox}, baselineY: line.baseline.y0})
        }
      }
    }
    const fromHocr = hocrLines(data.hocr ?? '')
    expect(fromBlocks.length).toBeGreaterThanOrEqual(4)
    expect(fromHocr.map((line) => line.words.map((word) => word.text).join(' '))).toContain('Điều 5 & 6 <trích> "Luật Căn cước"')
    expect(fromHocr).toEqual(fromBlocks)
  }, 120_000)
})
