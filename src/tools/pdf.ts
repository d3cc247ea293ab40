/**
 * Writing searchable PDFs with pdf-lib: the archival image (or the original PDF page) at its
 * physical size, and over it an invisible text layer in an embedded Unicode font (DejaVu
 * Sans from the `dejavu-fonts-ttf` package: pdf-lib's standard fonts cannot encode
 * Vietnamese). Images we decoded ourselves are deflated with Node's zlib, not in JavaScript.
 */
import {createHash} from 'node:crypto'
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
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFObject,
  type PDFPage,
  PDFRef,
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
import {onlyStrip} from './ccitt.js'
import {GLYPHLESS_WIDTH, GlyphlessFonts} from './pdf-glyphless-font.js'
import {srgbIccProfile} from './images.js'

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
  /** Fixed for reproducible output; now by default. */
  date?: Date
  /**
   * Aim for PDF/A-2b (ISO 19005-2, TCVN 14159-2:2024): XMP metadata matching the document
   * information, an sRGB output intent, a file identifier; fonts are always embedded.
   */
  pdfa?: boolean
}

export class SearchablePdf {
  /** Code points the text-layer font can draw; others would show as .notdef, which PDF/A forbids. */
  private readonly drawable: Set<number>

  /**
   * `font`: an embedded subset of a real font (PDF/A outputs, whose validators expect embedded
   * font programs); else `glyphless`, a few hundred bytes instead of ten kilobytes or more.
   */
  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont | undefined,
    private readonly glyphless: GlyphlessFonts | undefined,
  ) {
    this.drawable = new Set(font?.getCharacterSet() ?? [])
  }

  static async create(metadata: PdfMetadata): Promise<SearchablePdf> {
    const doc = await PDFDocument.create({updateMetadata: false})
    doc.registerFontkit(fontkit)
    const font = metadata.pdfa ? await doc.embedFont(await textLayerFontBytes(), {subset: true}) : undefined
    const date = metadata.date ?? new Date()
    doc.setTitle(metadata.title)
    doc.setCreator(metadata.creator)
    doc.setProducer(metadata.creator)
    doc.setCreationDate(date)
    doc.setModificationDate(date)
    if (metadata.pdfa) await markPdfA(doc, metadata, date)
    return new SearchablePdf(doc, font, font ? undefined : new GlyphlessFonts(doc.context))
  }

  /** A page showing `image` at `dpi` (so its physical size is kept), with the OCR text over it. */
  async addImagePage(
    image: ArchivalImage,
    dpi: number,
    ocr: OcrResult | undefined,
    ocrSize: {width: number; height: number},
  ): Promise<void> {
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
    if (page) removeActiveContent(page)
    this.doc.addPage(page)
    if (ocr && page) this.drawTextLayer(page, ocr, pixelToPdf)
  }

  async save(): Promise<Uint8Array> {
    this.glyphless?.finish()
    // Object streams compress the many small dictionaries (about 2 kB a file); PDF/A outputs,
    // which get signed and checked by other tools, keep the classic cross-reference table.
    return this.doc.save({useObjectStreams: this.glyphless !== undefined})
  }

  private async drawImage(page: PDFPage, image: ArchivalImage, width: number, height: number): Promise<void> {
    if (image.kind === 'jpeg') {
      const embedded = await this.doc.embedJpg(image.bytes)
      page.drawImage(embedded, {x: 0, y: 0, width, height})
      return
    }
    const stream = image.kind === 'ccitt' ? this.ccittStream(image) : this.doc.context.stream(deflateSync(image.data), {
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

  /** A bitonal page stays bitonal: the Group 4 strip as it is, 0 black as PDF reads it by default. */
  private ccittStream(image: Extract<ArchivalImage, {kind: 'ccitt'}>) {
    return this.doc.context.stream(onlyStrip(Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.length)), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      BitsPerComponent: 1,
      ColorSpace: 'DeviceGray',
      Filter: 'CCITTFaxDecode',
      DecodeParms: {K: -1, Columns: image.width, Rows: image.height},
    })
  }

  /**
   * One invisible run per word, placed on the word's baseline and squeezed to the word's
   * width, so text selection and search line up with the picture. A space follows each
   * word but the last of a line, so that extractors see word boundaries.
   */
  private drawTextLayer(page: PDFPage, ocr: OcrResult, m: Matrix): void {
    const embedded = this.font
    const fontNames = new Map<number, PDFName>()
    const fontName = (font: number): PDFName => {
      let name = fontNames.get(font)
      if (!name) {
        name = embedded
          ? page.node.newFontDictionary(embedded.name, embedded.ref)
          : page.node.newFontDictionary(`T3g${font}`, this.glyphless!.fontRef(font))
        fontNames.set(font, name)
      }
      return name
    }
    const across = normalise(m[0], m[1])
    const up = normalise(-m[2], -m[3])
    const pxToPt = Math.hypot(m[0], m[1])
    const operators = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)]
    let currentSize: number | undefined
    let currentFont: number | undefined
    for (const line of ocr.lines) {
      const lineHeight = (line.bbox.y1 - line.bbox.y0) * pxToPt
      const fontSize = hundredths(Math.max(1, lineHeight * 0.8))
      const baseline = line.baselineY ?? line.bbox.y1
      for (const [index, word] of line.words.entries()) {
        const wordText = embedded ? this.drawableText(word.text) : word.text.normalize('NFC')
        if (wordText === '') continue
        const text = index < line.words.length - 1 ? `${wordText} ` : wordText
        const natural = embedded
          ? embedded.widthOfTextAtSize(wordText, fontSize)
          : ([...wordText].length * GLYPHLESS_WIDTH * fontSize) / 1000
        const wordWidth = (word.bbox.x1 - word.bbox.x0) * pxToPt
        const x = m[0] * word.bbox.x0 + m[2] * baseline + m[4]
        const y = m[1] * word.bbox.x0 + m[3] * baseline + m[5]
        // Hundredths of a point (or of a percent) are finer than any scan: shorter numbers keep
        // the text layer a small share of a bitonal page's size.
        operators.push(
          setCharacterSqueeze(hundredths(natural > 0 ? (100 * wordWidth) / natural : 100)),
          setTextMatrix(round4(across.x), round4(across.y), round4(up.x), round4(up.y), hundredths(x), hundredths(y)),
        )
        const runs = embedded
          ? [{font: 0, text: embedded.encodeText(text)}]
          : this.glyphless!.encode(text).map((run) => ({font: run.font, text: PDFHexString.of(run.hex)}))
        for (const run of runs) {
          if (fontSize !== currentSize || run.font !== currentFont) operators.push(setFontAndSize(fontName(run.font), fontSize))
          currentSize = fontSize
          currentFont = run.font
          operators.push(showText(run.text))
        }
      }
    }
    operators.push(endText(), popGraphicsState())
    page.pushOperators(...operators)
  }

  /** The word as the font can show it: NFC, characters it lacks replaced by U+FFFD's stand-in '?'. */
  private drawableText(text: string): string {
    return [...text.normalize('NFC')].map((char) => (this.drawable.has(char.codePointAt(0)!) ? char : '?')).join('')
  }
}

/** Annotations that only exist to play or launch something; PDF/A-2 forbids them. */
const ACTIVE_ANNOTATIONS = new Set(['Movie', 'Sound', 'Screen', '3D', 'RichMedia', 'FileAttachment'])

/**
 * An archival copy carries no active content (PDF/A-2, ISO 19005-2 §6.5–6.6): the copied page
 * loses its additional actions (/AA), and its annotations (and the form fields above them)
 * their actions (/A: JavaScript, Launch, …) and /AA; multimedia annotations go altogether.
 * Copying pages never brings the source's catalogue (/OpenAction, document JavaScript) along.
 */
function removeActiveContent(page: PDFPage): void {
  const {node} = page
  dropActions(node, 'AA')
  const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray)
  if (!annots) return
  const kept = PDFArray.withContext(node.context)
  for (let i = 0; i < annots.size(); i += 1) {
    const annot = annots.lookupMaybe(i, PDFDict)
    if (!annot) continue
    const subtype = annot.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText()
    if (subtype && ACTIVE_ANNOTATIONS.has(subtype)) continue
    let dict: PDFDict | undefined = annot
    for (let depth = 0; dict && depth < 32; depth += 1) {
      dropActions(dict, 'A')
      dropActions(dict, 'AA')
      dict = dict.lookupMaybe(PDFName.of('Parent'), PDFDict)
    }
    kept.push(annots.get(i))
  }
  node.set(PDFName.of('Annots'), kept)
}

/**
 * Removes `dict[key]` and, because pdf-lib saves every object copied into the document
 * whether referenced or not, deletes the action objects themselves (their /JS streams and
 * /Next chains too); objects an action merely points at (a page) are left alone.
 */
function dropActions(dict: PDFDict, key: 'A' | 'AA'): void {
  const {context} = dict
  const seen = new Set<PDFObject>()
  const drop = (value: PDFObject | undefined, depth: number): void => {
    if (!value || seen.has(value) || depth > 64) return
    seen.add(value)
    const resolved = value instanceof PDFRef ? context.lookup(value) : value
    if (resolved instanceof PDFArray) resolved.asArray().forEach((item) => drop(item, depth + 1))
    if (resolved instanceof PDFDict) {
      const isAction = resolved.has(PDFName.of('S'))
      if (!isAction) for (const [, item] of resolved.entries()) drop(item, depth + 1)
      else {
        const js = resolved.get(PDFName.of('JS'))
        if (js instanceof PDFRef) context.delete(js)
        drop(resolved.get(PDFName.of('Next')), depth + 1)
      }
      if (value instanceof PDFRef && (isAction || key === 'AA')) context.delete(value)
    }
  }
  drop(dict.get(PDFName.of(key)), 0)
  dict.delete(PDFName.of(key))
}

async function markPdfA(doc: PDFDocument, metadata: PdfMetadata, date: Date): Promise<void> {
  const {context, catalog} = doc
  const xmp = context.stream(new TextEncoder().encode(xmpPacket(metadata, date)), {Type: 'Metadata', Subtype: 'XML'})
  catalog.set(PDFName.of('Metadata'), context.register(xmp))
  const profile = context.flateStream(await srgbIccProfile(), {N: 3})
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFHexString.fromText('sRGB IEC61966-2.1'),
    Info: PDFHexString.fromText('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(profile),
  })
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]))
  const id = PDFHexString.of(createHash('md5').update(`${metadata.title}\u0000${date.toISOString()}\u0000${Math.random()}`).digest('hex'))
  context.trailerInfo.ID = PDFArray.withContext(context)
  ;(context.trailerInfo.ID as PDFArray).push(id)
  ;(context.trailerInfo.ID as PDFArray).push(id)
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** XMP whose title, tool and dates say exactly what the document information dictionary says. */
function xmpPacket(metadata: PdfMetadata, date: Date): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(metadata.title)}</rdf:li></rdf:Alt></dc:title>
<xmp:CreatorTool>${xmlEscape(metadata.creator)}</xmp:CreatorTool>
<xmp:CreateDate>${when}</xmp:CreateDate>
<xmp:ModifyDate>${when}</xmp:ModifyDate>
<pdf:Producer>${xmlEscape(metadata.creator)}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
}

function hundredths(value: number): number {
  return Math.round(value * 100) / 100
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

function normalise(x: number, y: number): {x: number; y: number} {
  const length = Math.hypot(x, y) || 1
  return {x: x / length, y: y / length}
}

/** Loads an existing PDF with pdf-lib; `encrypted` tells whether it carries an /Encrypt entry. */
/** A loaded PDF, as the pipeline holds it between stages (pdf-lib's document, named here so only tools import pdf-lib). */
export type LoadedPdf = PDFDocument

export async function loadPdf(bytes: Uint8Array): Promise<{doc: PDFDocument; encrypted: boolean}> {
  const doc = await PDFDocument.load(bytes, {ignoreEncryption: true, updateMetadata: false})
  return {doc, encrypted: doc.isEncrypted}
}
