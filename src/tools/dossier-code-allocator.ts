/**
 * Hands out dossier codes `<agency>-<YYMMDD>-<NNNN>` from a sequence kept per agency in
 * `<data dir>/sequences/<agency>.json`. Under the file's lock it reads the last number,
 * writes the new one atomically, and only then returns: two processes never get the same
 * number, and a crash after the write leaves a gap, never a reuse (SPEC §3.1).
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {isAgencyCode} from '../core/agency.js'
import {type CalendarDay, vietnamDay} from '../core/calendar.js'
import type {CodeAllocator} from '../core/code-allocator.js'
import {dossierCodesFor, emptySequenceState, isSequenceState, type SequenceState, takeNext} from '../core/dossier-sequence.js'
import {SohoaError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {writeJsonAtomic} from './atomic-file.js'
import {resolveDataDir} from './data-dir.js'
import {withFileLock} from './lockfile.js'

export interface AllocateOptions {
  agency: string
  /** Reception day; defaults to today in Asia/Ho_Chi_Minh. */
  day?: CalendarDay
  count?: number
  dataDir?: string
  /** How long a dead holder's lock blocks others (proper-lockfile's minimum is 5 s). */
  lockStaleMs?: number
}

export interface AllocationResult {
  agency: string
  codes: string[]
  sequenceFile: string
}

export function sequenceFile(dataDir: string, agency: string): string {
  return path.join(dataDir, 'sequences', `${agency}.json`)
}

export async function allocateDossierCodes(options: AllocateOptions): Promise<AllocationResult> {
  const {agency} = options
  if (!isAgencyCode(agency)) throw new UsageError('code.agency.format', {value: agency})
  const count = options.count ?? 1
  const day = options.day ?? vietnamDay(new Date())
  const file = sequenceFile(resolveDataDir(options.dataDir), agency)
  return withFileLock(file, async () => {
    const current = await readState(file, agency)
    const {state, sequences} = takeNext(current, day, count)
    await writeJsonAtomic(file, state)
    return {agency, codes: dossierCodesFor(agency, day, sequences), sequenceFile: file}
  }, {staleMs: options.lockStaleMs})
}

async function readState(file: string, agency: string): Promise<SequenceState> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptySequenceState(agency)
    throw new SohoaError('sequence.unreadable', {file, detail: (error as Error).message}, ExitCode.CannotWriteOutput, {cause: error})
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    value = undefined
  }
  // Never guess a number from a damaged file: guessing low would reuse codes.
  if (!isSequenceState(value, agency)) throw new SohoaError('sequence.damaged', {file}, ExitCode.CannotWriteOutput)
  return value
}

/** The CodeAllocator port over the sequence file in `dataDir` (the user data directory by default). */
export function sequenceCodeAllocator(dataDir?: string): CodeAllocator {
  return {
    async allocate(agency, day) {
      const [code] = (await allocateDossierCodes({agency, day, dataDir})).codes
      return code!
    },
  }
}
