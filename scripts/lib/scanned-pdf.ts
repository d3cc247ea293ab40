/**
 * Scanned PDFs as archives receive them, for tests and benchmarks: one full-page image per
 * page, bitonal pages as CCITT Group 4 (encoded by libtiff's ppm2tiff, package
 * libtiff-tools), grey and colour pages as JPEG (bytes kept as given). Page 1 can carry what
 * signed gazette PDFs add to a scan: a signature stamp drawn by an annotation (a small image
 * in its appearance stream), a tiny text layer, or a small second image.
 */
import {PDFDocument, PDFName, StandardFonts} from 'pdf-lib'
import sharp from 'sharp'

import {encodeG4} from '../../src/tools/ccitt.js'

export type ScanKind = 'bitonal' | 'grey' | 'colour'

export interface ScannedPage {
  /** The page as rendered (PNG or JPEG bytes), at `dpi`. */
  image: Buffer
  dpi: number
}

/**
 * What else page 1 holds besides its scan. `form-wrapped`: the page's drawing moved into a
 * form XObject whose /Matrix scales it down by 0.24, the inside scaled up to match (as tools
 * that stamp signed pages write it).
 */
export type PageExtra = 'annotation-stamp' | 'tiny-text' | 'second-image' | 'form-wrapped'

export interface ScannedPdfOptions {
  kind: ScanKind
  extras?: readonly PageExtra[]
  /** JPEG quality of grey and colour scans (a scanner's usual 75 by default). */
  quality?: number
}

export async function scannedPdf(pages: readonly ScannedPage[], options: ScannedPdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create({updateMetadata: false})
  for (const [index, page] of pages.entries()) {
    const meta = await sharp(page.image).metadata()
    const width = meta.width!
    const height = meta.height!
    const widthPt = (width / page.dpi) * 72
    const heightPt = (height / page.dpi) * 72
    const pdfPage = doc.addPage([widthPt, heightPt])
    const name = pdfPage.node.newXObject('Im', await scanImage(doc, page.image, width, height, options))
    const extras = index === 0 ? (options.extras ?? []) : []
    const scale = extras.includes('form-wrapped') ? 0.24 : 1
    const operators = [`q ${fmt(widthPt / scale)} 0 0 ${fmt(heightPt / scale)} 0 0 cm /${name.decodeText()} Do Q`]
    if (scale !== 1) {
      const form = doc.context.flateStream(operators.join('\n'), {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, widthPt / scale, heightPt / scale],
        Matrix: [scale, 0, 0, scale, 0, 0],
        Resources: pdfPage.node.Resources()!,
      })
      const formName = pdfPage.node.newXObject('Fm', doc.context.register(form))
      operators.splice(0, 1, `q /${formName.decodeText()} Do Q`)
    }
    operators.push(...(await addExtras(doc, pdfPage, extras, widthPt, heightPt)))
    const content = doc.context.flateStream(operators.join('\n'))
    pdfPage.node.set(PDFName.of('Contents'), doc.context.register(content))
  }
  return doc.save({useObjectStreams: false})
}

async function scanImage(doc: PDFDocument, image: Buffer, width: number, height: number, options: ScannedPdfOptions) {
  if (options.kind === 'bitonal') {
    const grey = await sharp(image).greyscale().extractChannel(0).raw().toBuffer()
    const g4 = await encodeG4(grey, width, height)
    if (!g4) throw new Error('ppm2tiff (Debian package libtiff-tools) is needed to make CCITT scans')
    const stream = doc.context.stream(g4, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      BitsPerComponent: 1,
      ColorSpace: 'DeviceGray',
      Filter: 'CCITTFaxDecode',
      DecodeParms: {K: -1, Columns: width, Rows: height, BlackIs1: false},
    })
    return doc.context.register(stream)
  }
  let jpeg = sharp(image)
  if (options.kind === 'grey') jpeg = jpeg.greyscale()
  const bytes = await jpeg.jpeg({quality: options.quality ?? 75}).toBuffer()
  const stream = doc.context.stream(bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: 8,
    ColorSpace: options.kind === 'grey' ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'DCTDecode',
  })
  return doc.context.register(stream)
}

/** A red round seal, 160 px square, as RGB pixels deflated. */
async function sealImage(doc: PDFDocument) {
  const size = 160
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <circle cx="80" cy="80" r="70" fill="none" stroke="#d01010" stroke-width="10"/>
    <text x="80" y="92" font-size="34" text-anchor="middle" fill="#d01010">KÝ SỐ</text></svg>`
  const raw = await sharp(Buffer.from(svg)).flatten({background: '#ffffff'}).removeAlpha().raw().toBuffer()
  const stream = doc.context.flateStream(raw, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: size,
    Height: size,
    BitsPerComponent: 8,
    ColorSpace: 'DeviceRGB',
  })
  return doc.context.register(stream)
}

async function addExtras(
  doc: PDFDocument,
  page: ReturnType<PDFDocument['addPage']>,
  extras: readonly PageExtra[],
  widthPt: number,
  heightPt: number,
): Promise<string[]> {
  const operators: string[] = []
  const stampPt = 90
  const x = widthPt - stampPt - 40
  const y = 40
  if (extras.includes('annotation-stamp')) {
    const seal = await sealImage(doc)
    // The appearance draws the seal in a 1 × 1 box scaled by its own /Matrix, as signing tools do.
    const appearance = doc.context.stream(`q 1 0 0 1 0 0 cm /Seal Do Q`, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, 1, 1],
      Matrix: [stampPt, 0, 0, stampPt, 0, 0],
      Resources: {XObject: {Seal: seal}},
    })
    const annot = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Stamp',
      Rect: [x, y, x + stampPt, y + stampPt],
      F: 4,
      AP: {N: doc.context.register(appearance)},
    })
    page.node.addAnnot(doc.context.register(annot))
  }
  if (extras.includes('second-image')) {
    const name = page.node.newXObject('Seal', await sealImage(doc))
    operators.push(`q ${stampPt} 0 0 ${stampPt} ${fmt(x)} ${fmt(y + stampPt + 10)} cm /${name.decodeText()} Do Q`)
  }
  if (extras.includes('tiny-text')) {
    const font = await doc.embedFont(StandardFonts.Helvetica)
    const fontName = page.node.newFontDictionary(font.name, font.ref)
    const lines = ['Ky boi: Cong bao Chinh phu', 'Thoi gian ky: 07.12.2026 09:15:00 +07:00']
    operators.push(`BT /${fontName.decodeText()} 5 Tf`)
    lines.forEach((line, index) => operators.push(`1 0 0 1 ${fmt(x - 120)} ${fmt(heightPt - 20 - index * 7)} Tm (${line}) Tj`))
    operators.push('ET')
  }
  return operators
}

function fmt(value: number): string {
  return value.toFixed(3).replace(/\.?0+$/, '')
}
