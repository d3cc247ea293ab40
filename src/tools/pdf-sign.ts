/**
 * PAdES baseline B-B signing of one PDF (ETSI EN 319 142-1): @signpdf/placeholder-pdf-lib adds
 * the signature dictionary (/SubFilter /ETSI.CAdES.detached), its widget and the AcroForm;
 * @signpdf/signpdf fills in /ByteRange and /Contents; the CMS comes from ./cms.ts.
 *
 * pdf-lib can only rewrite a whole file, which would drop the original revision (and with it
 * what made the file PDF/A-2b as written). So the document is changed in pdf-lib's memory and
 * only the objects that are new or changed are appended as an incremental update (ISO 32000
 * 7.5.6) with its own cross-reference section: the original bytes stay as they were.
 */
import {createRequire} from 'node:module'
import path from 'node:path'
import {readFile} from 'node:fs/promises'

import fontkit from '@pdf-lib/fontkit'
import {pdflibAddPlaceholder} from '@signpdf/placeholder-pdf-lib'
import {SignPdf} from '@signpdf/signpdf'
import {Signer as SignPdfSigner, SUBFILTER_ETSI_CADES_DETACHED} from '@signpdf/utils'
import {
  beginText,
  endText,
  moveText,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFFont,
  PDFName,
  type PDFObject,
  type PDFRef,
  PDFStream,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
  setFontAndSize,
  setLineWidth,
  setStrokingColor,
  showText,
  stroke,
} from 'pdf-lib'

import {type InkGrid, placeStamp, stampLines, type StampPlacement} from '../core/signature-stamp.js'
import type {Signer, StampFacts} from '../core/signer.js'
import {foldVietnamese} from '../core/text-fold.js'
import {buildCadesSignature} from './cms.js'
import {PdfReader} from './pdfjs.js'

const require = createRequire(import.meta.url)
/** Room for the CMS (hex doubles it): a signer certificate and a CA chain of a few certificates. */
const SIGNATURE_BYTES = 16_384
const FONT_PT = 7
const LINE_PT = 8.6
const PAD_PT = 4
/** Resolution of the rendering that finds blank paper for the stamp. */
const INK_DPI = 36
const INK_LUMINANCE = 150

let fontBytes: Promise<Buffer> | undefined
function stampFontBytes(): Promise<Buffer> {
  fontBytes ??= readFile(path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf'))
  return fontBytes
}

export interface SignPdfInput {
  pdf: Uint8Array
  signer: Signer
  stamp: StampFacts
  signingTime: Date
  /** Application named in the signature's build properties, e.g. `sohoa/0.1.0`. */
  appName: string
}

export interface SignedPdf {
  bytes: Uint8Array
  stamp: StampPlacement
}

export async function signPdfDocument(input: SignPdfInput): Promise<SignedPdf> {
  const original = Buffer.from(input.pdf)
  const doc = await PDFDocument.load(original, {updateMetadata: false})
  doc.registerFontkit(fontkit)
  const before = snapshot(doc)
  const page = doc.getPage(0)
  const font = await doc.embedFont(await stampFontBytes(), {subset: true})
  const lines = stampLines(input.stamp)
  const size = {
    width: Math.max(...lines.map((line) => font.widthOfTextAtSize(line, FONT_PT))) + 2 * PAD_PT,
    height: lines.length * LINE_PT + 2 * PAD_PT - (LINE_PT - FONT_PT),
  }
  const {width: pageWidth, height: pageHeight} = page.getSize()
  const placement = placeStamp({width: pageWidth, height: pageHeight}, size, await inkGrid(input.pdf))
  const appearance = doc.context.register(stampAppearance(doc, font, lines, size, placement.scale))

  const fieldCount = signatureFieldCount(doc)
  pdflibAddPlaceholder({
    pdfDoc: doc,
    pdfPage: page,
    // Literal PDF strings are PDFDocEncoded: the Vietnamese wording is in the stamp, folded here.
    reason: 'So hoa ban giay (Thong tu 01/2023/TT-VPCP)',
    contactInfo: '',
    name: foldVietnamese(input.stamp.name),
    location: foldVietnamese(input.stamp.agency),
    signingTime: input.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    widgetRect: [placement.x, placement.y, placement.x + placement.width, placement.y + placement.height],
    appName: input.appName,
  })
  // The placeholder's widget has an empty appearance; the stamp becomes its appearance, so the
  // widget and the visible stamp are one and the same thing.
  const annots = page.node.lookup(PDFName.of('Annots'), PDFArray)
  const widget = doc.context.lookup(annots.get(annots.size() - 1), PDFDict)
  const emptyAppearance = widget.lookup(PDFName.of('AP'), PDFDict).get(PDFName.of('N'))
  if (emptyAppearance && emptyAppearance !== appearance) doc.context.delete(emptyAppearance as PDFRef)
  widget.set(PDFName.of('AP'), doc.context.obj({N: appearance}))
  widget.set(PDFName.of('T'), PDFString.of(`SohoaSignature${fieldCount + 1}`))
  await font.embed()

  const prepared = Buffer.concat([original, incrementalUpdate(doc, before, original)])
  const bytes = await new SignPdf().sign(prepared, new CadesSigner(input.signer), input.signingTime)
  return {bytes: new Uint8Array(bytes), stamp: placement}
}

/** @signpdf hands over the bytes in the byte range; the CMS is built around the Signer port. */
class CadesSigner extends SignPdfSigner {
  constructor(private readonly signer: Signer) {
    super()
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await buildCadesSignature(pdfBuffer, this.signer))
  }
}

function stampAppearance(
  doc: PDFDocument,
  font: PDFFont,
  lines: string[],
  size: {width: number; height: number},
  scale: number,
): PDFStream {
  const ink = rgb(0.05, 0.15, 0.45)
  const operators = [
    pushGraphicsState(),
    setStrokingColor(ink),
    setLineWidth(0.8 * scale),
    rectangle(0.4, 0.4, size.width * scale - 0.8, size.height * scale - 0.8),
    stroke(),
    setFillingColor(ink),
    beginText(),
    setFontAndSize(PDFName.of('F1'), FONT_PT * scale),
    moveText(PAD_PT * scale, (size.height - PAD_PT - FONT_PT) * scale),
    ...lines.flatMap((line, index) => [...(index > 0 ? [moveText(0, -LINE_PT * scale)] : []), showText(font.encodeText(line))]),
    endText(),
    popGraphicsState(),
  ]
  return doc.context.formXObject(operators, {
    BBox: [0, 0, size.width * scale, size.height * scale],
    Resources: {Font: {F1: font.ref}},
  })
}

/** Page 1 rendered coarsely: dark pixels are content the stamp should not cover. */
async function inkGrid(pdf: Uint8Array): Promise<InkGrid> {
  const reader = await PdfReader.open(pdf)
  try {
    const rendered = await reader.render(1, INK_DPI)
    const cells = new Uint8Array(rendered.width * rendered.height)
    for (let index = 0; index < cells.length; index++) {
      const [r, g, b] = [rendered.data[index * 4]!, rendered.data[index * 4 + 1]!, rendered.data[index * 4 + 2]!]
      cells[index] = 0.299 * r + 0.587 * g + 0.114 * b < INK_LUMINANCE ? 1 : 0
    }
    return {width: rendered.width, height: rendered.height, cells, cellPt: 72 / INK_DPI}
  } finally {
    await reader.close()
  }
}

function signatureFieldCount(doc: PDFDocument): number {
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  return form?.lookupMaybe(PDFName.of('Fields'), PDFArray)?.size() ?? 0
}

interface Snapshot {
  largest: number
  /** Serialised dictionaries and arrays; streams are never changed in place here. */
  objects: Map<string, string>
}

function snapshot(doc: PDFDocument): Snapshot {
  const objects = new Map<string, string>()
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFStream)) objects.set(ref.tag, object.toString())
  }
  return {largest: doc.context.largestObjectNumber, objects}
}

/** The new and changed objects, a cross-reference section for them and a trailer pointing back. */
function incrementalUpdate(doc: PDFDocument, before: Snapshot, original: Buffer): Buffer {
  const changed: Array<[PDFRef, PDFObject]> = doc.context
    .enumerateIndirectObjects()
    .filter(
      ([ref, object]) =>
        ref.objectNumber > before.largest || (!(object instanceof PDFStream) && before.objects.get(ref.tag) !== object.toString()),
    )
    .sort(([a], [b]) => a.objectNumber - b.objectNumber)
  const chunks: Buffer[] = [Buffer.from(original.at(-1) === 0x0a ? '' : '\n', 'latin1')]
  let offset = original.length + chunks[0]!.length
  const offsets: Array<[PDFRef, number]> = []
  for (const [ref, object] of changed) {
    const body = new Uint8Array(object.sizeInBytes())
    object.copyBytesInto(body, 0)
    const header = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1')
    const chunk = Buffer.concat([header, body, Buffer.from('\nendobj\n', 'latin1')])
    offsets.push([ref, offset])
    chunks.push(chunk)
    offset += chunk.length
  }
  const xrefAt = offset
  let xref = 'xref\n'
  for (const run of consecutiveRuns(offsets)) {
    xref += `${run[0]![0].objectNumber} ${run.length}\n`
    for (const [ref, at] of run) xref += `${String(at).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`
  }
  const {Root, Info, ID} = doc.context.trailerInfo
  const trailer = doc.context.obj({
    Size: doc.context.largestObjectNumber + 1,
    Prev: previousXref(original),
    Root,
    ...(Info ? {Info} : {}),
    ...(ID ? {ID} : {}),
  })
  chunks.push(Buffer.from(`${xref}trailer\n${trailer.toString()}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(chunks)
}

function consecutiveRuns(offsets: Array<[PDFRef, number]>): Array<Array<[PDFRef, number]>> {
  const runs: Array<Array<[PDFRef, number]>> = []
  for (const entry of offsets) {
    const last = runs.at(-1)
    if (last && last.at(-1)![0].objectNumber + 1 === entry[0].objectNumber) last.push(entry)
    else runs.push([entry])
  }
  return runs
}

function previousXref(original: Buffer): number {
  const tail = original.subarray(Math.max(0, original.length - 1024)).toString('latin1')
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  if (!match) throw new Error('no startxref at the end of the PDF')
  return Number(match[1])
}
