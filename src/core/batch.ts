/**
 * A batch of dossiers as data (SPEC §7 `batch`): what the journal records, how replaying it
 * gives each dossier's state, the report rows and the exit code. Pure; the journal file, the
 * lock and the run itself live in tools and pipeline.
 */
import {ExitCode} from './exit-codes.js'
import type {MessageParams} from './errors.js'

export const JOURNAL_VERSION = 1

/** One dossier to digitise: a folder or a multi-page file, with its procedure. */
export interface BatchDossier {
  /** Stable key in the journal: the input relative to the batch root (or as the manifest names it), NFC. */
  id: string
  input: string
  procedure: string
  agency: string
  ownerId?: string
  split?: 'auto' | 'per-file'
}

export interface DossierFailure {
  code: string
  params: MessageParams
  exitCode: number
}

export type BatchStage = 'recognised' | 'analysed'

/** Journal lines, appended and synced one by one; the file is only ever appended to. */
export type JournalEvent =
  | {type: 'start'; at: string; pid: number; root: string; dossiers: number}
  | {type: 'planned'; at: string; id: string; input: string; procedure: string; fingerprint: string}
  | {type: 'stage'; at: string; id: string; stage: BatchStage}
  | {type: 'code'; at: string; id: string; code: string}
  | {
      type: 'packaged'
      at: string
      id: string
      code: string
      valid: boolean
      pages: number
      documents: number
      issues: string[]
      seconds: number
    }
  | {type: 'failed'; at: string; id: string; error: DossierFailure; seconds: number}
  | {type: 'finish'; at: string; exitCode: number}

export interface DossierState {
  id: string
  input: string
  procedure: string
  fingerprint: string
  stage?: BatchStage
  code?: string
  packaged?: Extract<JournalEvent, {type: 'packaged'}>
  failed?: Extract<JournalEvent, {type: 'failed'}>
}

export interface JournalState {
  dossiers: Map<string, DossierState>
  starts: number
  finished: boolean
  /** Every code the journal ever gave a dossier, to prove none was handed out twice. */
  codes: string[]
}

/** Replays journal lines in order; a later line about a dossier supersedes an earlier one. */
export function replayJournal(events: readonly JournalEvent[]): JournalState {
  const dossiers = new Map<string, DossierState>()
  const codes: string[] = []
  let starts = 0
  let finished = false
  for (const event of events) {
    if (event.type === 'start') {
      starts += 1
      finished = false
      continue
    }
    if (event.type === 'finish') {
      finished = true
      continue
    }
    if (event.type === 'planned') {
      const known = dossiers.get(event.id)
      dossiers.set(event.id, {
        ...known,
        id: event.id,
        input: event.input,
        procedure: event.procedure,
        fingerprint: known?.packaged ? known.fingerprint : event.fingerprint,
      })
      continue
    }
    const state = dossiers.get(event.id)
    if (!state) continue
    if (event.type === 'stage') state.stage = event.stage
    else if (event.type === 'code') {
      state.code = event.code
      codes.push(event.code)
    } else if (event.type === 'packaged') {
      state.packaged = event
      delete state.failed
    } else if (event.type === 'failed') {
      state.failed = event
      delete state.stage
    }
  }
  return {dossiers, starts, finished, codes}
}

/**
 * `packaged`: valid and packaged; `invalid`: packaged with validation errors; `changed`: packaged
 * earlier from inputs that changed since.
 */
export type DossierStatus = 'packaged' | 'invalid' | 'failed' | 'changed' | 'pending'

export interface BatchRow {
  input: string
  procedure: string
  status: DossierStatus
  dossierCode: string | null
  pages: number | null
  documents: number | null
  /** Validation issue codes (packaged), or the failure's code. */
  issues: string[]
  seconds: number | null
  /** Why it failed or changed, in the user's language (filled at the edge). */
  reason?: string
  failure?: DossierFailure
  /** Done by an earlier run of the same batch and only checked this time. */
  resumed: boolean
}

export function rowFor(state: DossierState, resumed: boolean): BatchRow {
  const base = {input: state.input, procedure: state.procedure, resumed}
  if (state.packaged) {
    const done = state.packaged
    return {
      ...base,
      status: done.valid ? 'packaged' : 'invalid',
      dossierCode: done.code,
      pages: done.pages,
      documents: done.documents,
      issues: done.issues,
      seconds: done.seconds,
    }
  }
  if (state.failed) {
    return {
      ...base,
      status: 'failed',
      dossierCode: null,
      pages: null,
      documents: null,
      issues: [state.failed.error.code],
      seconds: state.failed.seconds,
      failure: state.failed.error,
    }
  }
  return {...base, status: 'pending', dossierCode: state.code ?? null, pages: null, documents: null, issues: [], seconds: null}
}

/** 0 all packaged and valid; 4 all packaged, some invalid; 5 some failed (or changed, or not done). */
export function batchExitCode(rows: readonly BatchRow[]): number {
  if (rows.some((row) => row.status === 'failed' || row.status === 'changed' || row.status === 'pending')) return ExitCode.BatchPartlyFailed
  if (rows.some((row) => row.status === 'invalid')) return ExitCode.DossierInvalid
  return ExitCode.Ok
}

export interface BatchTotals {
  dossiers: number
  packaged: number
  invalid: number
  failed: number
  changed: number
  pending: number
  pages: number
}

export function batchTotals(rows: readonly BatchRow[]): BatchTotals {
  const count = (status: DossierStatus): number => rows.filter((row) => row.status === status).length
  return {
    dossiers: rows.length,
    packaged: count('packaged'),
    invalid: count('invalid'),
    failed: count('failed'),
    changed: count('changed'),
    pending: count('pending'),
    pages: rows.reduce((sum, row) => sum + (row.pages ?? 0), 0),
  }
}

const CSV_COLUMNS = ['input', 'procedure', 'status', 'dossier_code', 'pages', 'documents', 'issues', 'seconds', 'reason'] as const

/** RFC 4180: every field quoted when it holds a comma, quote or line break. */
export function reportCsv(rows: readonly BatchRow[]): string {
  const field = (value: string | number | null | undefined): string => {
    const text = value === null || value === undefined ? '' : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const lines = rows.map((row) =>
    [row.input, row.procedure, row.status, row.dossierCode, row.pages, row.documents, row.issues.join(' '), row.seconds, row.reason]
      .map(field)
      .join(','),
  )
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`
}
