/**
 * Outputs appear atomically (SPEC §8): write a temporary file beside the target, flush it
 * to disk, then rename over the target. A reader sees the old file or the new one, never
 * half of one; a crash leaves at most a stray `.tmp` file.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, open, rename, rm} from 'node:fs/promises'
import path from 'node:path'

import {OutputError} from '../core/errors.js'
import {registerCleanup} from './shutdown.js'

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const directory = path.dirname(file)
  const temporary = path.join(directory, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  // Interrupted mid-write (Ctrl-C), the half-written temporary file is removed too.
  const unregister = registerCleanup(() => rm(temporary, {force: true}))
  try {
    await mkdir(directory, {recursive: true})
    await writeSynced(temporary, data, 'w')
    await rename(temporary, file)
    await syncDirectory(directory)
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => {})
    throw new OutputError('output.cannot-write', {file, reason: (error as Error).message}, {cause: error})
  } finally {
    unregister()
  }
}

/** Writes `data` and flushes it to disk before returning; `wx` refuses an existing file. */
export async function writeSynced(file: string, data: string | Uint8Array, flag: 'w' | 'wx'): Promise<void> {
  const handle = await open(file, flag)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`)
}

/** Makes the rename itself durable (a power cut must not bring the old file back). */
export async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Not every platform can open or sync a directory (Windows); the rename stands anyway.
  }
}
