/**
 * The procedure catalogue: the curated schemas of templates/procedures, the schemas imported
 * into a folder (`--dir`, `sohoa procedures import --out`), and the national catalogue built
 * from the published sources in templates/sources. A curated schema wins over an imported one
 * of the same code, and both over the national one.
 *
 * The national catalogue is built on first use and cached in the user cache directory
 * (SOHOA_CACHE_DIR, else ~/.cache/sohoa), keyed by a hash of the sources, the kind hints and
 * the importer's own code, so a new release or an edited hint rebuilds it. Building it at
 * `npm run build` time would leave `./bin/dev.js` and the tests, which run from src/, without
 * it; lazily, every entry point gets the same catalogue, and a cold start costs one import.
 */
import {createHash} from 'node:crypto'
import {open, readdir, readFile, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {UnreadableInputError, UsageError} from '../core/errors.js'
import {hasErrors} from '../core/problem.js'
import {levelsFromText, PROCEDURE_LEVELS, type ProcedureLevel, type ProcedureSchema} from '../core/procedure.js'
import {indexEntry, type ProcedureIndexEntry, type ProcedureListing, type SearchFilter, searchProcedures} from '../core/procedure-search.js'
import {buildNationalCatalogue, type NationalSource} from '../core/procedure-sources.js'
import type {Reporter} from '../core/reporter.js'
import {foldVietnamese} from '../core/text-fold.js'
import {writeFileAtomic} from '../tools/atomic-file.js'
import {resolveCacheDir} from '../tools/cache-dir.js'
import {readMaybeGzipText} from '../tools/gzip-file.js'
import {loadKindHints} from '../tools/package-data.js'
import {packagePath} from '../tools/package-root.js'

// The linter (ajv) is loaded only to check imported folders and to build the national
// catalogue; a list or a lookup from the cache does without it.
const linter = async () => import('./schema-lint.js')

/** bundled = curated (templates/procedures); imported = a --dir folder; national = templates/sources. */
export type Origin = 'bundled' | 'imported' | 'national'

export interface CatalogueEntry extends ProcedureIndexEntry {
  origin: Origin
  /** Where the schema comes from: its JSON file, or the shipped source it was built from. */
  file: string
}

export interface SkippedFile {
  file: string
  reason: 'invalid-json' | 'invalid-schema' | 'shadowed'
}

export interface Catalogue {
  entries: CatalogueEntry[]
  skipped: SkippedFile[]
  /** The full schema of an entry (national schemas are read from the cache one by one). */
  schemaOf(entry: CatalogueEntry): Promise<ProcedureSchema>
}

export interface FoundProcedure {
  schema: ProcedureSchema
  origin: Origin
  file: string
}

export const BUNDLED_DIR = packagePath('templates', 'procedures')
export const SOURCES_DIR = packagePath('templates', 'sources')
export const CRAWL_SOURCE = path.join(SOURCES_DIR, 'dvcqg-crawl.procedures.jsonl.gz')
export const DATABASE_SOURCE = path.join(SOURCES_DIR, 'csdl-tthc-commune.procedures.json.gz')

export interface CatalogueOptions {
  /** Also read the national catalogue (default true). */
  national?: boolean
  cacheDir?: string
  /** Told when the national catalogue is built (first use, or after an upgrade). */
  reporter?: Reporter
  buildLabel?: (cacheFile: string) => string
}

type Loader = () => Promise<ProcedureSchema>

export async function loadCatalogue(importedDir?: string, options: CatalogueOptions = {}): Promise<Catalogue> {
  const skipped: SkippedFile[] = []
  const loaders = new Map<CatalogueEntry, Loader>()
  const layers: Array<Array<{entry: CatalogueEntry; load: Loader}>> = [await readFolder(BUNDLED_DIR, 'bundled', skipped)]
  if (importedDir !== undefined) layers.push(await readFolder(importedDir, 'imported', skipped))
  if (options.national ?? true) layers.push((await loadNationalCatalogue(options)).entries)
  const byCode = new Map<string, CatalogueEntry>()
  for (const layer of layers) {
    for (const {entry, load} of layer) {
      if (byCode.has(entry.code)) {
        if (entry.origin === 'imported') skipped.push({file: entry.file, reason: 'shadowed'})
        continue
      }
      byCode.set(entry.code, entry)
      loaders.set(entry, load)
    }
  }
  const entries = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
  return {
    entries,
    skipped,
    schemaOf: async (entry) => {
      const load = loaders.get(entry)
      if (!load) throw new UsageError('procedures.not-found', {code: entry.code})
      return load()
    },
  }
}

/**
 * The procedure of `code` (or of its national part, without an agency suffix): curated and
 * imported schemas first, so a curated code never waits for the national catalogue.
 */
export async function lookupProcedure(code: string, importedDir?: string, options: CatalogueOptions = {}): Promise<FoundProcedure> {
  const local = await loadCatalogue(importedDir, {...options, national: false})
  let catalogue = local
  let entry = findEntry(local.entries, code)
  if (!entry && options.national !== false) {
    catalogue = await loadCatalogue(importedDir, options)
    entry = findEntry(catalogue.entries, code)
  }
  if (!entry) throw new UsageError('procedures.not-found', {code})
  return {schema: await catalogue.schemaOf(entry), origin: entry.origin, file: entry.file}
}

async function readFolder(folder: string, origin: Origin, skipped: SkippedFile[]): Promise<Array<{entry: CatalogueEntry; load: Loader}>> {
  let names: string[]
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort()
  } catch (error) {
    throw new UnreadableInputError('input.not-found', {file: folder}, {cause: error})
  }
  // The curated schemas are the package's own data, linted by its tests; imported ones are checked here.
  const lint = origin === 'bundled' ? undefined : await linter()
  const context = lint?.defaultLintContext()
  const entries: Array<{entry: CatalogueEntry; load: Loader}> = []
  for (const name of names) {
    const file = path.join(folder, name)
    let value: unknown
    try {
      value = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      skipped.push({file, reason: 'invalid-json'})
      continue
    }
    if (lint && hasErrors(lint.lintProcedureValue(value, context))) {
      skipped.push({file, reason: 'invalid-schema'})
      continue
    }
    const schema = value as ProcedureSchema
    entries.push({entry: {...indexEntry(schema), origin, file}, load: async () => schema})
  }
  return entries
}

// ------------------------------------------------------------------- the national catalogue

/** A record neither source could turn into a schema, with the codes of its problems. */
export interface UnreadSummary {
  source: NationalSource
  index: number
  code?: string
  problems: string[]
}

export interface NationalEntries {
  entries: Array<{entry: CatalogueEntry; load: Loader}>
  unread: UnreadSummary[]
  records: {crawl: number; database: number}
  cache: {index: string; schemas: string; hit: boolean; written: boolean}
}

interface IndexedNational extends ProcedureIndexEntry {
  source: NationalSource
  /** Byte range of the schema's line in the schemas file. */
  offset: number
  length: number
}

interface IndexFile {
  key: string
  records: {crawl: number; database: number}
  unread: UnreadSummary[]
  entries: IndexedNational[]
}

// The modules whose output is cached: a change to any of them is a change of the catalogue.
const IMPORTER_MODULES = [
  'procedure-import',
  'procedure-sources',
  'procedure-processing',
  'procedure-search',
  'component-table',
  'kind-hints',
  'text-fold',
]
const CACHE_FOLDER = 'procedure-catalogue'

async function cacheKey(): Promise<string> {
  const hash = createHash('sha256')
  const here = fileURLToPath(import.meta.url)
  const extension = path.extname(here)
  const core = path.join(path.dirname(here), '..', 'core')
  const files = [
    CRAWL_SOURCE,
    DATABASE_SOURCE,
    packagePath('templates', 'component-kind-hints.json'),
    ...IMPORTER_MODULES.map((name) => path.join(core, `${name}${extension}`)),
  ]
  for (const file of files) {
    hash.update(path.basename(file))
    hash.update(await readFile(file).catch(() => Buffer.from('missing')))
  }
  return hash.digest('hex')
}

const memory = new Map<string, NationalEntries>()

/** Forget the catalogues read in this process, so the next load reads the cache folder again. */
export function forgetLoadedCatalogues(): void {
  memory.clear()
}

/**
 * The cache is two files: `<key>.schemas.jsonl`, one schema a line, and `<key>.index.json`,
 * what a search needs plus each schema's byte range; a list reads only the index, a lookup
 * one line. The index is written last, so its presence means the pair is complete.
 */
export async function loadNationalCatalogue(options: Omit<CatalogueOptions, 'national'> = {}): Promise<NationalEntries> {
  const key = await cacheKey()
  const folder = path.join(resolveCacheDir(options.cacheDir), CACHE_FOLDER)
  const indexFile = path.join(folder, `${key.slice(0, 24)}.index.json`)
  const schemasFile = path.join(folder, `${key.slice(0, 24)}.schemas.jsonl`)
  const known = memory.get(indexFile)
  if (known) return known
  let index: IndexFile | undefined
  try {
    const value = JSON.parse(await readFile(indexFile, 'utf8')) as IndexFile
    if (value.key === key) index = value
  } catch {
    // Not built yet, or unreadable: build it.
  }
  const cache = {index: indexFile, schemas: schemasFile, hit: index !== undefined, written: false}
  let inMemory: ProcedureSchema[] | undefined
  if (!index) {
    options.reporter?.start(options.buildLabel?.(indexFile) ?? indexFile)
    let built: Awaited<ReturnType<typeof buildFromSources>>
    try {
      built = await buildFromSources()
    } finally {
      options.reporter?.stop()
    }
    const lines = built.schemas.map((schema) => Buffer.from(`${JSON.stringify(schema)}\n`, 'utf8'))
    let offset = 0
    const entries = built.schemas.map((schema, position) => {
      const length = lines[position]!.length
      const entry = {...indexEntry(schema), source: sourceOf(schema), offset, length}
      offset += length
      return entry
    })
    index = {key, records: built.records, unread: built.unread, entries}
    try {
      await writeFileAtomic(schemasFile, Buffer.concat(lines))
      await writeFileAtomic(indexFile, JSON.stringify(index))
      cache.written = true
      await removeStale(folder, key.slice(0, 24))
    } catch {
      // A read-only or full cache directory: the catalogue still works, rebuilt next time.
      inMemory = built.schemas
    }
  }
  const schemas = inMemory
  const entries = index.entries.map(({source, offset, length, ...summary}, position) => ({
    entry: {...summary, origin: 'national' as const, file: source === 'csdl-tthc' ? DATABASE_SOURCE : CRAWL_SOURCE},
    load: schemas ? async () => schemas[position]! : () => readLine(schemasFile, offset, length),
  }))
  const result = {entries, unread: index.unread, records: index.records, cache}
  memory.set(indexFile, result)
  return result
}

function sourceOf(schema: ProcedureSchema): NationalSource {
  return schema.source?.kind === 'csdl-tthc' ? 'csdl-tthc' : 'dvcqg-crawl'
}

async function readLine(file: string, offset: number, length: number): Promise<ProcedureSchema> {
  try {
    const handle = await open(file, 'r')
    try {
      const buffer = Buffer.alloc(length)
      await handle.read(buffer, 0, length, offset)
      return JSON.parse(buffer.toString('utf8')) as ProcedureSchema
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw new UnreadableInputError('input.unreadable', {file, detail: (error as Error).message}, {cause: error})
  }
}

async function buildFromSources(): Promise<{
  schemas: ProcedureSchema[]
  unread: UnreadSummary[]
  records: {crawl: number; database: number}
}> {
  const crawl = (await readSource(CRAWL_SOURCE))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
  const database = JSON.parse(await readSource(DATABASE_SOURCE)) as unknown[]
  const built = buildNationalCatalogue({crawl, database}, {kindHints: loadKindHints()})
  const {defaultLintContext, lintProcedureValue} = await linter()
  const context = defaultLintContext()
  const unread: UnreadSummary[] = built.unread.map((record) => ({...record, problems: record.problems.map((item) => item.code)}))
  const schemas = built.schemas.filter((schema) => {
    const problems = lintProcedureValue(schema, context)
    if (hasErrors(problems))
      unread.push({source: sourceOf(schema), index: 0, code: schema.code, problems: problems.map((item) => item.code)})
    return !hasErrors(problems)
  })
  return {schemas, unread, records: built.records}
}

async function readSource(file: string): Promise<string> {
  try {
    return await readMaybeGzipText(file)
  } catch (error) {
    throw new UnreadableInputError('input.unreadable', {file, detail: (error as Error).message}, {cause: error})
  }
}

/**
 * Keeps the catalogue just built and the most recent other one: the built CLI and `bin/dev.js`
 * (src/) have different keys and would otherwise rebuild each other's cache away.
 */
async function removeStale(folder: string, current: string): Promise<void> {
  const names = await readdir(folder)
  const others: Array<{key: string; time: number}> = []
  for (const name of names) {
    const key = /^([0-9a-f]{24})\.index\.json$/.exec(name)?.[1]
    if (key && key !== current) others.push({key, time: (await stat(path.join(folder, name))).mtimeMs})
  }
  const keep = new Set([current, ...others.sort((a, b) => b.time - a.time).slice(0, 1).map((entry) => entry.key)])
  for (const name of names) {
    const key = /^([0-9a-f]{24})\./.exec(name)?.[1]
    if (key && !keep.has(key)) await rm(path.join(folder, name), {force: true})
  }
}

// ------------------------------------------------------------------------------ queries

/** Words to find in the code, name or field (diacritics optional), a field, a level. */
export type ListFilter = SearchFilter

export interface ProcedureSummary extends ProcedureListing {
  origin: Origin
}

/** The matching procedures, best first (name matches before the rest). */
export function filterCatalogue(entries: readonly CatalogueEntry[], filter: ListFilter): ProcedureSummary[] {
  return searchProcedures(entries, filter).map(({code, name, levels, field, results, components, origin}) => ({
    code,
    name,
    levels,
    ...(field ? {field} : {}),
    results,
    components,
    origin,
  }))
}

/** "xa", "xã", "Cấp xã" → "xa". */
export function parseLevel(text: string): ProcedureLevel {
  const folded = foldVietnamese(text)
  if ((PROCEDURE_LEVELS as readonly string[]).includes(folded)) return folded as ProcedureLevel
  const [level] = levelsFromText(folded.startsWith('cap ') || folded.startsWith('co quan') ? folded : `cap ${folded}`, (value) => value)
  if (!level) throw new UsageError('procedures.unknown-level', {value: text, levels: PROCEDURE_LEVELS.join(', ')})
  return level
}

function findEntry(entries: readonly CatalogueEntry[], code: string): CatalogueEntry | undefined {
  return entries.find((entry) => entry.code === code) ?? entries.find((entry) => entry.code === code.slice(0, 8))
}
