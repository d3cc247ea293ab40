/**
 * Outputs appear atomically (SPEC §8): write a temporary file beside the target, flush it
 * to disk, then rename over the target. A reader sees the old file or the new one, never
 * half of one; a crash leaves at most a stray `.tmp` file.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, open, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'

import {InterruptedError, OutputError} from '../core/errors.js'
import {interrupted, registerCleanup} from './shutdown.js'

/** The longest file name (in bytes) that common file systems take: ext4, XFS, NTFS, APFS. */
const NAME_MAX = 255

/**
 * `.<name>.<pid>.<random>.tmp` beside the target; the name part is cut short (at a character
 * boundary) when the whole would exceed the file-system limit, so that any final name that
 * fits also gets a temporary name that fits.
 */
export function temporaryName(file: string): string {
  const suffix = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  let name = path.basename(file)
  while (Buffer.byteLength(`.${name}${suffix}`) > NAME_MAX) name = [...name].slice(0, -1).join('')
  return path.join(path.dirname(file), `.${name}${suffix}`)
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const directory = path.dirname(file)
  const temporary = temporaryName(file)
  let writing: Promise<void> | undefined
  // Interrupted (Ctrl-C) before the write starts, it never starts; interrupted during it, the
  // cleanup waits for the write and rename to end, then removes what is left of the temporary
  // file (removing it while the write was still opening it left a stray .tmp behind).
  const unregister = registerCleanup(async () => {
    await writing?.catch(() => {})
    await rm(temporary, {force: true})
  })
  try {
    await mkdir(directory, {recursive: true})
    if (interrupted()) throw new InterruptedError()
    writing = writeSynced(temporary, data, 'w').then(() => rename(temporary, file))
    await writing
    await syncDirectory(directory)
  } catch (error) {
    await rm(temporary, {force: true}).catch(() => {})
    if (error instanceof InterruptedError) throw error
    throw outputError(file, error)
  } finally {
    unregister()
  }
}

const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS'])

/** A write failure in words: a read-only folder says so (the bare errno alone misleads). */
export function outputError(file: string, error: unknown): OutputError {
  if (error instanceof OutputError) return error
  const code = (error as NodeJS.ErrnoException).code ?? ''
  if (NOT_WRITABLE.has(code)) return new OutputError('output.read-only', {file, reason: code}, {cause: error})
  if (code === 'ENOTDIR') return new OutputError('output.not-a-folder', {file, reason: code}, {cause: error})
  return new OutputError('output.cannot-write', {file, reason: (error as Error).message}, {cause: error})
}

/**
 * Checks, before any long work, that `folder` is (or can be made) a folder this process may
 * write into: creates it, writes and removes a probe file.
 */
export async function checkWritableFolder(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined)
  if (info && !info.isDirectory()) throw new OutputError('output.not-a-folder', {file: folder, reason: 'ENOTDIR'})
  const probe = path.join(folder, `.sohoa-probe.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await mkdir(folder, {recursive: true})
    await writeSynced(probe, '', 'wx')
  } catch (error) {
    const failed = outputError(folder, error)
    if (failed.code !== 'output.cannot-write') throw failed
    throw new OutputError('output.cannot-write', {file: folder, reason: failed.params.reason ?? ''}, {cause: error})
  } finally {
    await rm(probe, {force: true}).catch(() => {})
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
