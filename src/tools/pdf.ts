/**
 * Writing searchable PDFs with pdf-lib: the archival image (or the original PDF page) at its
 * physical size, and over it an invisible text layer in an embedded Unicode font (DejaVu
 * Sans from the `dejavu-fonts-ttf` package: pdf-lib's standard fonts cannot encode
 * Vietnamese). Images we decoded ourselves are deflated with Node's zlib, not in JavaScript.
 */
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import path from 'node:path'
import {deflateSync} from 'node:zlib'

import fontkit from '@pdf-lib/fontkit'
import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  TextRenderingMode,
} from 'pdf-lib'

import type {ArchivalImage, OcrResult} from '../core/page.js'

const require = createRequire(import.meta.url)
const POINTS_PER_INCH = 72

/** Affine map [a b c d e f] from OCR-image pixels (origin top left) to PDF user space. */
export type Matrix = [number, number, number, number, number, number]

let fontBytes: Promise<Buffer> | undefined
function textLayerFontBytes(): Promise<Buffer> {
  fontBytes ??= readFile(path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf'))
  return fontBytes
}

export interface PdfMetadata {
  title: string
  creator: string
}

export class SearchablePdf {
  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {}

  static async create(metadata: PdfMetadata): Promise<SearchablePdf> {
    const doc = await PDFDocument.create()
    doc.registerFontkit(fontkit)
    const font = await doc.embedFont(await textLayerFontBytes(), {subset: true})
    doc.setTitle(metadata.title)
    doc.setCreator(metadata.creator)
    doc.setProducer(metadata.creator)
    return new SearchablePdf(doc, font)
  }

  /** A page showing `image` at `dpi` (so its physical size is kept), with the OCR text over it. */
  async addImagePage(image: ArchivalImage, dpi: number, ocr: OcrResult | undefined, ocrSize: {width: number; height: number}): Promise<void> {
    const width = (image.width / dpi) * POINTS_PER_INCH
    const height = (image.height / dpi) * POINTS_PER_INCH
    const page = this.doc.addPage([width, height])
    await this.drawImage(page, image, width, height)
    if (ocr) {
      const sx = width / ocrSize.width
      const sy = height / ocrSize.height
      this.drawTextLayer(page, ocr, [sx, 0, 0, -sy, 0, height])
    }
  }

  /** Copies a page of an existing PDF unchanged and lays the OCR text over it. */
  async addSourcePage(source: PDFDocument, index: number, ocr: OcrResult | undefined, pixelToPdf: Matrix): Promise<void> {
    const [page] = await this.doc.copyPages(source, [index])
    this.doc.addPage(page)
    if (ocr && page) this.drawTextLayer(page, ocr, pixelToPdf)
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({useObjectStreams: false})
  }

  private async drawImage(page: PDFPage, image: ArchivalImage, width: number, height: number): Promise<void> {
    if (image.kind === 'jpeg') {
      const embedded = await this.doc.embedJpg(image.bytes)
      page.drawImage(embedded, {x: 0, y: 0, width, height})
      return
    }
    const stream = this.doc.context.stream(deflateSync(image.data), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      BitsPerComponent: 8,
      ColorSpace: image.channels === 1 ? 'DeviceGray' : 'DeviceRGB',
      Filter: 'FlateDecode',
    })
    const name = page.node.newXObject('Image', this.doc.context.register(stream))
    page.pushOperators(pushGraphicsState(), concatTransformationMatrix(width, 0, 0, height, 0, 0), drawObject(name), popGraphicsState())
  }

  /**
   * One invisible run per word, placed on the word's baseline and squeezed to the word's
   * width, so text selection and search line up with the picture. A space follows each
   * word but the last of a line, so that extractors see word boundaries.
   */
  private drawTextLayer(page: PDFPage, ocr: OcrResult, m: Matrix): void {
    const fontName = page.node.newFontDictionary(this.font.name, this.font.ref)
    const across = normalise(m[0], m[1])
    const up = normalise(-m[2], -m[3])
    const pxToPt = Math.hypot(m[0], m[1])
    const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)]
    for (const line of ocr.lines) {
      const lineHeight = (line.bbox.y1 - line.bbox.y0) * pxToPt
      const fontSize = Math.max(1, lineHeight * 0.8)
      const baseline = line.baselineY ?? line.bbox.y1
      for (const [index, word] of line.words.entries()) {
        const text = index < line.words.length - 1 ? `${word.text} ` : word.text
        const natural = this.font.widthOfTextAtSize(word.text, fontSize)
        const wordWidth = (word.bbox.x1 - word.bbox.x0) * pxToPt
        const x = m[0] * word.bbox.x0 + m[2] * baseline + m[4]
        const y = m[1] * word.bbox.x0 + m[3] * baseline + m[5]
        operators.push(
          setFontAndSize(fontName, fontSize),
          setCharacterSqueeze(natural > 0 ? (100 * wordWidth) / natural : 100),
          setTextMatrix(across.x, across.y, up.x, up.y, x, y),
          showText(this.font.encodeText(text)),
        )
      }
    }
    operators.push(endText(), popGraphicsState())
    page.pushOperators(...operators)
  }
}

function normalise(x: number, y: number): {x: number; y: number} {
  const length = Math.hypot(x, y) || 1
  return {x: x / length, y: y / length}
}

/** Loads an existing PDF with pdf-lib; `encrypted` tells whether it carries an /Encrypt entry. */
export async function loadPdf(bytes: Uint8Array): Promise<{doc: PDFDocument; encrypted: boolean}> {
  const doc = await PDFDocument.load(bytes, {ignoreEncryption: true, updateMetadata: false})
  return {doc, encrypted: doc.isEncrypted}
}
