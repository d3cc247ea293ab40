import {Flags} from '@oclif/core'

import {SPLIT_MODES} from '../core/dossier.js'
import {defaultJobs} from '../tools/tesseract.js'

/** Flags used by several commands, defined once. */
export const jobsFlag = Flags.integer({
  summary: 'Pages recognised in parallel (one OCR worker each); default: one per CPU core.',
  min: 1,
  max: 64,
  env: 'SOHOA_JOBS',
  default: async () => defaultJobs(),
})

export const outFlag = Flags.directory({
  char: 'o',
  summary: 'Folder for the outputs (created if missing).',
  required: true,
  env: 'SOHOA_OUT',
})

/**
 * Preprocessing switches, shared by every command that reads scans (ocr, run, classify).
 * Turn them into options with `preprocessOptions(flags)`.
 */
export const preprocessFlags = {
  rotate: Flags.boolean({
    summary: 'Turn sideways or upside-down pages upright (--no-rotate leaves them as scanned).',
    allowNo: true,
    default: true,
    env: 'SOHOA_ROTATE',
  }),
  deskew: Flags.boolean({
    summary: 'Straighten pages scanned at a slant of up to 10° (--no-deskew leaves them as scanned).',
    allowNo: true,
    default: true,
    env: 'SOHOA_DESKEW',
  }),
  'keep-blank': Flags.boolean({
    summary: 'Keep blank pages in the outputs instead of dropping them (dropped pages are listed either way).',
    default: false,
    env: 'SOHOA_KEEP_BLANK',
  }),
}

export function preprocessOptions(flags: {rotate: boolean; deskew: boolean; 'keep-blank': boolean}): {
  rotate: boolean
  deskew: boolean
  keepBlank: boolean
} {
  return {rotate: flags.rotate, deskew: flags.deskew, keepBlank: flags['keep-blank']}
}

/** Call as `agencyFlag({required: true})`: every dossier needs its receiving agency. */
export const agencyFlag = Flags.custom<string>({
  summary: 'Agency code of the receiving unit (000.00.00.H56 or H56.24); default from SOHOA_AGENCY.',
  env: 'SOHOA_AGENCY',
})

export const dataDirFlag = Flags.directory({
  summary: 'Where sohoa keeps its dossier-code sequences (default: the user data directory).',
  env: 'SOHOA_DATA_DIR',
})

export const splitFlag = Flags.option({
  summary: 'How pages become documents: auto (separator sheets, titles, ID cards) or per-file (one document per input file).',
  options: SPLIT_MODES,
  default: 'auto' as const,
  env: 'SOHOA_SPLIT',
})()

export const procedureDirFlag = Flags.directory({
  summary: 'Also use the procedure schemas imported into this folder (sohoa procedures import --out).',
  env: 'SOHOA_PROCEDURES_DIR',
  exists: true,
})

/** Personal data stays masked in output (SPEC §8) unless the user asks. */
export const revealFlag = Flags.boolean({summary: 'Show ID numbers in full (they are masked by default).', default: false})

/** Whether to read what a symbolic link in an input folder points at (never silently). */
export const followLinksFlag = Flags.boolean({
  summary: 'Read the files that symbolic links in an input folder point to (by default a link is reported, not read).',
  default: false,
  env: 'SOHOA_FOLLOW_LINKS',
})
