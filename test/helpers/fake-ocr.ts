/**
 * A fast OCR engine double at our own port (core/ocr-engine.ts), for batch tests where
 * recognition itself is not the point: it "reads" every page as the given lines, with word
 * boxes laid out on a grid, in a few milliseconds. It can be told to fail or hang on chosen
 * calls, as a dying or stuck worker would.
 */
import {SohoaError} from '../../src/core/errors.js'
import type {OcrEngine, OcrRequest} from '../../src/core/ocr-engine.js'
import type {OcrLine, OcrResult} from '../../src/core/page.js'

export interface FakeOcrOptions {
  lines: readonly string[]
  /** Lines for a given call instead (1-based), e.g. a title on one page and running text on the others. */
  linesFor?: (call: number) => readonly string[]
  size?: number
  /** Milliseconds per page, to let a kill land mid-batch. */
  delayMs?: number
  /** Call numbers (1-based) that throw as a crashed worker does. */
  crashOn?: ReadonlySet<number>
  /** Call numbers that never answer: they give up at the request's timeout, as the real pool does. */
  hangOn?: ReadonlySet<number>
}

export class FakeOcr implements OcrEngine {
  readonly size: number
  calls = 0

  constructor(private readonly options: FakeOcrOptions) {
    this.size = options.size ?? 2
  }

  async recognize(_png: Buffer, request: OcrRequest = {}): Promise<OcrResult> {
    this.calls += 1
    const call = this.calls
    if (this.options.crashOn?.has(call)) throw new Error(`worker ${call} exited with code 134`)
    if (this.options.hangOn?.has(call)) {
      const ms = request.timeoutMs ?? 60_000
      await new Promise((resolve) => setTimeout(resolve, ms))
      throw new SohoaError('ocr.timeout', {seconds: ms / 1000}, 3)
    }
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs))
    return fakeReading(this.options.linesFor?.(call) ?? this.options.lines)
  }
}

export function fakeReading(lines: readonly string[]): OcrResult {
  const ocrLines: OcrLine[] = lines.map((text, row) => {
    let x = 40
    const y0 = 40 + row * 30
    const words = text.split(' ').map((word) => {
      const box = {x0: x, y0, x1: x + word.length * 9, y1: y0 + 20}
      x = box.x1 + 9
      return {text: word, confidence: 92, bbox: box}
    })
    return {words, bbox: {x0: 40, y0, x1: x, y1: y0 + 20}, baselineY: y0 + 18}
  })
  return {text: lines.join('\n'), confidence: 92, lines: ocrLines}
}
