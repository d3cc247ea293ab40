/**
 * Connections to the Redis behind the queue and the shared dossier-code sequence (ioredis,
 * which BullMQ itself uses). A connection keeps retrying while Redis is away and sends what
 * waited once it is back; the first contact and every wait are bounded by the caller.
 */
import {Redis} from 'ioredis'

import {MissingDependencyError, UsageError} from '../core/errors.js'

export type {Redis} from 'ioredis'

/** The URL as it may be shown: a password in it is replaced by `***`. */
export function shownRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}

export function checkRedisUrl(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError('queue.bad-url', {value: url})
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new UsageError('queue.bad-url', {value: shownRedisUrl(url)})
}

/**
 * A client that retries for ever (BullMQ workers need `maxRetriesPerRequest: null`), after a
 * first PING answered within `waitMs`: no Redis at the URL is exit 7, said at once.
 */
export async function connectRedis(url: string, waitMs: number): Promise<Redis> {
  checkRedisUrl(url)
  const client = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(100 * times, 1000),
  })
  // Errors while Redis is away are expected; the callers' time limits decide what they mean.
  client.on('error', () => {})
  try {
    await withTimeout(client.connect().then(() => client.ping()), waitMs)
    return client
  } catch (error) {
    client.disconnect()
    throw new MissingDependencyError('queue.redis-unreachable', {url: shownRedisUrl(url), detail: (error as Error).message}, {cause: error})
  }
}

/** `work` or a rejection after `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${Math.round(ms / 100) / 10} s`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
