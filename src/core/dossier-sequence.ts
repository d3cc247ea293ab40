/**
 * The per-agency, per-day sequence behind dossier codes, as pure data. The store that
 * keeps it on disk (src/tools/dossier-sequence-store.ts) locks, reads, calls `takeNext`,
 * and writes before handing out the number, so a crash can leave a gap but never a reuse.
 */
import {type CalendarDay, formatYYMMDD} from './calendar.js'
import {buildDossierCode, SEQUENCE_MAX} from './codes.js'
import {SohoaError} from './errors.js'
import {ExitCode} from './exit-codes.js'

/** One agency's counters: the last number handed out on each day (key `YYMMDD`). */
export interface SequenceState {
  version: 1
  agency: string
  last: Record<string, number>
}

export function emptySequenceState(agency: string): SequenceState {
  return {version: 1, agency, last: {}}
}

export interface Allocation {
  state: SequenceState
  sequences: number[]
}

/** Reserve `count` consecutive numbers for that day; the state returned is the one to persist. */
export function takeNext(state: SequenceState, day: CalendarDay, count = 1): Allocation {
  const key = formatYYMMDD(day)
  const last = state.last[key] ?? 0
  if (last + count > SEQUENCE_MAX) {
    throw new SohoaError('code.sequence.exhausted', {agency: state.agency, day: key, max: SEQUENCE_MAX}, ExitCode.CannotWriteOutput)
  }
  const sequences = Array.from({length: count}, (_, index) => last + index + 1)
  return {state: {...state, last: {...state.last, [key]: last + count}}, sequences}
}

export function dossierCodesFor(agency: string, day: CalendarDay, sequences: readonly number[]): string[] {
  return sequences.map((sequence) => buildDossierCode({agency, date: day, sequence}))
}

/** Accepts what the store read back; anything else means the file was damaged. */
export function isSequenceState(value: unknown, agency: string): value is SequenceState {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<SequenceState>
  if (candidate.version !== 1 || candidate.agency !== agency) return false
  if (typeof candidate.last !== 'object' || candidate.last === null) return false
  return Object.entries(candidate.last).every(
    ([key, last]) => /^\d{6}$/.test(key) && Number.isInteger(last) && last >= 0 && last <= SEQUENCE_MAX,
  )
}
