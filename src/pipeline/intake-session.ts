/**
 * An intake session: one dossier being taken in at the desk, kept in a folder so that a crash
 * or a closed terminal loses nothing (`intake --resume`). Every round of papers goes to
 * `rounds/NN/` and is recognised once into `work/round-NN/`; the clerk's fixes are saved as
 * edits and replayed over each new analysis; the draft is saved after every step.
 */
import {randomBytes} from 'node:crypto'
import {copyFile, mkdir, readdir, readFile, stat} from 'node:fs/promises'
import path from 'node:path'

import {applyEdits, type DraftEdit} from '../core/draft-edits.js'
import type {DossierDraft, PageRecord} from '../core/dossier-draft.js'
import type {OcrEngine} from '../core/ocr-engine.js'
import type {ProcedureSchema} from '../core/procedure.js'
import {writeJsonAtomic} from '../tools/atomic-file.js'
import {analyseDraft} from './analyse-draft.js'
import {savePageList} from './page-store.js'
import {recogniseDossier} from './recognise-dossier.js'

export const SESSION_FILE = 'session.json'

export interface SessionState {
  sessionVersion: 1
  procedure: string
  agency: string
  startedAt: string
  rounds: number
  edits: DraftEdit[]
  /** The package, once made: the session is finished. */
  packaged?: {dossierCode: string; path: string}
}

export interface IntakeSession {
  dir: string
  state: SessionState
  pages: PageRecord[]
  draft: DossierDraft | undefined
}

export const roundsDir = (session: IntakeSession): string => path.join(session.dir, 'rounds')
export const workDir = (session: IntakeSession): string => path.join(session.dir, 'work')
const draftFile = (dir: string): string => path.join(dir, 'draft.json')
const pagesFile = (dir: string): string => path.join(dir, 'pages.json')

export async function createSession(root: string, procedure: string, agency: string, now: Date): Promise<IntakeSession> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')
  const dir = path.join(root, `${stamp}-${randomBytes(3).toString('hex')}`)
  await mkdir(path.join(dir, 'rounds'), {recursive: true})
  const session: IntakeSession = {
    dir,
    state: {sessionVersion: 1, procedure, agency, startedAt: now.toISOString(), rounds: 0, edits: []},
    pages: [],
    draft: undefined,
  }
  await saveSession(session)
  return session
}

export async function saveSession(session: IntakeSession): Promise<void> {
  await writeJsonAtomic(pagesFile(session.dir), session.pages)
  if (session.draft) await writeJsonAtomic(draftFile(session.dir), session.draft)
  await writeJsonAtomic(path.join(session.dir, SESSION_FILE), session.state)
}

/** The most recent unfinished session under `root`, if any. */
export async function latestOpenSession(root: string): Promise<IntakeSession | undefined> {
  const names = (await readdir(root).catch(() => [] as string[])).sort().reverse()
  for (const name of names) {
    const dir = path.join(root, name)
    const state = await readJson<SessionState>(path.join(dir, SESSION_FILE))
    if (!state || state.packaged) continue
    const pages = (await readJson<PageRecord[]>(pagesFile(dir))) ?? []
    const draft = await readJson<DossierDraft>(draftFile(dir))
    return {dir, state, pages, draft}
  }
  return undefined
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** A folder for the next round's page files. */
export async function nextRoundFolder(session: IntakeSession): Promise<string> {
  const folder = path.join(roundsDir(session), String(session.state.rounds + 1).padStart(2, '0'))
  await mkdir(folder, {recursive: true})
  return folder
}

/** Copies picked files (or a folder's files) into a round folder, in natural order, named after the originals. */
export async function copyIntoRound(picked: string, folder: string): Promise<void> {
  const info = await stat(picked)
  const files = info.isDirectory() ? (await readdir(picked)).filter((name) => !name.startsWith('.')).map((name) => path.join(picked, name)) : [picked]
  for (const file of files) if ((await stat(file)).isFile()) await copyFile(file, path.join(folder, path.basename(file)))
}

/**
 * Recognises the round in `folder` (pages OCRed once, kept in the session), then analyses the
 * whole dossier again and replays the clerk's edits over it.
 */
export async function addRound(session: IntakeSession, folder: string, engine: OcrEngine, schema: ProcedureSchema): Promise<void> {
  const round = path.basename(folder)
  const roundWork = path.join(workDir(session), `round-${round}`)
  await mkdir(roundWork, {recursive: true})
  const records = await recogniseDossier({input: folder, workDir: roundWork, engine, forceOcr: false})
  // One page list for the session: sources are relative to rounds/, images to work/.
  const added = records.map((record, offset): PageRecord => ({
    ...record,
    index: session.pages.length + offset,
    result: {...record.result, source: {...record.result.source, file: `${round}/${record.result.source.file}`}},
    archival: record.archival.kind === 'pdf-page' ? record.archival : {...record.archival, file: `round-${round}/${record.archival.file}`},
  }))
  session.pages = [...session.pages, ...added]
  session.state.rounds += 1
  await savePageList(workDir(session), session.pages)
  await reanalyse(session, schema)
}

export async function reanalyse(session: IntakeSession, schema: ProcedureSchema): Promise<void> {
  const analysed = await analyseDraft(session.pages, {
    input: roundsDir(session),
    workDir: workDir(session),
    split: 'auto',
    procedure: schema,
    agency: session.state.agency,
  })
  session.draft = applyEdits(analysed, session.state.edits, schema)
  await saveSession(session)
}

export async function recordEdit(session: IntakeSession, edit: DraftEdit, schema: ProcedureSchema): Promise<void> {
  session.state.edits.push(edit)
  if (session.draft) session.draft = applyEdits(session.draft, [edit], schema)
  await saveSession(session)
}
