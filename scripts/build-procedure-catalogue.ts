/**
 * Builds the curated catalogue templates/procedures/<code>.json from the published records
 * shipped in templates/sources (provenance in templates/README.md):
 * - procedures in the national procedures database export (csdl-tthc-commune) take their
 *   official component codes (ma_tphs) and result codes (kqth) from it; whether a paper is
 *   handed in or only presented comes from the portal crawl's table, matched by name;
 * - the residence procedures exist only in the portal crawl (dvcqg-crawl), whose
 *   components have no codes: they get local codes (codeSource "local").
 * Curated corrections (required, kinds) come from procedure-catalogue.overrides.json.
 *
 *   node --import tsx scripts/build-procedure-catalogue.ts [sources dir]
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {gunzipSync} from 'node:zlib'

import type {ProcedureSchema} from '../src/core/procedure.js'
import {importRecord} from '../src/core/procedure-import.js'
import {applyPortalModes} from '../src/core/procedure-sources.js'
import {lintProcedureValue} from '../src/pipeline/schema-lint.js'
import {writeJsonAtomic} from '../src/tools/atomic-file.js'
import {loadKindHints} from '../src/tools/package-data.js'
import {PACKAGE_ROOT} from '../src/tools/package-root.js'

const FROM_DATABASE = ['1.001193', '1.000656', '1.000894', '1.004873']
const FROM_CRAWL = ['1.004222', '1.004194', '1.010041']

interface Override {
  required?: boolean
  kinds?: string[]
  why?: string
}

export const DEFAULT_SOURCES_DIR = path.join(PACKAGE_ROOT, 'templates', 'sources')
const outDir = path.join(PACKAGE_ROOT, 'templates', 'procedures')
const overrides = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'scripts', 'procedure-catalogue.overrides.json'), 'utf8')) as {
    procedures: Record<string, Record<string, Override>>
  }
).procedures

interface Sources {
  database: Array<Record<string, unknown>>
  crawl: Array<Record<string, unknown>>
}

const readGzip = (file: string): string => gunzipSync(readFileSync(file)).toString('utf8')

function readSources(sourcesDir: string): Sources {
  const database = JSON.parse(readGzip(path.join(sourcesDir, 'csdl-tthc-commune.procedures.json.gz'))) as Sources['database']
  const crawl = readGzip(path.join(sourcesDir, 'dvcqg-crawl.procedures.jsonl.gz'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  return {database, crawl}
}

function imported(record: Record<string, unknown> | undefined, code: string): ProcedureSchema {
  if (!record) throw new Error(`${code}: not in the source data`)
  const result = importRecord(record, {kindHints: loadKindHints()})
  if (!result.schema) throw new Error(`${code}: ${JSON.stringify(result.problems)}`)
  return result.schema
}

function applyOverrides(schema: ProcedureSchema): void {
  const forProcedure = overrides[schema.code] ?? {}
  for (const component of schema.cases.flatMap((entry) => entry.components)) {
    const override = forProcedure[component.code]
    if (!override) continue
    if (override.required !== undefined) component.required = override.required
    if (override.kinds !== undefined) component.kinds = override.kinds
  }
}

const DATABASE_NOTE =
  'Codes and components from the national procedures database (csdl-tthc-commune); submit/present and counts from the DVCQG portal page; required and kinds curated (scripts/procedure-catalogue.overrides.json).'
const CRAWL_NOTE =
  'From the DVCQG portal page (crawl July 2026). The portal publishes no component codes: codes are local. Required and kinds curated (scripts/procedure-catalogue.overrides.json).'

/** The catalogue as the sources give it, in the order of SPEC §5. */
export function buildCatalogue(sourcesDir: string = DEFAULT_SOURCES_DIR): ProcedureSchema[] {
  const {database, crawl} = readSources(sourcesDir)
  return [...FROM_DATABASE, ...FROM_CRAWL].map((code) => {
    const portal = crawl.find((record) => record.ma_thu_tuc === code)
    const fromDatabase = FROM_DATABASE.includes(code)
    const schema = fromDatabase ? imported(database.find((record) => record.ma_tthc === code), code) : imported(portal, code)
    if (fromDatabase) applyPortalModes(schema, portal && imported(portal, code))
    const url = schema.source?.url
    schema.source = {kind: fromDatabase ? 'csdl-tthc' : 'dvcqg-crawl', ...(url ? {url} : {}), note: fromDatabase ? DATABASE_NOTE : CRAWL_NOTE}
    applyOverrides(schema)
    const problems = lintProcedureValue(schema)
    if (problems.some((item) => item.severity === 'error')) throw new Error(`${code}: ${JSON.stringify(problems)}`)
    return {$schema: '../../schemas/procedure.schema.json', ...schema}
  })
}

async function main(): Promise<void> {
  for (const schema of buildCatalogue(path.resolve(process.argv[2] ?? DEFAULT_SOURCES_DIR))) {
    const file = path.join(outDir, `${schema.code}.json`)
    await writeJsonAtomic(file, schema)
    console.log(`${file} (${schema.cases.reduce((sum, entry) => sum + entry.components.length, 0)} components)`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
