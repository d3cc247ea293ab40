/**
 * Cross-process locks (proper-lockfile): a `<file>.lock` directory made with mkdir, which is
 * atomic on local file systems, refreshed while held and considered stale when its holder
 * died (so a crash does not block the next run for long).
 */
import {mkdir} from 'node:fs/promises'
import path from 'node:path'

import lockfile from 'proper-lockfile'

import {SohoaError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'

export interface LockOptions {
  /** Milliseconds after which a lock no longer refreshed is taken over. */
  staleMs?: number
  /** Attempts before giving up while another process holds the lock. */
  retries?: number
}

export async function withFileLock<T>(file: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  let release: () => Promise<void>
  try {
    await mkdir(path.dirname(file), {recursive: true})
    release = await lockfile.lock(file, {
      realpath: false,
      stale: options.staleMs ?? 10_000,
      retries: {retries: options.retries ?? 600, factor: 1.3, minTimeout: 2, maxTimeout: 50, randomize: true},
    })
  } catch (error) {
    throw new SohoaError('lock.unavailable', {file, detail: (error as Error).message}, ExitCode.CannotWriteOutput, {cause: error})
  }
  try {
    return await work()
  } finally {
    await release().catch(() => {})
  }
}
