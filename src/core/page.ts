/** Pages as they move through the pipeline: plain data, serialisable, no library types. */

export type InputFormat = 'jpeg' | 'png' | 'tiff' | 'pdf'

/** Where a page came from: the input file's name relative to the input and a 1-based page. */
export interface PageSource {
  file: string
  page: number
}

export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface OcrWord {
  text: string
  confidence: number
  bbox: Box
}

export interface OcrLine {
  words: OcrWord[]
  bbox: Box
  /** y of the baseline at the line's left edge, in image pixels, when the engine knows it. */
  baselineY?: number
}

/** What OCR read on one page, in the OCR image's pixel coordinates. */
export interface OcrResult {
  text: string
  confidence: number
  lines: OcrLine[]
}

/** The archival colour image of a page, kept as the scanner delivered it where possible. */
export type ArchivalImage =
  | {kind: 'jpeg'; bytes: Uint8Array; width: number; height: number}
  | {kind: 'raw'; data: Uint8Array; width: number; height: number; channels: 1 | 3}

export interface PageResult {
  source: PageSource
  text: string
  /** Mean word confidence 0–100; null when the text came from an existing text layer. */
  confidence: number | null
  /** `ocr`: recognised by us; `existing`: the PDF page already had text and was kept. */
  textSource: 'ocr' | 'existing'
  dpi: number
  dpiSource: 'file' | 'assumed' | 'pdf'
  width: number
  height: number
  seconds: number
}

/** The resolution used when a file does not say its own. */
export const ASSUMED_DPI = 300
