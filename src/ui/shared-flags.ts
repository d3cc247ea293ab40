import {Flags} from '@oclif/core'

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
