import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {type PageContent, type PageStyle, renderLayoutPage} from '../bench/corpus/layout.js'
import type {OcrResult} from '../src/core/page.js'
import {foldVietnamese} from '../src/core/text-fold.js'
import {acquireFile, resolveInputs} from '../src/pipeline/acquire.js'
import {analyseDossier} from '../src/pipeline/analyse.js'
import {preparePage} from '../src/pipeline/preprocess.js'
import {recognise, type RecognisedPage} from '../src/pipeline/recognise.js'
import {finishReading} from '../src/pipeline/reread.js'
import {OcrPool} from '../src/tools/tesseract.js'
import {tempDir} from './helpers/fixtures.js'

const STYLE: PageStyle = {
  font: 'sans',
  sizePt: 12,
  dpi: 200,
  jpeg: false,
  profile: 'clean',
  rotate: 0,
  blur: 0,
  noise: 0,
  contrast: 1,
  seed: 1,
}

const TWO_COLUMNS: PageContent = [
  {columns: [['UBND XÃ AN BÌNH', 'HUYỆN YÊN DŨNG'], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']]},
  'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
  'Kính gửi: Ủy ban nhân dân xã An Bình',
  {
    columns: [
      ['Bên nữ', 'Họ, chữ đệm, tên: LÊ THỊ MAI', 'Ngày, tháng, năm sinh: 05.03.1992', 'Số định danh cá nhân:', '001192012345'],
      ['Bên nam', 'Họ, chữ đệm, tên: TRẦN VĂN AN', 'Ngày, tháng, năm sinh: 1-2-1990', 'Số định danh cá nhân:', '001090054321'],
    ],
  },
  'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện.',
]

const LONG_FORM: PageContent = [
  'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  'Kính gửi: Ủy ban nhân dân phường Hàng Bạc',
  'Họ, chữ đệm, tên người yêu cầu: NGUYỄN VĂN AN',
  'Số định danh cá nhân: 001090012345',
  'Nơi cư trú: Số 12 Lê Lợi, phường Hàng Bạc, Hà Nội',
  'Quan hệ với người được khai sinh: Cha',
  'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:',
  'Họ, chữ đệm, tên: NGUYỄN MINH KHÔI',
  'Ngày, tháng, năm sinh: ngày 12 tháng 3 năm 2024',
  'Giới tính: Nam    Dân tộc: Kinh    Quốc tịch: Việt Nam',
]

const LEADER_FORM: PageContent = [
  'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
  'Kính gửi: Công an xã An Bình',
  '1. Họ, chữ đệm và tên: ..................PHAN THANH KHÔI.............',
  '2. Ngày, tháng, năm sinh: 10/02/1957    3. Giới tính: Nam',
  '4. Số định danh cá nhân: 092057699342',
  '5. Số điện thoại liên hệ: 0981022628',
]

let work: {dir: string; cleanup: () => Promise<void>}
let columnsPage: RecognisedPage
const files: Array<{close: () => Promise<void>}> = []

beforeAll(async () => {
  work = await tempDir()
  await mkdir(path.join(work.dir, 'in'))
  await writeFile(path.join(work.dir, 'in', 'columns.png'), await renderLayoutPage(TWO_COLUMNS, STYLE))
  await writeFile(path.join(work.dir, 'in', 'form.png'), await renderLayoutPage(LONG_FORM, STYLE))
  await writeFile(path.join(work.dir, 'in', 'leaders.png'), await renderLayoutPage(LEADER_FORM, STYLE))
  const [file] = await recognise([path.join(work.dir, 'in', 'columns.png')], {jobs: 1, forceOcr: false}, async (done) => done)
  if (file?.status !== 'ok') throw new Error(`columns.png not read: ${JSON.stringify(file)}`)
  files.push(file.file)
  columnsPage = file.pages[0]!
}, 300_000)

afterAll(async () => {
  await Promise.allSettled(files.map(async (file) => file.close()))
  await work?.cleanup()
})

const position = (text: string, phrase: string) => foldVietnamese(text).indexOf(foldVietnamese(phrase))

describe('a generated two-column page through the pipeline', () => {
  it('gives each block whole, left block first, in the page text', () => {
    const text = columnsPage.result.text
    const left = ['UBND XÃ AN BÌNH', 'HUYỆN YÊN DŨNG', 'CỘNG HÒA XÃ HỘI', 'Bên nữ', 'LÊ THỊ MAI', '001192012345']
    for (const phrase of [...left, 'Bên nam', 'TRẦN VĂN AN', '001090054321']) {
      expect(position(text, phrase), phrase).toBeGreaterThanOrEqual(0)
    }
    expect(position(text, 'HUYỆN YÊN DŨNG')).toBeLessThan(position(text, 'CỘNG HÒA XÃ HỘI'))
    expect(position(text, '001192012345')).toBeLessThan(position(text, 'Bên nam'))
    expect(position(text, 'LÊ THỊ MAI')).toBeLessThan(position(text, 'TRẦN VĂN AN'))
    // The text layer is drawn from the lines in this same order.
    const layer = columnsPage.ocr!.lines.map((line) => line.words.map((word) => word.text).join(' ')).join(' ')
    expect(layer.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '))
  })

  it('reads each party of the marriage declaration from its own column', async () => {
    const analysed = await analyseDossier([columnsPage], {split: 'auto', readQr: false})
    const fields = analysed.documents[0]!.document.fields
    expect(analysed.documents[0]!.document.kind).toBe('to-khai-ket-hon')
    expect(fields.requesterName?.parties).toEqual(['LÊ THỊ MAI', 'TRẦN VĂN AN'])
    expect(fields.requesterIdNumber?.parties).toEqual(['001192012345', '001090054321'])
  })
})

describe('a page whose first reading lost a block', () => {
  it('finds the uncovered ink, reads it again and records that it did', async () => {
    const {inputs} = await resolveInputs([path.join(work.dir, 'in', 'form.png')])
    const file = await acquireFile(inputs[0]!)
    files.push(file)
    const prepared = await preparePage(await file.page(0), {forceOcr: false})
    const pool = await OcrPool.start(1)
    try {
      const whole = await pool.recognize(prepared.ocr!.png)
      const wanted = (line: OcrResult['lines'][number]) => line.words.map((word) => word.text).join(' ')
      const folded = (line: OcrResult['lines'][number]) => foldVietnamese(wanted(line))
      // As tesseract does on a noisy page: everything from the address to the child's name is missing.
      const start = whole.lines.findIndex((line) => folded(line).startsWith('noi cu tru'))
      const end = whole.lines.findIndex((line) => folded(line).includes('minh kh'))
      expect(start).toBeGreaterThan(0)
      expect(end).toBeGreaterThan(start)
      const lost: OcrResult = {...whole, lines: [...whole.lines.slice(0, start), ...whole.lines.slice(end + 1)]}
      const finished = await finishReading(prepared, lost, (png, segmentation) => pool.recognize(png, {segmentation}))
      const text = finished.ocr.lines.map(wanted).join('\n')
      expect(position(text, 'NGUYỄN MINH KH')).toBeGreaterThan(0)
      expect(position(text, 'Quan hệ với người được khai sinh')).toBeGreaterThan(position(text, 'Số định danh cá nhân'))
      expect(position(text, 'Ngày, tháng, năm sinh')).toBeGreaterThan(position(text, 'NGUYỄN MINH KH'))
      expect(finished.reread?.lostRegions).toBeGreaterThanOrEqual(1)
      expect(finished.reread?.linesRecovered).toBeGreaterThanOrEqual(4)
      // A page read whole the first time is left alone and records nothing.
      expect((await finishReading(prepared, whole, (png, segmentation) => pool.recognize(png, {segmentation}))).reread).toBeUndefined()
    } finally {
      await pool.close()
    }
  })
})

/** The page's first reading as the pool gives it, and a way to finish a reading of it. */
async function readWhole(name: string) {
  const {inputs} = await resolveInputs([path.join(work.dir, 'in', name)])
  const file = await acquireFile(inputs[0]!)
  files.push(file)
  const prepared = await preparePage(await file.page(0), {forceOcr: false})
  const pool = await OcrPool.start(1)
  const whole = await pool.recognize(prepared.ocr!.png)
  const finish = async (reading: OcrResult) => finishReading(prepared, reading, (png, segmentation) => pool.recognize(png, {segmentation}))
  return {whole, finish, close: async () => pool.close()}
}

const lineText = (line: OcrResult['lines'][number]) => line.words.map((word) => word.text).join(' ')

// bench:accuracy, seeds 1 and 2: on clean pages with dotted leaders tesseract read whole lines as
// garbage (a black-and-white copy reads them right) and dropped the letter touching the dots
// ("PHAN THANH KHÔ............."). Both are simulated on a real reading of such a page.
describe('a page whose first reading garbled lines or dropped a letter at a leader', () => {
  it('reads a run of poorly read lines again binarised, keeps the better reading and records it', async () => {
    const page = await readWhole('leaders.png')
    try {
      const at = page.whole.lines.findIndex((line) => foldVietnamese(lineText(line)).includes('so dinh danh'))
      expect(at).toBeGreaterThan(0)
      const garbled = page.whole.lines.map((line, index) =>
        index === at ? {...line, words: line.words.map((word) => ({...word, text: word.text.replace(/[\p{L}\p{N}]/gu, 'x'), confidence: 30}))} : line,
      )
      const finished = await page.finish({...page.whole, lines: garbled})
      expect(finished.ocr.text).toContain('092057699342')
      expect(position(finished.ocr.text, 'Số định danh cá nhân')).toBeGreaterThan(0)
      expect(finished.reread?.poorLines).toBe(1)
    } finally {
      await page.close()
    }
  })

  it('reads the letters of a word run into leader dots again on their own', async () => {
    const page = await readWhole('leaders.png')
    try {
      const named = page.whole.lines.findIndex((line) => line.words.some((word) => word.text.startsWith('KHÔ')))
      expect(named).toBeGreaterThan(0)
      const dropped = page.whole.lines.map((line, index) =>
        index === named ? {...line, words: line.words.map((word) => (word.text.startsWith('KHÔ') ? {...word, text: 'KHÔ.............'} : word))} : line,
      )
      const finished = await page.finish({...page.whole, lines: dropped})
      expect(finished.ocr.text).toMatch(/PHAN THANH KHÔI\.{3,}/)
      expect(finished.reread?.gluedWords).toBe(1)
    } finally {
      await page.close()
    }
  })
})
