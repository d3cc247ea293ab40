/**
 * Which dossiers a batch holds: every immediate subfolder or file of the root (a file stands
 * for a multi-page dossier), or the rows of a CSV manifest (`input,procedure[,agency,owner_id,split]`).
 * An entry that cannot be a dossier is still listed, with the reason it will fail, so that the
 * report names it; the batch never drops an input silently.
 */
import {createHash} from 'node:crypto'
import {lstat, readdir, readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'

import {isAgencyCode} from '../../core/agency.js'
import type {BatchDossier, DossierFailure} from '../../core/batch.js'
import {SPLIT_MODES, type SplitMode} from '../../core/dossier.js'
import {UnreadableInputError, UsageError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import {sortNatural} from '../../core/natural-order.js'
import {CsvError, parseCsv} from '../../tools/csv.js'
import {resolveInputs} from '../acquire.js'

export interface PlannedDossier extends BatchDossier {
  /** Known before any work: the dossier fails with this reason. */
  invalid?: DossierFailure
}

export interface PlanDefaults {
  procedure?: string
  agency?: string
  split: SplitMode
}

export async function planFromRoot(root: string, defaults: PlanDefaults): Promise<PlannedDossier[]> {
  const info = await stat(root).catch(() => undefined)
  if (!info) throw new UnreadableInputError('input.not-found', {file: root})
  if (!info.isDirectory()) throw new UnreadableInputError('batch.root-not-folder', {file: root})
  if (!defaults.procedure) throw new UsageError('batch.procedure-required')
  const realRoot = await realpath(root)
  const names = sortNatural((await readdir(root)).filter((name) => !name.startsWith('.')))
  const planned: PlannedDossier[] = []
  for (const name of names) {
    const input = path.join(root, name)
    const dossier: PlannedDossier = {
      id: name.normalize('NFC'),
      input,
      procedure: defaults.procedure,
      agency: defaults.agency ?? '',
      split: defaults.split,
    }
    const invalid = await entryProblem(input, realRoot)
    planned.push(invalid ? {...dossier, invalid} : dossier)
  }
  if (planned.length === 0) throw new UnreadableInputError('batch.no-dossiers', {file: root})
  return planned
}

/** A link that loops or leads out of the root, or an entry that is neither file nor folder. */
async function entryProblem(input: string, realRoot: string): Promise<DossierFailure | undefined> {
  const own = await lstat(input)
  if (own.isSymbolicLink()) {
    const target = await realpath(input).catch((error: NodeJS.ErrnoException) => error)
    if (target instanceof Error) {
      const code = target.code === 'ELOOP' ? 'batch.link-loop' : 'batch.link-broken'
      return {code, params: {file: input}, exitCode: ExitCode.UnreadableInput}
    }
    if (target !== realRoot && !target.startsWith(`${realRoot}${path.sep}`)) {
      return {code: 'batch.link-outside-root', params: {file: input, target}, exitCode: ExitCode.UnreadableInput}
    }
  }
  const info = await stat(input).catch(() => undefined)
  if (!info || (!info.isFile() && !info.isDirectory()))
    return {code: 'input.not-a-file', params: {file: input}, exitCode: ExitCode.UnreadableInput}
  return undefined
}

export async function planFromManifest(manifest: string, root: string | undefined, defaults: PlanDefaults): Promise<PlannedDossier[]> {
  const text = await readFile(manifest, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new UnreadableInputError('input.not-found', {file: manifest})
    throw new UnreadableInputError('input.unreadable', {file: manifest, detail: error.message})
  })
  let parsed: ReturnType<typeof parseCsv>
  try {
    parsed = parseCsv(text)
  } catch (error) {
    throw new UsageError('batch.manifest-invalid', {
      file: manifest,
      line: error instanceof CsvError ? error.line : 0,
      detail: (error as Error).message,
    })
  }
  if (!parsed.columns.includes('input'))
    throw new UsageError('batch.manifest-invalid', {file: manifest, line: 1, detail: 'no "input" column'})
  const base = root ?? path.dirname(manifest)
  const seen = new Set<string>()
  const planned: PlannedDossier[] = []
  for (const {line, values} of parsed.rows) {
    const given = values.input ?? ''
    const input = path.resolve(base, given)
    const id = given.normalize('NFC')
    const procedure = values.procedure || defaults.procedure || ''
    const agency = values.agency || defaults.agency || ''
    const split = (values.split || defaults.split) as SplitMode
    const dossier: PlannedDossier = {id, input, procedure, agency, split, ...(values.owner_id ? {ownerId: values.owner_id} : {})}
    const fail = (code: string, params: Record<string, string | number> = {}): PlannedDossier => ({
      ...dossier,
      id: id || `line ${line}`,
      invalid: {code, params: {file: manifest, line, ...params}, exitCode: ExitCode.Usage},
    })
    if (!given) planned.push(fail('batch.manifest-row', {detail: 'input'}))
    else if (seen.has(id)) planned.push(fail('batch.manifest-duplicate', {input: given}))
    else if (!procedure) planned.push(fail('batch.manifest-row', {detail: 'procedure'}))
    else if (!isAgencyCode(agency)) planned.push(fail('batch.manifest-row', {detail: `agency "${agency}"`}))
    else if (!SPLIT_MODES.includes(split)) planned.push(fail('batch.manifest-row', {detail: `split "${split}"`}))
    else planned.push(dossier)
    seen.add(id)
  }
  if (planned.length === 0) throw new UnreadableInputError('batch.no-dossiers', {file: manifest})
  return planned
}

/**
 * What the input looked like: names, sizes and modification times of its files. Cheap to
 * compute for thousands of dossiers, and enough to notice a page added, removed or rescanned.
 */
export async function fingerprint(input: string): Promise<string> {
  const hash = createHash('sha256')
  const {inputs} = await resolveInputs([input]).catch(() => ({inputs: []}))
  for (const file of inputs) {
    const info = await stat(file.path).catch(() => undefined)
    hash.update(`${file.name}\0${info?.size ?? -1}\0${info?.mtimeMs ?? -1}\n`)
  }
  return hash.digest('hex').slice(0, 32)
}
