/**
 * The OCR engine port: one page image in, what was read out. `src/tools/tesseract.ts`
 * implements it with a pool of tesseract.js workers; a batch starts one engine and passes it
 * to every dossier, and tests plug in a double here.
 */
import type {OcrResult} from './page.js'

export interface OcrRequest {
  /** Milliseconds after which the page is given up (and the worker reading it replaced). */
  timeoutMs?: number
}

export interface OcrEngine {
  /** Workers reading at once; callers keep about this many pages in flight. */
  readonly size: number
  recognize(png: Buffer, request?: OcrRequest): Promise<OcrResult>
}
