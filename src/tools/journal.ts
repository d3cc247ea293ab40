/**
 * The batch journal: an append-only JSON Lines file, each line synced to disk before the
 * step it records is taken as done. Chosen over SQLite (better-sqlite3) because it needs no
 * native build on a fresh machine, a crash can at worst tear the last line (which replay
 * drops), and its few lines per dossier are read back in milliseconds even for thousands of
 * dossiers. A reader (`batch status`) needs no lock: it reads whole lines only.
 */
import {type FileHandle, mkdir, open, readFile} from 'node:fs/promises'
import path from 'node:path'

import {OutputError} from '../core/errors.js'
import {syncDirectory} from './atomic-file.js'

export class Journal<E> {
  private constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async open<E>(file: string): Promise<Journal<E>> {
    try {
      await mkdir(path.dirname(file), {recursive: true})
      const handle = await open(file, 'a')
      await syncDirectory(path.dirname(file))
      const journal = new Journal<E>(file, handle)
      // A torn last line (power cut mid-write) must not glue itself to the next event.
      const text = await readFile(file, 'utf8')
      if (text !== '' && !text.endsWith('\n')) await handle.write('\n')
      return journal
    } catch (error) {
      throw new OutputError('output.cannot-write', {file, reason: (error as Error).message}, {cause: error})
    }
  }

  /** Appends one event and returns once it is on disk. */
  async append(event: E): Promise<void> {
    try {
      await this.handle.write(`${JSON.stringify(event)}\n`)
      await this.handle.datasync()
    } catch (error) {
      throw new OutputError('output.cannot-write', {file: this.file, reason: (error as Error).message}, {cause: error})
    }
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => {})
  }
}

/** Every whole, parsable line; a torn or damaged line is skipped (it recorded nothing that finished). */
export async function readJournal<E>(file: string): Promise<E[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const events: E[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      events.push(JSON.parse(line) as E)
    } catch {
      // the line a crash cut short
    }
  }
  return events
}
