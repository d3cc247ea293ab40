/**
 * Acquire: from paths on disk to pages. Checks each file before any work (exists, not empty,
 * really the format it claims), and turns every failure into an UnreadableInputError that
 * names the file. Inputs are only ever read.
 */
import type {Dirent} from 'node:fs'
import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'


import {UnreadableInputError} from '../core/errors.js'
import {FORMAT_LABEL, formatFromExtension, sniffFormat} from '../core/input-format.js'
import {sortNatural} from '../core/natural-order.js'
import {ASSUMED_DPI, type InputFormat, type PageSource} from '../core/page.js'
import {checkImageDecodes, IMAGE_PIXEL_LIMIT, type ImageFacts, type ImageSource, imageFacts, ImageReadError} from '../tools/images.js'
import type {LoadedPdf, Matrix} from '../tools/pdf.js'
import type {EmbeddedScan} from '../tools/pdf-images.js'
import type {PdfPageFacts, RenderedPage} from '../tools/pdfjs.js'

/** An input file to process: where it is and the name it goes by in reports and records. */
export interface InputRef {
  path: string
  /** Relative to the input folder, or the file's base name; NFC. */
  name: string
}

export type AcquiredPage =
  | {
      kind: 'image'
      source: PageSource
      /** The file on disk, for error messages. */
      path: string
      image: ImageSource
      dpi: number
      dpiSource: 'file' | 'assumed'
      /** A JPEG needing no rotation is archived byte for byte. */
      keepJpegBytes: boolean
    }
  | {
      kind: 'pdf'
      source: PageSource
      pdfIndex: number
      /** Text the page already carries; OCR is skipped when present unless forced. */
      existingText: string
      /** Page size in pixels at `dpi`. */
      width: number
      height: number
      dpi: number
      dpiSource: 'pdf' | 'assumed'
      render: (dpi: number) => Promise<RenderedPage>
      /**
       * The page's scan, to be decoded straight from its stream (no rendering), when the page
       * is one upright image covering it; `pixelToPdf` maps its pixels to the page.
       */
      scan?: {image: EmbeddedScan; pixelToPdf: Matrix}
    }

export interface AcquiredFile extends InputRef {
  format: InputFormat
  pageCount: number
  page(index: number): Promise<AcquiredPage>
  /** The parsed PDF, for copying its pages unchanged into the output. */
  pdf?: LoadedPdf
  close(): Promise<void>
}

const PDF_DPI_RANGE = {min: 72, max: 600}
/**
 * Largest rendering of a PDF page, in pixels: 250 megapixels (1 GB as RGBA) holds an A0 sheet
 * at 300 dpi; a vector page of 200 × 200 inches (PDF's own maximum) would need 3.6 gigapixels.
 */
const PDF_RENDER_PIXEL_LIMIT = 250_000_000

export interface ResolveOptions {
  /** Read the target of a symbolic link inside an input folder (off: the link is reported). */
  followLinks?: boolean
}

/**
 * Expands the arguments into input files: a file stands for itself, a folder for the
 * files directly in it, in natural name order. A missing path is an error for that path only.
 * Every entry of a folder is either an input or an error naming it: a symbolic link (unless
 * `followLinks`), a FIFO, a device, a sub-folder are never silently dropped; only hidden
 * entries (`.DS_Store`, editors' swap files) are passed over. A folder with no page files
 * is itself an error.
 */
export async function resolveInputs(
  paths: readonly string[],
  options: ResolveOptions = {},
): Promise<{inputs: InputRef[]; errors: UnreadableInputError[]}> {
  const inputs: InputRef[] = []
  const errors: UnreadableInputError[] = []
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined)
    if (!info) {
      errors.push(new UnreadableInputError('input.not-found', {file: given}))
    } else if (info.isDirectory()) {
      const listed = await listFolder(given, options)
      if (listed.inputs.length === 0 && listed.errors.length === 0) errors.push(new UnreadableInputError('input.no-pages', {file: given}))
      inputs.push(...listed.inputs)
      errors.push(...listed.errors)
    } else {
      inputs.push({path: given, name: path.basename(given).normalize('NFC')})
    }
  }
  return {inputs, errors}
}

async function listFolder(folder: string, options: ResolveOptions): Promise<{inputs: InputRef[]; errors: UnreadableInputError[]}> {
  const entries = await readdir(folder, {withFileTypes: true}).catch((error: NodeJS.ErrnoException) => {
    throw new UnreadableInputError('input.unreadable', {file: folder, detail: error.code ?? error.message}, {cause: error})
  })
  const inputs: InputRef[] = []
  const errors: UnreadableInputError[] = []
  const visible = new Map(entries.filter((entry) => !entry.name.startsWith('.')).map((entry) => [entry.name, entry]))
  for (const name of sortNatural([...visible.keys()])) {
    const entry = visible.get(name)!
    const file = path.join(folder, name)
    const problem = await entryProblem(entry, file, options)
    if (problem) errors.push(problem)
    else inputs.push({path: file, name: name.normalize('NFC')})
  }
  return {inputs, errors}
}

/** Why a folder entry is not a page file to read, or undefined when it is one. */
async function entryProblem(entry: Dirent, file: string, options: ResolveOptions): Promise<UnreadableInputError | undefined> {
  if (entry.isFile()) return undefined
  if (entry.isSymbolicLink()) {
    if (!options.followLinks) return new UnreadableInputError('input.symlink-not-followed', {file})
    const target = await stat(file).catch((error: NodeJS.ErrnoException) => error)
    if (target instanceof Error) {
      const code = target.code === 'ELOOP' ? 'input.symlink-loop' : 'input.symlink-broken'
      return new UnreadableInputError(code, {file, detail: target.code ?? ''})
    }
    if (target.isFile()) return undefined
    return new UnreadableInputError('input.special-file', {file, kind: entryKind(target)})
  }
  return new UnreadableInputError('input.special-file', {file, kind: entryKind(entry)})
}

function entryKind(entry: Pick<Dirent, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>): string {
  if (entry.isDirectory()) return 'folder'
  if (entry.isFIFO()) return 'FIFO'
  if (entry.isSocket()) return 'socket'
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device'
  return 'special'
}

export async function acquireFile(input: InputRef): Promise<AcquiredFile> {
  const file = input.path
  const info = await stat(file).catch(() => undefined)
  if (!info) throw new UnreadableInputError('input.not-found', {file})
  if (!info.isFile()) throw new UnreadableInputError('input.not-a-file', {file})
  if (info.size === 0) throw new UnreadableInputError('input.empty', {file})
  const bytes = await readFile(file).catch((error: Error) => {
    throw new UnreadableInputError('input.unreadable', {file, detail: error.message}, {cause: error})
  })
  const format = sniffFormat(bytes)
  if (!format) {
    const claimed = formatFromExtension(file)
    if (!claimed) throw new UnreadableInputError('input.unsupported-type', {file})
    const extension = path.extname(file).slice(1)
    throw new UnreadableInputError('input.not-an-image', {file, expected: FORMAT_LABEL[claimed], extension})
  }
  return format === 'pdf' ? acquirePdf(input, bytes) : acquireImage(input, bytes, format)
}

async function acquireImage(input: InputRef, bytes: Buffer, format: InputFormat): Promise<AcquiredFile> {
  const first = await imageFacts(bytes).catch((error: unknown) => {
    throw imageError(input.path, error)
  })
  checkPixelCount(input.path, first)
  return {
    ...input,
    format,
    pageCount: first.pages,
    async page(index) {
      const facts = index === 0 ? first : await imageFacts(bytes, index).catch((error: unknown) => {
        throw imageError(input.path, error)
      })
      checkPixelCount(input.path, facts)
      // libtiff's decoding errors on one page of many do not stop the later pipeline (it
      // yields a dark or grey page, then taken for blank): decode the page strictly first.
      if (format === 'tiff') {
        await checkImageDecodes(bytes, index).catch((error: unknown) => {
          const params = {file: input.path, page: index + 1, detail: errorDetail(error)}
          throw new UnreadableInputError('input.page-undecodable', params, {cause: error})
        })
      }
      return {
        kind: 'image',
        source: {file: input.name, page: index + 1},
        path: input.path,
        image: {bytes, page: index},
        dpi: facts.density ?? ASSUMED_DPI,
        dpiSource: facts.density ? 'file' : 'assumed',
        keepJpegBytes: format === 'jpeg' && (facts.orientation ?? 1) === 1,
      }
    },
    async close() {},
  }
}

async function acquirePdf(input: InputRef, bytes: Buffer): Promise<AcquiredFile> {
  const file = input.path
  // The PDF libraries load on the first PDF: they cost 0.7 s to import, which a run of page
  // images would spend before its first page (every command's start-up, too).
  const [{loadPdf}, {embeddedScan}, {PdfReader, PdfReadError}] = await Promise.all([
    import('../tools/pdf.js'),
    import('../tools/pdf-images.js'),
    import('../tools/pdfjs.js'),
  ])
  const loaded = await loadPdf(bytes).catch((error: Error) => {
    throw new UnreadableInputError('input.pdf-broken', {file, detail: firstLine(error.message)}, {cause: error})
  })
  if (loaded.encrypted) throw new UnreadableInputError('input.pdf-encrypted', {file})
  const reader = await PdfReader.open(bytes).catch((error: unknown) => {
    if (error instanceof PdfReadError && error.reason === 'encrypted') throw new UnreadableInputError('input.pdf-encrypted', {file})
    throw new UnreadableInputError('input.pdf-broken', {file, detail: firstLine((error as Error).message)}, {cause: error})
  })
  if (reader.pageCount === 0) {
    await reader.close()
    throw new UnreadableInputError('input.pdf-no-pages', {file})
  }
  return {
    ...input,
    format: 'pdf',
    pageCount: reader.pageCount,
    pdf: loaded.doc,
    async page(index) {
      const facts = await reader.facts(index + 1).catch((error: Error) => {
        throw new UnreadableInputError('input.pdf-broken', {file, detail: firstLine(error.message)}, {cause: error})
      })
      const dpi = facts.imageDpi ? clamp(facts.imageDpi, PDF_DPI_RANGE.min, PDF_DPI_RANGE.max) : ASSUMED_DPI
      const scan = scanOf(loaded.doc, index, facts, embeddedScan)
      return {
        kind: 'pdf',
        source: {file: input.name, page: index + 1},
        pdfIndex: index,
        existingText: isScanWithStamp(facts) ? '' : facts.text,
        width: scan ? scan.image.width : Math.round((facts.widthPt / 72) * dpi),
        height: scan ? scan.image.height : Math.round((facts.heightPt / 72) * dpi),
        ...(scan ? {scan} : {}),
        dpi,
        dpiSource: facts.imageDpi ? 'pdf' : 'assumed',
        render: async (renderDpi) => {
          const size = {width: Math.round((facts.widthPt / 72) * renderDpi), height: Math.round((facts.heightPt / 72) * renderDpi)}
          if (size.width * size.height > PDF_RENDER_PIXEL_LIMIT) {
            const limit = megapixels(PDF_RENDER_PIXEL_LIMIT)
            throw new UnreadableInputError('input.pdf-page-too-large', {file, page: index + 1, ...size, dpi: renderDpi, limit})
          }
          return reader.render(index + 1, renderDpi).catch((error: Error) => {
            throw new UnreadableInputError('input.pdf-broken', {file, detail: firstLine(error.message)}, {cause: error})
          })
        },
      }
    },
    close: async () => reader.close(),
  }
}

type EmbeddedScanOf = (typeof import('../tools/pdf-images.js'))['embeddedScan']

/** A scan covering at least this share of its page makes the page a scanned page. */
const SCAN_COVERAGE = 0.5
/** Text covering less than this share of a scanned page is a stamp's or a signature's, not the page's text. */
const STAMP_TEXT_COVERAGE = 0.02

/**
 * A scanned page whose only text is a few words stamped on it (a digital signature's "signed
 * by", a registry number): its text is not the page's, so the scan is read all the same.
 */
function isScanWithStamp(facts: PdfPageFacts): boolean {
  return facts.text !== '' && (facts.image?.coverage ?? 0) >= SCAN_COVERAGE && facts.textCoverage < STAMP_TEXT_COVERAGE
}

/** The page's scan, to decode from its own stream, when it is drawn upright over most of the page. */
function scanOf(
  doc: LoadedPdf,
  index: number,
  facts: PdfPageFacts,
  embeddedScan: EmbeddedScanOf,
): {image: EmbeddedScan; pixelToPdf: Matrix} | undefined {
  const drawn = facts.image
  if (!drawn || drawn.coverage < SCAN_COVERAGE || facts.rotate % 360 !== 0) return undefined
  const [a, b, c, d, e, f] = drawn.matrix
  if (b !== 0 || c !== 0 || a <= 0 || d <= 0) return undefined
  const image = embeddedScan(doc, index, drawn.pixelWidth, drawn.pixelHeight)
  if (!image) return undefined
  // Pixel (x, y), rows from the top, to user space: the image fills the unit square under the matrix.
  return {image, pixelToPdf: [a / image.width, 0, 0, -d / image.height, e, f + d]}
}

/** A decompression bomb is refused on its header, before any pixel is decoded. */
function checkPixelCount(file: string, facts: ImageFacts): void {
  if (facts.width * facts.height > IMAGE_PIXEL_LIMIT) {
    const limit = megapixels(IMAGE_PIXEL_LIMIT)
    throw new UnreadableInputError('input.image-too-large', {file, width: facts.width, height: facts.height, limit})
  }
}

export function imageError(file: string, error: unknown): UnreadableInputError {
  if (error instanceof UnreadableInputError) return error
  const detail = error instanceof ImageReadError || error instanceof Error ? error.message : String(error)
  return new UnreadableInputError('input.image-corrupt', {file, detail}, {cause: error})
}

/** Limits in megapixels: a bare 9-digit number would read as (and be masked like) an ID. */
function megapixels(pixels: number): number {
  return Math.round(pixels / 1e6)
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? firstLine(error.message) : String(error)
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}
