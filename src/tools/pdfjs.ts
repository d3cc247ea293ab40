/**
 * Reading PDFs with pdfjs-dist (legacy Node build) and @napi-rs/canvas: page count, whether a
 * page already has text, the resolution of its scanned image, and rendering a page at that
 * resolution for OCR. Fonts for text pages come from pdfjs-dist's own standard_fonts folder.
 */
import {createRequire} from 'node:module'
import path from 'node:path'

import {getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy} from 'pdfjs-dist/legacy/build/pdf.mjs'

import type {Matrix} from './pdf.js'

const require = createRequire(import.meta.url)
const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'))
const POINTS_PER_INCH = 72

export class PdfReadError extends Error {
  constructor(
    readonly reason: 'encrypted' | 'broken',
    detail: string,
  ) {
    super(detail)
    this.name = 'PdfReadError'
  }
}

export interface PdfPageFacts {
  /** Text already on the page, NFC, or '' when there is none. */
  text: string
  /** Resolution of the largest image drawn by the page's content (not by its annotations), if any. */
  imageDpi: number | undefined
  /** That image: its size in pixels, where it is drawn (the unit square's matrix, user space) and the share of the page it covers. */
  image: {pixelWidth: number; pixelHeight: number; matrix: Matrix; coverage: number} | undefined
  /** Share of the page's area under its text (0–1): a signature stamp's few words cover next to nothing. */
  textCoverage: number
  /** The page's /Rotate, in degrees clockwise. */
  rotate: number
  /** Page size as shown (after /Rotate), in points. */
  widthPt: number
  heightPt: number
}

export interface RenderedPage {
  /** RGBA pixels. */
  data: Uint8Array
  width: number
  height: number
  /** Maps a pixel of the rendering to PDF user space (handles /Rotate and the media box). */
  pixelToPdf: Matrix
}

export class PdfReader {
  private constructor(private readonly doc: PDFDocumentProxy) {}

  static async open(bytes: Uint8Array): Promise<PdfReader> {
    const task = getDocument({
      // pdfjs takes ownership of (and may detach) the buffer it is given, and refuses Buffers.
      data: new Uint8Array(bytes),
      standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`,
      cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
      cMapPacked: true,
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    })
    try {
      return new PdfReader(await task.promise)
    } catch (error) {
      await task.destroy()
      const name = (error as {name?: string}).name
      const message = error instanceof Error ? error.message : String(error)
      throw new PdfReadError(name === 'PasswordException' ? 'encrypted' : 'broken', message)
    }
  }

  get pageCount(): number {
    return this.doc.numPages
  }

  async facts(pageNumber: number): Promise<PdfPageFacts> {
    const page = await this.doc.getPage(pageNumber)
    const content = await page.getTextContent()
    const text = content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
      .join('')
      .normalize('NFC')
      .trim()
    const {width, height} = page.getViewport({scale: 1})
    const textArea = content.items.reduce((sum, item) => sum + ('str' in item && item.str.trim() !== '' ? Math.abs(item.width * item.height) : 0), 0)
    const image = await largestImage(page)
    const coverage = image ? Math.abs(image.matrix[0] * image.matrix[3] - image.matrix[1] * image.matrix[2]) / (width * height) : 0
    return {
      text,
      imageDpi: image?.dpi,
      image: image && {pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight, matrix: image.matrix, coverage: Math.min(1, coverage)},
      textCoverage: Math.min(1, textArea / (width * height)),
      rotate: page.rotate,
      widthPt: width,
      heightPt: height,
    }
  }

  async render(pageNumber: number, dpi: number): Promise<RenderedPage> {
    const page = await this.doc.getPage(pageNumber)
    const viewport = page.getViewport({scale: dpi / POINTS_PER_INCH})
    const width = Math.round(viewport.width)
    const height = Math.round(viewport.height)
    const factory = this.doc.canvasFactory as {
      create(w: number, h: number): {canvas: unknown; context: CanvasLike}
      destroy(entry: unknown): void
    }
    const entry = factory.create(width, height)
    entry.context.fillStyle = '#ffffff'
    entry.context.fillRect(0, 0, width, height)
    await page.render({canvasContext: entry.context as never, viewport}).promise
    const data = new Uint8Array(entry.context.getImageData(0, 0, width, height).data)
    factory.destroy(entry)
    page.cleanup()
    return {data, width, height, pixelToPdf: invert(viewport.transform as Matrix)}
  }

  async close(): Promise<void> {
    await this.doc.destroy()
  }
}

interface CanvasLike {
  fillStyle: string
  fillRect(x: number, y: number, w: number, h: number): void
  getImageData(x: number, y: number, w: number, h: number): {data: Uint8ClampedArray}
}

interface DrawnImage {
  dpi: number
  pixelWidth: number
  pixelHeight: number
  matrix: Matrix
  area: number
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject])

/**
 * Follows the page's transforms (form XObjects' /Matrix included) to the largest image its
 * content paints and returns its pixels per inch. Images inside annotations (a signature
 * stamp's seal) are not the scan and are passed over.
 */
async function largestImage(page: PDFPageProxy): Promise<DrawnImage | undefined> {
  const ops = await page.getOperatorList()
  const stack: Matrix[] = []
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  let annotationDepth = 0
  let best: DrawnImage | undefined
  for (const [index, fn] of ops.fnArray.entries()) {
    const args = ops.argsArray[index] as unknown[]
    if (fn === OPS.save) stack.push(ctm)
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm)
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm)
      const matrix = args[0]
      if (Array.isArray(matrix) && matrix.length === 6) ctm = multiply(matrix as Matrix, ctm)
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm
    else if (fn === OPS.beginAnnotation) annotationDepth += 1
    else if (fn === OPS.endAnnotation) annotationDepth = Math.max(0, annotationDepth - 1)
    else if (IMAGE_OPS.has(fn) && annotationDepth === 0) {
      const [pixelWidth, pixelHeight] = imageSize(args)
      const drawnWidth = Math.hypot(ctm[0], ctm[1])
      const drawnHeight = Math.hypot(ctm[2], ctm[3])
      if (!pixelWidth || !pixelHeight || drawnWidth === 0 || drawnHeight === 0) continue
      const area = drawnWidth * drawnHeight
      const dpi = Math.round(((pixelWidth / drawnWidth) * POINTS_PER_INCH + (pixelHeight / drawnHeight) * POINTS_PER_INCH) / 2)
      if (!best || area > best.area) best = {area, dpi, pixelWidth, pixelHeight, matrix: ctm}
    }
  }
  return best
}

function imageSize(args: unknown[]): [number, number] {
  const [first, width, height] = args
  if (typeof width === 'number' && typeof height === 'number') return [width, height]
  const inline = first as {width?: number; height?: number} | undefined
  return [inline?.width ?? 0, inline?.height ?? 0]
}

/** m1 applied after m2, in PDF's row-vector convention. */
function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ]
}

function invert([a, b, c, d, e, f]: Matrix): Matrix {
  const det = a * d - b * c
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]
}
