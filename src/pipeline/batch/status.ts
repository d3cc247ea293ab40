/** `sohoa batch status <out>`: what the journal of a running or finished batch says, read without its lock. */
import {stat} from 'node:fs/promises'
import path from 'node:path'

import {type BatchRow, batchTotals, type BatchTotals, type JournalEvent, replayJournal, rowFor} from '../../core/batch.js'
import {UnreadableInputError} from '../../core/errors.js'
import {isAlive, readLockHolder} from '../../tools/batch-lock.js'
import {readJournal} from '../../tools/journal.js'
import {BATCH_DIR, JOURNAL_FILE} from './run-batch.js'

export interface BatchStatus {
  out: string
  state: 'running' | 'finished' | 'stopped'
  /** The running process, when there is one. */
  holder?: {pid: number; startedAt: string}
  runs: number
  totals: BatchTotals
  rows: BatchRow[]
  /** Codes the journal gave out, in order; each at most once. */
  codes: string[]
}

export async function batchStatus(outDir: string): Promise<BatchStatus> {
  const batchDir = path.join(outDir, BATCH_DIR)
  const journalFile = path.join(batchDir, JOURNAL_FILE)
  if (!(await stat(journalFile).catch(() => undefined))) throw new UnreadableInputError('batch.no-journal', {file: outDir})
  const replayed = replayJournal(await readJournal<JournalEvent>(journalFile))
  const holder = await readLockHolder(batchDir)
  const running = holder !== undefined && holder.pid !== process.pid && isAlive(holder)
  const rows = [...replayed.dossiers.values()].map((state) => rowFor(state, false))
  return {
    out: outDir,
    state: running ? 'running' : replayed.finished ? 'finished' : 'stopped',
    ...(running ? {holder: {pid: holder.pid, startedAt: holder.startedAt}} : {}),
    runs: replayed.starts,
    totals: batchTotals(rows),
    rows,
    codes: replayed.codes,
  }
}
