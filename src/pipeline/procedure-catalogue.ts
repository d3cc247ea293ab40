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
import {readdir, readFile, rm} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {UnreadableInputError, UsageError} from '../core/errors.js'
import {hasErrors} from '../core/problem.js'
import {componentCount, levelsFromText, PROCEDURE_LEVELS, type ProcedureLevel, type ProcedureSchema} from '../core/procedure.js'
import {searchProcedures} from '../core/procedure-search.js'
import {buildNationalCatalogue, type UnreadRecord} from '../core/procedure-sources.js'
import {foldVietnamese} from '../core/text-fold.js'
import {writeFileAtomic} from '../tools/atomic-file.js'
import {resolveCacheDir} from '../tools/cache-dir.js'
import {readMaybeGzipText} from '../tools/gzip-file.js'
import {loadKindHints} from '../tools/package-data.js'
import {packagePath} from '../tools/package-root.js'
import {defaultLintContext, lintProcedureValue} from './schema-lint.js'

/** bundled = curated (templates/procedures); imported = a --dir folder; national = templates/sources. */
export type Origin = 'bundled' | 'imported' | 'national'

export interface CatalogueEntry {
  schema: ProcedureSchema
  origin: Origin
  file: string
}

export interface SkippedFile {
  file: string
  reason: 'invalid-json' | 'invalid-schema' | 'shadowed'
}

export interface Catalogue {
  entries: CatalogueEntry[]
  skipped: SkippedFile[]
}

export const BUNDLED_DIR = packagePath('templates', 'procedures')
export const SOURCES_DIR = packagePath('templates', 'sources')
export const CRAWL_SOURCE = path.join(SOURCES_DIR, 'dvcqg-crawl.procedures.jsonl.gz')
export const DATABASE_SOURCE = path.join(SOURCES_DIR, 'csdl-tthc-commune.procedures.json.gz')

export interface CatalogueOptions {
  /** Also read the national catalogue (default true). */
  national?: boolean
  cacheDir?: string
}

export async function loadCatalogue(importedDir?: string, options: CatalogueOptions = {}): Promise<Catalogue> {
  const skipped: SkippedFile[] = []
  const layers: CatalogueEntry[][] = [await readFolder(BUNDLED_DIR, 'bundled', skipped)]
  if (importedDir !== undefined) layers.push(await readFolder(importedDir, 'imported', skipped))
  if (options.national ?? true) layers.push((await loadNationalCatalogue(options)).entries)
  const byCode = new Map<string, CatalogueEntry>()
  for (const layer of layers) {
    for (const entry of layer) {
      if (!byCode.has(entry.schema.code)) byCode.set(entry.schema.code, entry)
      else if (entry.origin === 'imported') skipped.push({file: entry.file, reason: 'shadowed'})
    }
  }
  const entries = [...byCode.values()].sort((a, b) => a.schema.code.localeCompare(b.schema.code))
  return {entries, skipped}
}

/**
 * The procedure of `code` (or of its national part, without an agency suffix): curated and
 * imported schemas first, so a curated code never waits for the national catalogue.
 */
export async function lookupProcedure(code: string, importedDir?: string, options: CatalogueOptions = {}): Promise<CatalogueEntry> {
  const local = await loadCatalogue(importedDir, {...options, national: false})
  const found = findEntry(local.entries, code)
  if (found || options.national === false) return found ?? findProcedure([], code)
  return findProcedure((await loadCatalogue(importedDir, options)).entries, code)
}

async function readFolder(folder: string, origin: Origin, skipped: SkippedFile[]): Promise<CatalogueEntry[]> {
  let names: string[]
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort()
  } catch (error) {
    throw new UnreadableInputError('input.not-found', {file: folder}, {cause: error})
  }
  const context = defaultLintContext()
  const entries: CatalogueEntry[] = []
  for (const name of names) {
    const file = path.join(folder, name)
    let value: unknown
    try {
      value = JSON.parse(await readFile(file, 'utf8'))
    } catch {
      skipped.push({file, reason: 'invalid-json'})
      continue
    }
    if (hasErrors(lintProcedureValue(value, context))) {
      skipped.push({file, reason: 'invalid-schema'})
      continue
    }
    entries.push({schema: value as ProcedureSchema, origin, file})
  }
  return entries
}

// ------------------------------------------------------------------- the national catalogue

export interface NationalEntries {
  entries: CatalogueEntry[]
  /** Records neither source could turn into a schema (no readable component table …). */
  unread: UnreadRecord[]
  records: {crawl: number; database: number}
  cache: {file: string; hit: boolean; written: boolean}
}

interface CacheFile {
  key: string
  schemas: ProcedureSchema[]
  unread: UnreadRecord[]
  records: {crawl: number; database: number}
}

// The modules whose output is cached: a change to any of them is a change of the catalogue.
const IMPORTER_MODULES = ['procedure-import', 'procedure-sources', 'procedure-processing', 'component-table', 'kind-hints', 'text-fold']
const CACHE_FOLDER = 'procedure-catalogue'

async function cacheKey(): Promise<string> {
  const hash = createHash('sha256')
  const here = fileURLToPath(import.meta.url)
  const extension = path.extname(here)
  const core = path.join(path.dirname(here), '..', 'core')
  const files = [CRAWL_SOURCE, DATABASE_SOURCE, packagePath('templates', 'component-kind-hints.json'), ...IMPORTER_MODULES.map((name) => path.join(core, `${name}${extension}`))]
  for (const file of files) {
    hash.update(path.basename(file))
    hash.update(await readFile(file).catch(() => Buffer.from('missing')))
  }
  return hash.digest('hex')
}

const memory = new Map<string, NationalEntries>()

export async function loadNationalCatalogue(options: {cacheDir?: string} = {}): Promise<NationalEntries> {
  const key = await cacheKey()
  const folder = path.join(resolveCacheDir(options.cacheDir), CACHE_FOLDER)
  const file = path.join(folder, `${key.slice(0, 24)}.json`)
  const known = memory.get(file)
  if (known) return known
  let cached: CacheFile | undefined
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as CacheFile
    if (value.key === key) cached = value
  } catch {
    // Not built yet, or unreadable: build it.
  }
  const hit = cached !== undefined
  let written = false
  if (!cached) {
    cached = {key, ...(await buildFromSources())}
    try {
      await writeFileAtomic(file, JSON.stringify(cached))
      written = true
      await removeStale(folder, path.basename(file))
    } catch {
      // A read-only or full cache directory: the catalogue still works, rebuilt next time.
    }
  }
  const entries = cached.schemas.map((schema) => ({schema, origin: 'national' as const, file: schema.source?.kind === 'csdl-tthc' ? DATABASE_SOURCE : CRAWL_SOURCE}))
  const result = {entries, unread: cached.unread, records: cached.records, cache: {file, hit, written}}
  memory.set(file, result)
  return result
}

async function buildFromSources(): Promise<Omit<CacheFile, 'key'>> {
  const crawl = (await readSource(CRAWL_SOURCE))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
  const database = JSON.parse(await readSource(DATABASE_SOURCE)) as unknown[]
  const built = buildNationalCatalogue({crawl, database}, {kindHints: loadKindHints()})
  const context = defaultLintContext()
  const unread = [...built.unread]
  const schemas = built.schemas.filter((schema) => {
    const problems = lintProcedureValue(schema, context)
    if (hasErrors(problems)) unread.push({source: schema.source?.kind === 'csdl-tthc' ? 'csdl-tthc' : 'dvcqg-crawl', index: 0, code: schema.code, problems})
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

async function removeStale(folder: string, keep: string): Promise<void> {
  for (const name of await readdir(folder)) {
    if (name !== keep && name.endsWith('.json')) await rm(path.join(folder, name), {force: true})
  }
}

// ------------------------------------------------------------------------------ queries

export interface ListFilter {
  /** Words to find in the code, name or field; diacritics optional ("dang ky thuong tru"). */
  text?: string
  field?: string
  level?: ProcedureLevel
}

export interface ProcedureSummary {
  code: string
  name: string
  levels: ProcedureLevel[]
  field?: string
  results: number
  components: number
  origin: Origin
}

/** The matching procedures, best first (SPEC: name matches before the rest). */
export function filterCatalogue(entries: readonly CatalogueEntry[], filter: ListFilter): ProcedureSummary[] {
  return searchProcedures(entries, filter).map(({schema, origin}) => ({
    code: schema.code,
    name: schema.name,
    levels: schema.levels ?? [],
    ...(schema.field ? {field: schema.field} : {}),
    results: schema.results.length,
    components: componentCount(schema),
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
  return entries.find(({schema}) => schema.code === code) ?? entries.find(({schema}) => schema.code === code.slice(0, 8))
}

export function findProcedure(entries: readonly CatalogueEntry[], code: string): CatalogueEntry {
  const entry = findEntry(entries, code)
  if (!entry) throw new UsageError('procedures.not-found', {code})
  return entry
}
