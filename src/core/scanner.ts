/**
 * The scanner port: what `scan` and `intake` ask of a scanner. src/tools/sane.ts implements it
 * over SANE's `scanimage`; tests plug a double in at the same seam.
 */
import type {SohoaError} from './errors.js'

export const SCAN_SOURCES = ['flatbed', 'adf', 'duplex'] as const
export type ScanSource = (typeof SCAN_SOURCES)[number]

export const SCAN_MODES = ['color', 'gray'] as const
export type ScanMode = (typeof SCAN_MODES)[number]

export const DEFAULT_RESOLUTION = 300

export interface ScannerDevice {
  /** The name to pass as --device, e.g. `test:0` or `epson2:libusb:001:004`. */
  name: string
  vendor: string
  model: string
  type: string
}

export interface ScanRequest {
  /** Absent: the first device found. */
  device?: string
  source: ScanSource
  resolution: number
  mode: ScanMode
  /** At most this many pages; absent: until the feeder is empty (one page on a flatbed). */
  pages?: number
  /** A private folder the scanner may write its raw pages into. */
  workDir: string
}

/** One acquired page: an image file in the request's work folder, in scan order. */
export interface ScannedPage {
  file: string
  dpi: number
}

export interface ScanOutcome {
  device: string
  pages: ScannedPage[]
  /** The batch stopped early (a jam): the pages before it are kept, the clerk is told. */
  interruption?: SohoaError
}

export interface Scanner {
  list(): Promise<ScannerDevice[]>
  scan(request: ScanRequest): Promise<ScanOutcome>
}

/** A page file name in a scan folder: p0001.png, p0002.png … */
export function scanPageName(number: number): string {
  return `p${String(number).padStart(4, '0')}.png`
}

/** The number after the highest pNNNN.png already in the folder, so a second round appends. */
export function nextScanNumber(existing: readonly string[]): number {
  let highest = 0
  for (const name of existing) {
    const match = /^p(\d{4,})\.png$/.exec(name)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return highest + 1
}
