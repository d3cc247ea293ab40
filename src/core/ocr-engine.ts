/**
 * The OCR engine port: one page image in, what was read out. `src/tools/tesseract.ts`
 * implements it with a pool of tesseract.js workers; a batch starts one engine and passes it
 * to every dossier, and tests plug in a double here.
 */
import type {OcrResult} from './page.js'

/** Page segmentation: the whole page (AUTO), one uniform block of text, or one line. */
export type Segmentation = 'auto' | 'block' | 'line'

export interface OcrRequest {
  /** Milliseconds after which the page is given up (and the worker reading it replaced). */
  timeoutMs?: number
  /** `auto` (the default) for a whole page; `block` or `line` for a crop re-read on its own. */
  segmentation?: Segmentation
  /**
   * A further reading of a page already read (a crop read again, the page upside down): read
   * before new pages, so that a page under way finishes, frees its memory and its place in
   * the pipeline, and the next page's preparation overlaps a worker's reading, not its idling.
   */
  followUp?: boolean
}

export interface OcrEngine {
  /** Workers reading at once; callers keep about this many pages in flight. */
  readonly size: number
  recognize(png: Buffer, request?: OcrRequest): Promise<OcrResult>
}
