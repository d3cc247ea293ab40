/**
 * The national catalogue from the two published sources (templates/sources, README there):
 * every record of the DVCQG portal crawl and of the procedures-database extract through the
 * importer, then one schema per code. Where a code is in both, the database gives the
 * components with their official codes, the results and the processing rows; the portal's
 * table says which papers are only shown and how many copies (the database has only yes/no
 * flags), matched by name.
 */
import type {Problem} from './problem.js'
import type {ProcedureSchema} from './procedure.js'
import {type ImportContext, importRecord} from './procedure-import.js'
import {foldVietnamese} from './text-fold.js'

export type NationalSource = 'dvcqg-crawl' | 'csdl-tthc'

export interface UnreadRecord {
  source: NationalSource
  /** 1-based position in the source. */
  index: number
  code?: string
  problems: Problem[]
}

export interface NationalCatalogue {
  schemas: ProcedureSchema[]
  unread: UnreadRecord[]
  records: {crawl: number; database: number}
}

export const MERGED_NOTE =
  'Components, official codes, results and processing from the national procedures database (csdl-tthc); ' +
  'submit/present and counts from the DVCQG portal page.'

function importAll(
  records: readonly unknown[],
  source: NationalSource,
  context: ImportContext,
  unread: UnreadRecord[],
): Map<string, ProcedureSchema> {
  const schemas = new Map<string, ProcedureSchema>()
  records.forEach((record, index) => {
    const imported = importRecord(record, context)
    if (imported.schema && !schemas.has(imported.schema.code)) schemas.set(imported.schema.code, imported.schema)
    else if (!imported.schema)
      unread.push({source, index: index + 1, ...(imported.code ? {code: imported.code} : {}), problems: imported.problems})
  })
  return schemas
}

/** Submit or present, originals and copies, as the portal's table gives them for the same paper. */
export function applyPortalModes(schema: ProcedureSchema, portal: ProcedureSchema | undefined): void {
  if (!portal) return
  const key = (name: string): string => foldVietnamese(name).slice(0, 120)
  const items = portal.cases.flatMap((entry) => entry.components)
  for (const component of schema.cases.flatMap((entry) => entry.components)) {
    const match = items.find((item) => key(item.name) === key(component.name))
    if (!match) continue
    component.mode = match.mode
    component.originals = match.originals
    component.copies = match.copies
  }
}

export function mergeSources(database: ProcedureSchema | undefined, portal: ProcedureSchema | undefined): ProcedureSchema | undefined {
  if (!database) return portal
  if (!portal) return database
  applyPortalModes(database, portal)
  const url = database.source?.url ?? portal.source?.url
  return {
    ...database,
    ...((database.levels ?? portal.levels) ? {levels: database.levels ?? portal.levels} : {}),
    ...((database.field ?? portal.field) ? {field: database.field ?? portal.field} : {}),
    ...((database.processing ?? portal.processing) ? {processing: database.processing ?? portal.processing} : {}),
    source: {kind: 'csdl-tthc', ...(url ? {url} : {}), note: MERGED_NOTE},
  }
}

export function buildNationalCatalogue(
  sources: {crawl: readonly unknown[]; database: readonly unknown[]},
  context: ImportContext,
): NationalCatalogue {
  const unread: UnreadRecord[] = []
  const portal = importAll(sources.crawl, 'dvcqg-crawl', context, unread)
  const database = importAll(sources.database, 'csdl-tthc', context, unread)
  const codes = [...new Set([...portal.keys(), ...database.keys()])].sort()
  const schemas = codes.map((code) => mergeSources(database.get(code), portal.get(code))).filter((schema) => schema !== undefined)
  // A record that one source could not read is not lost when the other source has the procedure.
  const known = new Set(codes)
  return {
    schemas,
    unread: unread.filter((record) => record.code === undefined || !known.has(record.code)),
    records: {crawl: sources.crawl.length, database: sources.database.length},
  }
}
