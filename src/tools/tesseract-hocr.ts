/**
 * Lines and words out of tesseract's hOCR. tesseract.js can also hand them over as a tree of
 * blocks, but building that tree walks every symbol through the wasm boundary (about 0.12 s a
 * page, 7% of the reading); tesseract writes hOCR itself, in C++, for next to nothing.
 *
 * A line is any of tesseract's line classes (`ocr_line`, and `ocr_header`, `ocr_textfloat`,
 * `ocr_caption` for lines it sets apart); its title carries the bbox and the baseline as
 * `baseline <slope> <offset>`, the offset measured from the bbox's bottom-left corner.
 */
import type {Box, OcrLine, OcrWord} from '../core/page.js'

/** A line's opening tag; its words are the ones before the next line's. */
const LINE = /<span class='(?:ocr_line|ocr_header|ocr_textfloat|ocr_caption)'[^>]*title="([^"]*)"[^>]*>/g
const WORD = /<span class='ocrx_word'[^>]*title='([^']*)'[^>]*>([\s\S]*?)<\/span>/g
const BBOX = /bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)/
const BASELINE = /baseline (-?[\d.]+) (-?\d+)/
const CONFIDENCE = /x_wconf (\d+)/

export function hocrLines(hocr: string): OcrLine[] {
  const lines: OcrLine[] = []
  const starts = [...hocr.matchAll(LINE)]
  for (const [index, start] of starts.entries()) {
    const title = start[1] ?? ''
    const body = hocr.slice(start.index + start[0].length, starts[index + 1]?.index ?? hocr.length)
    const bbox = boxOf(title)
    if (!bbox) continue
    const words: OcrWord[] = []
    for (const [, wordTitle = '', inner = ''] of body.matchAll(WORD)) {
      const text = unescapeHtml(inner.replace(/<[^>]*>/g, '')).normalize('NFC')
      const wordBox = boxOf(wordTitle)
      if (text.trim() === '' || !wordBox) continue
      words.push({text, confidence: Number(CONFIDENCE.exec(wordTitle)?.[1] ?? 0), bbox: wordBox})
    }
    if (words.length === 0) continue
    const baseline = BASELINE.exec(title)
    lines.push({words, bbox, ...(baseline ? {baselineY: bbox.y1 + Number(baseline[2])} : {})})
  }
  return lines
}

function boxOf(title: string): Box | undefined {
  const match = BBOX.exec(title)
  if (!match) return undefined
  const [x0, y0, x1, y1] = match.slice(1).map(Number) as [number, number, number, number]
  return {x0, y0, x1, y1}
}

const ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'"}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#(\d+)|#x([\da-f]+));/gi, (entity, name: string, decimal?: string, hex?: string) => {
    if (decimal) return String.fromCodePoint(Number(decimal))
    if (hex) return String.fromCodePoint(Number.parseInt(hex, 16))
    return ENTITIES[name.toLowerCase()] ?? entity
  })
}
