/**
 * The procedure catalogue: the curated schemas shipped in templates/procedures, plus
 * optionally a folder of imported ones (`sohoa procedures import --out <dir>`). A bundled
 * schema wins over an imported one with the same code.
 */
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {UnreadableInputError, UsageError} from '../core/errors.js'
import {hasErrors} from '../core/problem.js'
import {componentCount, levelsFromText, PROCEDURE_LEVELS, type ProcedureLevel, type ProcedureSchema} from '../core/procedure.js'
import {foldVietnamese, matchesFolded} from '../core/text-fold.js'
import {packagePath} from '../tools/package-root.js'
import {defaultLintContext, lintProcedureValue} from './schema-lint.js'

export type Origin = 'bundled' | 'imported'

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

export async function loadCatalogue(importedDir?: string): Promise<Catalogue> {
  const skipped: SkippedFile[] = []
  const bundled = await readFolder(BUNDLED_DIR, 'bundled', skipped)
  const entries = [...bundled]
  if (importedDir !== undefined) {
    const known = new Set(bundled.map((entry) => entry.schema.code))
    for (const entry of await readFolder(importedDir, 'imported', skipped)) {
      if (known.has(entry.schema.code)) skipped.push({file: entry.file, reason: 'shadowed'})
      else entries.push(entry)
    }
  }
  entries.sort((a, b) => a.schema.code.localeCompare(b.schema.code))
  return {entries, skipped}
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

export function filterCatalogue(entries: readonly CatalogueEntry[], filter: ListFilter): ProcedureSummary[] {
  return entries
    .filter(({schema}) => filter.text === undefined || matchesFolded(`${schema.code} ${schema.name} ${schema.field ?? ''}`, filter.text))
    .filter(({schema}) => filter.field === undefined || matchesFolded(schema.field ?? '', filter.field))
    .filter(({schema}) => filter.level === undefined || (schema.levels ?? []).includes(filter.level))
    .map(({schema, origin}) => ({
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

export function findProcedure(entries: readonly CatalogueEntry[], code: string): CatalogueEntry {
  const entry = entries.find(({schema}) => schema.code === code) ?? entries.find(({schema}) => schema.code === code.slice(0, 8))
  if (!entry) throw new UsageError('procedures.not-found', {code})
  return entry
}
