/**
 * Acquire: from paths on disk to pages. Checks each file before any work (exists, not empty,
 * really the format it claims), and turns every failure into an UnreadableInputError that
 * names the file. Inputs are only ever read.
 */
import {readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'

import type {PDFDocument} from 'pdf-lib'

import {UnreadableInputError} from '../core/errors.js'
import {FORMAT_LABEL, formatFromExtension, sniffFormat} from '../core/input-format.js'
import {sortNatural} from '../core/natural-order.js'
import {ASSUMED_DPI, type InputFormat, type PageSource} from '../core/page.js'
import {type ImageSource, imageFacts, ImageReadError} from '../tools/images.js'
import {loadPdf} from '../tools/pdf.js'
import {PdfReader, PdfReadError, type RenderedPage} from '../tools/pdfjs.js'

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
    }

export interface AcquiredFile extends InputRef {
  format: InputFormat
  pageCount: number
  page(index: number): Promise<AcquiredPage>
  /** The parsed PDF, for copying its pages unchanged into the output. */
  pdf?: PDFDocument
  close(): Promise<void>
}

const PDF_DPI_RANGE = {min: 72, max: 600}

/**
 * Expands the arguments into input files: a file stands for itself, a folder for the
 * files directly in it, in natural name order. A missing path is an error for that path only.
 */
export async function resolveInputs(paths: readonly string[]): Promise<{inputs: InputRef[]; errors: UnreadableInputError[]}> {
  const inputs: InputRef[] = []
  const errors: UnreadableInputError[] = []
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined)
    if (!info) {
      errors.push(new UnreadableInputError('input.not-found', {file: given}))
    } else if (info.isDirectory()) {
      const entries = await readdir(given, {withFileTypes: true})
      const names = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => entry.name)
      for (const name of sortNatural(names)) inputs.push({path: path.join(given, name), name: name.normalize('NFC')})
    } else {
      inputs.push({path: given, name: path.basename(given).normalize('NFC')})
    }
  }
  return {inputs, errors}
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
  return {
    ...input,
    format,
    pageCount: first.pages,
    async page(index) {
      const facts = index === 0 ? first : await imageFacts(bytes, index).catch((error: unknown) => {
        throw imageError(input.path, error)
      })
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
      return {
        kind: 'pdf',
        source: {file: input.name, page: index + 1},
        pdfIndex: index,
        existingText: facts.text,
        width: Math.round((facts.widthPt / 72) * dpi),
        height: Math.round((facts.heightPt / 72) * dpi),
        dpi,
        dpiSource: facts.imageDpi ? 'pdf' : 'assumed',
        render: async (renderDpi) =>
          reader.render(index + 1, renderDpi).catch((error: Error) => {
            throw new UnreadableInputError('input.pdf-broken', {file, detail: firstLine(error.message)}, {cause: error})
          }),
      }
    },
    close: async () => reader.close(),
  }
}

export function imageError(file: string, error: unknown): UnreadableInputError {
  if (error instanceof UnreadableInputError) return error
  const detail = error instanceof ImageReadError || error instanceof Error ? error.message : String(error)
  return new UnreadableInputError('input.image-corrupt', {file, detail}, {cause: error})
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}
