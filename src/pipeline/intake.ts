/**
 * `sohoa intake`: the clerk's path from paper to package, one dossier while the citizen waits
 * (SPEC §7). Pick the procedure, bring papers in rounds (scanner or files), see the checklist,
 * fix what the machine got wrong, package. It speaks only through the Prompter port (message
 * keys and data) and scans only through the Scanner port; the session folder holds every step.
 */
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'

import {missingPapers} from '../core/checklist.js'
import type {CodeAllocator} from '../core/code-allocator.js'
import type {ConfigValues} from '../core/config-keys.js'
import {FIELD_KEYS, type FieldKey} from '../core/dossier.js'
import type {DraftEdit} from '../core/draft-edits.js'
import {SohoaError, UsageError} from '../core/errors.js'
import type {IntakeView} from '../core/intake-view.js'
import type {OcrEngine} from '../core/ocr-engine.js'
import type {ProcedureSchema} from '../core/procedure.js'
import {searchProcedures} from '../core/procedure-search.js'
import type {PromptChoice, Prompter} from '../core/prompter.js'
import type {ReviewSheetRenderer} from '../core/review-sheet.js'
import type {Scanner} from '../core/scanner.js'
import {isoVietnam} from '../core/vietnam-time.js'
import {sequenceCodeAllocator} from '../tools/dossier-code-allocator.js'
import {loadDocumentKinds} from '../tools/package-data.js'
import {lazyOcrPool} from '../tools/tesseract.js'
import {finaliseDossier, judgeDraft} from './finalise-dossier.js'
import {
  addRound,
  copyIntoRound,
  createSession,
  type IntakeSession,
  latestOpenSession,
  nextRoundFolder,
  recordEdit,
  saveSession,
  workDir,
} from './intake-session.js'
import {loadCatalogue, lookupProcedure} from './procedure-catalogue.js'
import {buildReviewSheet} from './review-sheet.js'
import {scanRequestFrom, scanToFolder} from './scan.js'
import type {DocumentSigning} from './sign-documents.js'

export interface IntakeOptions {
  prompter: Prompter
  scanner: Scanner
  /** Where sessions are kept (`<data dir>/intake`). */
  sessionsDir: string
  resume: boolean
  agency: string
  outDir: string
  /** The scanner settings (scanner.device, scanner.source, scanner.resolution). */
  settings: ConfigValues
  jobs: number
  dataDir?: string
  proceduresDir?: string
  /** `sohoa/<version>`: the PDF creator and the bag's software agent. */
  software: string
  renderReview: ReviewSheetRenderer
  /** The digitiser's key, opened before the session starts: every document PDF is signed as it is packaged. */
  signing?: DocumentSigning
  /** Show ID numbers whole from the start. */
  reveal: boolean
  engine?: OcrEngine
  allocator?: CodeAllocator
  now?: () => Date
}

export interface IntakeResult {
  session: string
  dossierCode: string | null
  package: string | null
  reviewSheet: string | null
  valid: boolean | null
  /** Component codes of required papers missing when it was packaged (confirmed by the clerk). */
  missing: string[]
}

type Step = 'scan' | 'files' | 'kind' | 'move' | 'drop' | 'field' | 'reveal' | 'package' | 'later'

export async function runIntake(options: IntakeOptions): Promise<IntakeResult> {
  const {prompter} = options
  const now = options.now ?? (() => new Date())
  let session: IntakeSession | undefined
  if (options.resume) {
    session = await latestOpenSession(options.sessionsDir)
    if (!session) throw new UsageError('intake.nothing-to-resume', {dir: options.sessionsDir})
    prompter.tell({code: 'intake.resumed', params: {dir: session.dir, procedure: session.state.procedure, rounds: session.state.rounds}})
  } else {
    const code = await pickProcedure(prompter, options.proceduresDir)
    session = await createSession(options.sessionsDir, code, options.agency, now())
  }
  const {schema} = await lookupProcedure(session.state.procedure, options.proceduresDir)
  prompter.tell({code: 'intake.procedure-chosen', params: {code: schema.code, name: schema.name}})
  const ownEngine = options.engine ? undefined : lazyOcrPool(options.jobs)
  const engine = options.engine ?? ownEngine!
  const flow = {...options, session, schema, engine, now, reveal: options.reveal}
  try {
    if (session.pages.length === 0) {
      const source = await prompter.select<Step>({code: 'intake.ask-papers'}, [
        {value: 'scan', label: {code: 'intake.papers.scan'}},
        {value: 'files', label: {code: 'intake.papers.files'}},
      ])
      await addPapers(flow, source === 'scan' ? 'scan' : 'files')
    }
    for (;;) {
      prompter.show(await intakeView(flow))
      const step = await prompter.select<Step>({code: 'intake.ask-next'}, nextSteps(flow.reveal))
      if (step === 'later') {
        prompter.tell({code: 'intake.saved-for-later', params: {dir: session.dir}})
        return {session: session.dir, dossierCode: null, package: null, reviewSheet: null, valid: null, missing: []}
      }
      if (step === 'package') {
        const result = await packageDossier(flow)
        if (result) return result
        continue
      }
      if (step === 'reveal') flow.reveal = true
      else if (step === 'scan' || step === 'files') await addPapers(flow, step)
      else await fix(flow, step)
    }
  } finally {
    await ownEngine?.close()
  }
}

interface Flow extends IntakeOptions {
  session: IntakeSession
  schema: ProcedureSchema
  engine: OcrEngine
  now: () => Date
  reveal: boolean
}

function nextSteps(revealed: boolean): Array<PromptChoice<Step>> {
  const steps: Step[] = ['scan', 'files', 'kind', 'move', 'drop', 'field', ...(revealed ? [] : ['reveal' as const]), 'package', 'later']
  return steps.map((step) => ({value: step, label: {code: `intake.next.${step}`}}))
}

async function pickProcedure(prompter: Prompter, proceduresDir: string | undefined): Promise<string> {
  const catalogue = await loadCatalogue(proceduresDir)
  return prompter.search({code: 'intake.ask-procedure'}, async (term) =>
    searchProcedures(catalogue.entries, term.trim() === '' ? {} : {text: term})
      .slice(0, 20)
      .map((entry) => ({value: entry.code, label: {text: `${entry.code}  ${entry.name}`}})),
  )
}

async function addPapers(flow: Flow, how: 'scan' | 'files'): Promise<void> {
  const {prompter, session} = flow
  const folder = await nextRoundFolder(session)
  try {
    if (how === 'scan') {
      prompter.tell({code: 'intake.scanning'})
      const scanned = await scanToFolder({...scanRequestFrom({}, flow.settings), outDir: folder}, flow.scanner)
      if (scanned.interruption) prompter.tell({code: scanned.interruption.code, params: scanned.interruption.params})
      prompter.tell({code: 'intake.scanned', params: {count: scanned.pages.length}})
    } else {
      const picked = await prompter.input({code: 'intake.ask-path'}, (value) =>
        value.trim() === '' ? {code: 'intake.value-empty'} : undefined,
      )
      const resolved = path.resolve(picked.trim())
      if (!(await stat(resolved).catch(() => undefined))) {
        prompter.tell({code: 'intake.path-missing', params: {path: resolved}})
        return
      }
      await copyIntoRound(resolved, folder)
    }
    prompter.tell({code: 'intake.reading', params: {count: await pageFileCount(folder)}})
    await addRound(session, folder, flow.engine, flow.schema)
  } catch (error) {
    // A jam, an empty feeder, an unreadable file: the clerk is told and the dossier so far is kept.
    if (!(error instanceof SohoaError) || error.code === 'run.interrupted') throw error
    prompter.tell({code: error.code, params: error.params})
  }
}

async function pageFileCount(folder: string): Promise<number> {
  return (await readdir(folder)).filter((name) => !name.startsWith('.')).length
}

async function intakeView(flow: Flow): Promise<IntakeView> {
  const draft = flow.session.draft
  if (!draft) {
    return {procedure: {code: flow.schema.code, name: flow.schema.name}, checklist: {caseIndex: 0, caseName: '', entries: []}, documents: [], issues: [], reveal: flow.reveal}
  }
  const {checklist, issues} = judgeDraft(draft, flow.schema, {now: flow.now(), allowLowDpi: false})
  const sheet = await buildReviewSheet({
    draft,
    pages: flow.session.pages,
    workDir: workDir(flow.session),
    codes: [],
    dossierCode: null,
    createdAt: '',
    checklist,
    issues,
    thumbnails: false,
  })
  return {procedure: draft.procedure, checklist, documents: sheet.documents, issues, reveal: flow.reveal}
}

async function fix(flow: Flow, step: 'kind' | 'move' | 'drop' | 'field'): Promise<void> {
  const {prompter, session, schema} = flow
  const draft = session.draft
  if (!draft || draft.documents.length === 0) {
    prompter.tell({code: 'intake.no-documents'})
    return
  }
  const kinds = loadDocumentKinds()
  const kindName = (id: string): string => kinds.find((kind) => kind.id === id)?.name ?? id
  const documentChoices = draft.documents.map((document, index) => ({
    value: index,
    label: {code: 'intake.document-choice', params: {number: index + 1, kind: kindName(document.kind), pages: document.pages.length}},
  }))
  const firstPage = (index: number) => draft.documents[index]!.pages[0]!.source
  const pageChoices = draft.documents.flatMap((document, index) =>
    document.pages.map((page) => ({
      value: page.source,
      label: {code: 'intake.page-choice', params: {file: page.source.file, page: page.source.page, number: index + 1, kind: kindName(document.kind)}},
    })),
  )
  let edit: DraftEdit
  if (step === 'kind') {
    const index = await prompter.select({code: 'intake.ask-document'}, documentChoices)
    const kind = await prompter.select(
      {code: 'intake.ask-kind'},
      kinds.map((entry) => ({value: entry.id, label: {text: `${entry.name} (${entry.id})`}})),
    )
    edit = {type: 'kind', page: firstPage(index), kind}
  } else if (step === 'move') {
    const page = await prompter.select({code: 'intake.ask-page'}, pageChoices)
    const index = await prompter.select({code: 'intake.ask-target'}, documentChoices)
    edit = {type: 'move', page, to: firstPage(index)}
  } else if (step === 'drop') {
    edit = {type: 'drop', page: await prompter.select({code: 'intake.ask-page'}, pageChoices)}
  } else {
    const index = await prompter.select({code: 'intake.ask-document'}, documentChoices)
    const document = draft.documents[index]!
    const wanted = kinds.find((kind) => kind.id === document.kind)?.fields ?? []
    const keys = FIELD_KEYS.filter((key) => wanted.includes(key) || document.fields[key] !== undefined)
    const field = await prompter.select<FieldKey>(
      {code: 'intake.ask-field'},
      keys.map((key) => ({
        value: key,
        label: {
          code: 'intake.field-choice',
          params: {label: `field.name.${key}`, value: document.fields[key]?.value ?? '—'},
          translated: ['label'],
        },
      })),
    )
    const value = await prompter.input({code: 'intake.ask-value'}, (typed) => (typed.trim() === '' ? {code: 'intake.value-empty'} : undefined))
    edit = {type: 'field', page: firstPage(index), field, value: value.trim(), correctedAt: isoVietnam(flow.now())}
  }
  await recordEdit(session, edit, schema)
}

async function packageDossier(flow: Flow): Promise<IntakeResult | undefined> {
  const {prompter, session, schema} = flow
  const draft = session.draft
  if (!draft || draft.documents.length === 0) {
    prompter.tell({code: 'intake.no-documents'})
    return undefined
  }
  const now = flow.now()
  const {checklist} = judgeDraft(draft, schema, {now, allowLowDpi: false})
  const missing = missingPapers(checklist)
  if (missing.length > 0) {
    prompter.tell({code: 'intake.missing-papers'})
    for (const entry of missing) prompter.tell({code: 'intake.missing-paper', params: {name: entry.name.split(/[;(]/)[0]!.trim(), code: entry.componentCode}})
    if (!(await prompter.confirm({code: 'intake.package-anyway'}, false))) return undefined
  }
  const result = await finaliseDossier(draft, session.pages, {
    workDir: workDir(session),
    outDir: flow.outDir,
    procedure: schema,
    allocator: flow.allocator ?? sequenceCodeAllocator(flow.dataDir),
    allowLowDpi: false,
    strict: false,
    software: flow.software,
    signing: flow.signing,
    now,
    renderReview: flow.renderReview,
  })
  session.state.packaged = {dossierCode: result.dossierCode!, path: result.package!}
  await saveSession(session)
  prompter.tell({code: 'intake.packaged', params: {code: result.dossierCode!, path: result.package!}})
  prompter.tell({code: 'intake.review-sheet', params: {path: result.reviewSheet!}})
  return {
    session: session.dir,
    dossierCode: result.dossierCode,
    package: result.package,
    reviewSheet: result.reviewSheet,
    valid: result.valid,
    missing: missing.map((entry) => entry.componentCode),
  }
}
