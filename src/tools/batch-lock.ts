/**
 * One batch per output folder at a time: `<out>/.sohoa-batch/lock` names the process that
 * holds it. A second batch on the same folder refuses while that process lives; once it is
 * gone (finished, or killed with -9) the next run takes the lock at once, with no stale
 * timeout to wait out. Taking the lock is itself serialised by a short proper-lockfile lock,
 * so two runs starting together cannot both win. Processes are checked on this machine only:
 * a batch shared between machines goes through the queue (`--queue`), not a shared folder.
 */
import {readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {OutputError} from '../core/errors.js'
import {writeJsonAtomic} from './atomic-file.js'
import {withFileLock} from './lockfile.js'

export interface LockHolder {
  pid: number
  host: string
  startedAt: string
}

export function lockFile(batchDir: string): string {
  return path.join(batchDir, 'lock')
}

export async function readLockHolder(batchDir: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(lockFile(batchDir), 'utf8')) as LockHolder
  } catch {
    return undefined
  }
}

export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true
  if (holder.pid === process.pid) return true
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the batch lock or throws `batch.locked` naming the holder; returns its release. */
export async function acquireBatchLock(batchDir: string, outDir: string): Promise<() => Promise<void>> {
  const file = lockFile(batchDir)
  await withFileLock(path.join(batchDir, 'lock-guard'), async () => {
    const holder = await readLockHolder(batchDir)
    if (holder && isAlive(holder)) throw new OutputError('batch.locked', {file: outDir, pid: holder.pid, since: holder.startedAt})
    const mine: LockHolder = {pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString()}
    await writeJsonAtomic(file, mine)
  })
  return async () => {
    const holder = await readLockHolder(batchDir)
    if (holder?.pid === process.pid && holder.host === os.hostname()) await rm(file, {force: true})
  }
}
