/**
 * The dossier-code sequence in Redis (SPEC §3.1 across machines): the second implementation of
 * the CodeAllocator port, for `batch --queue` and `worker`. One counter per agency and day,
 * taken with an atomic INCR inside a Lua script that also:
 * - gives a dossier the code it already has (a hash keyed by the dossier's input identity),
 *   so a job delivered twice never takes two numbers;
 * - refuses when the marker key written at first use is gone or different: a Redis that was
 *   restarted without persistence has lost its counters, and counting again from 1 would
 *   reuse codes. `sohoa code reseed --from <out>` rebuilds the counters from the bags (each
 *   bag's code holds its number) and writes a new marker.
 */
import {randomUUID} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {type CalendarDay, formatYYMMDD} from '../core/calendar.js'
import type {CodeAllocator} from '../core/code-allocator.js'
import {SEQUENCE_MAX} from '../core/codes.js'
import {MissingDependencyError, SohoaError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import {writeJsonAtomic} from './atomic-file.js'
import type {Redis} from './redis.js'

const PREFIX = 'sohoa:sequence'
const MARKER = `${PREFIX}:marker`
const ASSIGNED = `${PREFIX}:assigned`
const LOST = 'SOHOA_SEQUENCE_LOST'
const EXHAUSTED = 'SOHOA_SEQUENCE_EXHAUSTED'

export function counterKey(agency: string, day: string): string {
  return `${PREFIX}:${agency}:${day}`
}

// KEYS: marker, counter, assigned. ARGV: expected marker, dossier key, code prefix, max.
const ALLOCATE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('${LOST}') end
local given = redis.call('HGET', KEYS[3], ARGV[2])
if given then return given end
local n = redis.call('INCR', KEYS[2])
if n > tonumber(ARGV[4]) then
  redis.call('DECR', KEYS[2])
  return redis.error_reply('${EXHAUSTED}')
end
local code = ARGV[3] .. string.format('%04d', n)
redis.call('HSET', KEYS[3], ARGV[2], code)
return code
`

// KEYS: counter, assigned. ARGV: number, dossier key (may be empty), code. Raises, never lowers.
const RAISE = `
local n = tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < n then redis.call('SET', KEYS[1], n) end
if ARGV[2] ~= '' then redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) end
return 1
`

export interface SequenceLocation {
  redis: Redis
  /** The URL as shown in messages. */
  url: string
}

export async function sequenceMarker(redis: Redis): Promise<string | null> {
  return redis.get(MARKER)
}

/**
 * The marker of a sequence fit to use, created on first use. `evidence` names something that
 * proves codes were handed out before (bags in the output, this machine's record of the
 * marker): then a missing marker means Redis lost its data, and the run is refused (exit 7).
 */
export async function ensureSequenceMarker(
  where: SequenceLocation,
  evidence: () => Promise<string | undefined>,
): Promise<string> {
  const existing = await sequenceMarker(where.redis)
  if (existing) return existing
  const proof = await evidence()
  if (proof) throw new MissingDependencyError('queue.sequence-lost', {url: where.url, evidence: proof})
  await where.redis.set(MARKER, randomUUID(), 'NX')
  return (await sequenceMarker(where.redis))!
}

/** The CodeAllocator port for one dossier: its code if it has one, else the next of the day. */
export function redisCodeAllocator(where: SequenceLocation, dossierKey: string, marker: string): CodeAllocator {
  return {
    async allocate(agency: string, day: CalendarDay) {
      const yymmdd = formatYYMMDD(day)
      try {
        const code = await where.redis.eval(ALLOCATE, 3, MARKER, counterKey(agency, yymmdd), ASSIGNED, marker, dossierKey, `${agency}-${yymmdd}-`, SEQUENCE_MAX)
        return String(code)
      } catch (error) {
        const message = (error as Error).message
        if (message.includes(LOST)) throw new MissingDependencyError('queue.sequence-lost', {url: where.url, evidence: `marker ${marker}`})
        if (message.includes(EXHAUSTED))
          throw new SohoaError('code.sequence.exhausted', {agency, day: yymmdd, max: SEQUENCE_MAX}, ExitCode.CannotWriteOutput)
        throw error
      }
    },
  }
}

/** The code a dossier was given, if any. */
export async function assignedCode(redis: Redis, dossierKey: string): Promise<string | undefined> {
  return (await redis.hget(ASSIGNED, dossierKey)) ?? undefined
}

export interface SeedEntry {
  agency: string
  day: string
  sequence: number
  code: string
  /** The dossier key the bag records, when it does. */
  key?: string
}

/** Raises each counter to the highest number found, remembers each dossier's code, and marks the sequence. */
export async function reseedSequence(where: SequenceLocation, entries: readonly SeedEntry[]): Promise<string> {
  for (const entry of entries) {
    await where.redis.eval(RAISE, 2, counterKey(entry.agency, entry.day), ASSIGNED, entry.sequence, entry.key ?? '', entry.code)
  }
  await where.redis.set(MARKER, randomUUID(), 'NX')
  return (await sequenceMarker(where.redis))!
}

export async function counterValue(redis: Redis, agency: string, day: string): Promise<number> {
  return Number((await redis.get(counterKey(agency, day))) ?? 0)
}

/** This machine's record of the markers it has seen, per Redis URL (`<data dir>/queue-sequences.json`). */
export function markerRecordFile(dataDir: string): string {
  return path.join(dataDir, 'queue-sequences.json')
}

export async function recordedMarker(dataDir: string, url: string): Promise<string | undefined> {
  return (await readMarkerRecord(dataDir))[url]
}

export async function recordMarker(dataDir: string, url: string, marker: string): Promise<void> {
  const record = await readMarkerRecord(dataDir)
  if (record[url] === marker) return
  await writeJsonAtomic(markerRecordFile(dataDir), {...record, [url]: marker})
}

async function readMarkerRecord(dataDir: string): Promise<Record<string, string>> {
  try {
    const value = JSON.parse(await readFile(markerRecordFile(dataDir), 'utf8')) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {}
  } catch {
    return {}
  }
}
