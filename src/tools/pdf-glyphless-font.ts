/**
 * A font for invisible text only: Type 3 fonts whose glyphs all draw nothing (one shared empty
 * glyph procedure), each glyph 0.5 em wide, with a ToUnicode map so that search, copy and
 * text extraction give the recognised characters. It weighs about a kilobyte where an
 * embedded subset of a real font weighs ten or more, which on a small bitonal page is most of
 * what a text layer adds. A simple font has one-byte codes, so the characters used are spread
 * over as many fonts of 255 codes as needed.
 */
import {PDFName, type PDFContext, type PDFRef} from 'pdf-lib'

/** Glyph width, in thousandths of the font size. */
export const GLYPHLESS_WIDTH = 500
const CODES_PER_FONT = 255

export interface GlyphRun {
  /** Index of the font, for `fontRef`. */
  font: number
  /** The run's one-byte codes as hex. */
  hex: string
  length: number
}

export class GlyphlessFonts {
  private readonly codes = new Map<string, {font: number; code: number}>()
  private readonly chars: string[][] = []
  private readonly refs: PDFRef[] = []

  constructor(private readonly context: PDFContext) {}

  fontRef(font: number): PDFRef {
    return this.refs[font]!
  }

  /** The text as runs of one font each (characters get their codes as they first appear). */
  encode(text: string): GlyphRun[] {
    const runs: GlyphRun[] = []
    for (const char of text) {
      const {font, code} = this.codeOf(char)
      const hex = code.toString(16).padStart(2, '0')
      const last = runs.at(-1)
      if (last && last.font === font) {
        last.hex += hex
        last.length += 1
      } else runs.push({font, hex, length: 1})
    }
    return runs
  }

  /** Writes the font dictionaries, once every page's text is encoded. */
  finish(): void {
    if (this.refs.length === 0) return
    const glyph = this.context.register(this.context.stream(`${GLYPHLESS_WIDTH} 0 d0`))
    this.chars.forEach((chars, font) => {
      const names = chars.map((_, index) => PDFName.of(`g${index + 1}`))
      const charProcs = this.context.obj({})
      for (const name of names) charProcs.set(name, glyph)
      const dict = this.context.obj({
        Type: 'Font',
        Subtype: 'Type3',
        FontBBox: [0, 0, 0, 0],
        FontMatrix: [0.001, 0, 0, 0.001, 0, 0],
        CharProcs: charProcs,
        Encoding: this.context.obj({Type: 'Encoding', Differences: [1, ...names]}),
        FirstChar: 1,
        LastChar: chars.length,
        Widths: chars.map(() => GLYPHLESS_WIDTH),
        Resources: this.context.obj({}),
        ToUnicode: this.context.register(this.context.flateStream(toUnicode(chars))),
      })
      this.context.assign(this.refs[font]!, dict)
    })
  }

  private codeOf(char: string): {font: number; code: number} {
    let known = this.codes.get(char)
    if (!known) {
      let font = this.chars.length - 1
      if (font < 0 || this.chars[font]!.length >= CODES_PER_FONT) {
        this.chars.push([])
        this.refs.push(this.context.nextRef())
        font += 1
      }
      this.chars[font]!.push(char)
      known = {font, code: this.chars[font]!.length}
      this.codes.set(char, known)
    }
    return known
  }
}

function toUnicode(chars: readonly string[]): string {
  const entries = chars.map((char, index) => `<${(index + 1).toString(16).padStart(2, '0')}> <${utf16Hex(char)}>`)
  const blocks: string[] = []
  for (let start = 0; start < entries.length; start += 100) {
    const block = entries.slice(start, start + 100)
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`)
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<00> <FF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n')
}

function utf16Hex(char: string): string {
  let hex = ''
  for (let i = 0; i < char.length; i += 1) hex += char.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()
  return hex
}
