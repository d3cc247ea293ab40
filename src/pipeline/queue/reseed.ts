/**
 * `sohoa code reseed --from <out> --queue …`: rebuilds the Redis code sequence from the bags
 * after Redis lost its data. Each bag's code (bag-info External-Identifier) holds its agency,
 * day and number, and a queued dossier's bag also its input identity (Internal-Sender-Identifier):
 * every counter is raised to the highest number found (never lowered), every dossier gets its
 * code back, and a new marker lets runs go on.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {BAG_INFO, parseBagInfo} from '../../core/bagit.js'
import {formatYYMMDD} from '../../core/calendar.js'
import {parseDossierCode} from '../../core/codes.js'
import {UnreadableInputError} from '../../core/errors.js'
import {resolveDataDir} from '../../tools/data-dir.js'
import {recordMarker, reseedSequence, type SeedEntry} from '../../tools/redis-code-sequence.js'
import {connectRedis, shownRedisUrl} from '../../tools/redis.js'

export interface ReseedOptions {
  from: string[]
  queueUrl: string
  waitRedisMs: number
  dataDir?: string
}

export interface ReseedResult {
  queue: string
  bags: number
  /** The highest number found per agency and day. */
  counters: Array<{agency: string; day: string; last: number}>
  marker: string
}

export async function reseedFromBags(options: ReseedOptions): Promise<ReseedResult> {
  const entries: SeedEntry[] = []
  for (const folder of options.from) entries.push(...(await bagCodes(folder)))
  const url = shownRedisUrl(options.queueUrl)
  const redis = await connectRedis(options.queueUrl, options.waitRedisMs)
  try {
    const marker = await reseedSequence({redis, url}, entries)
    await recordMarker(resolveDataDir(options.dataDir), url, marker)
    const highest = new Map<string, {agency: string; day: string; last: number}>()
    for (const entry of entries) {
      const key = `${entry.agency} ${entry.day}`
      if ((highest.get(key)?.last ?? 0) < entry.sequence) highest.set(key, {agency: entry.agency, day: entry.day, last: entry.sequence})
    }
    return {queue: url, bags: entries.length, counters: [...highest.values()].sort((a, b) => `${a.agency}${a.day}`.localeCompare(`${b.agency}${b.day}`)), marker}
  } finally {
    redis.disconnect()
  }
}

async function bagCodes(folder: string): Promise<SeedEntry[]> {
  const names = await readdir(folder).catch(() => {
    throw new UnreadableInputError('input.not-found', {file: folder})
  })
  const entries: SeedEntry[] = []
  for (const name of names) {
    if (name.startsWith('.')) continue
    const info = await readFile(path.join(folder, name, BAG_INFO), 'utf8').catch(() => undefined)
    if (info === undefined) continue
    const fields = parseBagInfo(info)
    const code = fields.get('External-Identifier') ?? name
    const parsed = parseDossierCode(code)
    if (!parsed.ok) continue
    const key = fields.get('Internal-Sender-Identifier')
    const {agency, date, sequence} = parsed.value
    entries.push({agency, day: formatYYMMDD(date), sequence, code, ...(key ? {key} : {})})
  }
  return entries
}
