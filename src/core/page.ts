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
  /** A bitonal page: a one-strip CCITT Group 4 TIFF (any image reader opens it; the PDF takes its strip as it is). */
  | {kind: 'ccitt'; bytes: Uint8Array; width: number; height: number}
  | {kind: 'raw'; data: Uint8Array; width: number; height: number; channels: 1 | 3}

/** A quarter turn, in degrees clockwise. */
export type Rotation = 0 | 90 | 180 | 270

/**
 * What preprocessing did to a page to make it upright and straight. Applied in this order:
 * turn by `rotation` − `skew` degrees clockwise about the centre (keeping the quarter-turned
 * original frame, new area white), then keep `crop`.
 */
export interface PageCorrections {
  /** Quarter turn applied, clockwise; 0 when the page was upright or orientation uncertain. */
  rotation: Rotation
  /**
   * Skew of the text lines found (degrees clockwise) after the turn; the page is turned back
   * by it. 0 under 0.2° (left as scanned) and with --no-deskew.
   */
  skew: number
  /** Box kept, in pixels of the turned and straightened page; null when nothing was cut. */
  crop: Box | null
  /** 0–1; null when orientation was not looked at (`--no-rotate`, a page with its own text). */
  orientationConfidence: number | null
  /** The page looked sideways or upside down but not clearly enough to turn; left as it is. */
  orientationUncertain: boolean
  /** Set when OCR, not the layout, decided which way is up (the page read far better turned over). */
  orientationByOcr?: boolean
  /** Nothing on the page but paper (noise, bleed-through and punch holes aside). */
  blank: boolean
}

export interface PageResult extends PageCorrections {
  source: PageSource
  text: string
  /** Mean word confidence 0–100; null when the text came from an existing text layer. */
  confidence: number | null
  /**
   * `ocr`: recognised by us; `existing`: the PDF page already had text and was kept; `none`:
   * a blank page kept without reading it (a file whose every page is blank).
   */
  textSource: 'ocr' | 'existing' | 'none'
  dpi: number
  dpiSource: 'file' | 'assumed' | 'pdf'
  /** Resolution of the image OCR read, when it differs from `dpi` (a low-resolution scan read enlarged, large type read reduced). */
  ocrDpi?: number
  /** Size of the page as archived and read, after corrections. */
  width: number
  height: number
  seconds: number
  /** Set when parts of the page were read again (src/pipeline/reread.ts): what, and what it gave. */
  reread?: PageReread
}

/** What was read again on a page after the first reading. */
export interface PageReread {
  /** Blocks of small type (an ID card's) read again enlarged, where that read better. */
  smallTypeBlocks: number
  /** Runs of lines of ordinary type read poorly, read again binarised, where that read better. */
  poorLines?: number
  /** Words run into dotted leaders whose letters, read again alone, gave more letters. */
  gluedWords?: number
  /** Regions of ink no recognised word covered, read on their own, that gave text. */
  lostRegions: number
  linesRecovered: number
  /** Share of the page's ink under a recognised word before the lost regions were read (0–1). */
  coverage?: number
}

/** A page left out of its document, and why; listed in results so that none is lost silently. */
export interface DroppedPage {
  source: PageSource
  /** `blank`: found blank; `clerk`: the clerk took it out (`intake`). */
  reason: 'blank' | 'clerk'
}

/** The resolution used when a file does not say its own. */
export const ASSUMED_DPI = 300
