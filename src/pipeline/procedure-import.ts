/**
 * `sohoa procedures import`: reads a file of published procedure records (DVCQG crawl
 * JSONL, LayThuTuc JSON, procedures-database JSON), turns each into a procedure schema,
 * lints it, and writes `<out>/<code>.json` atomically. One bad record never stops the rest;
 * each gets its line in the report.
 */
import path from 'node:path'

import {UnreadableInputError} from '../core/errors.js'
import {hasErrors, type Problem, problem} from '../core/problem.js'
import {componentCount} from '../core/procedure.js'
import {importRecord, type RecordShape} from '../core/procedure-import.js'
import {writeJsonAtomic} from '../tools/atomic-file.js'
import {readMaybeGzipText} from '../tools/gzip-file.js'
import {loadKindHints} from '../tools/package-data.js'
import {defaultLintContext, lintProcedureValue} from './schema-lint.js'

export interface ImportOptions {
  input: string
  out: string
  /** Parallel writes. */
  concurrency?: number
}

export type RecordStatus = 'written' | 'no-schema' | 'lint-failed'

export interface RecordReport {
  /** 1-based position in the input (the line number for JSONL). */
  index: number
  code?: string
  shape?: RecordShape
  status: RecordStatus
  file?: string
  cases: number
  components: number
  problems: Problem[]
}

export interface ImportReport {
  input: string
  out: string
  total: number
  written: number
  failed: number
  /** written / total */
  coverage: number
  records: RecordReport[]
}

export async function importProcedures(options: ImportOptions): Promise<ImportReport> {
  const records = await readRecords(options.input)
  const kindHints = loadKindHints()
  const lintContext = defaultLintContext()
  const reports: RecordReport[] = []
  const writes: Array<{file: string; value: unknown; report: RecordReport}> = []
  const seen = new Map<string, number>()

  for (const {index, value, problems: readProblems} of records) {
    if (readProblems.length > 0) {
      reports.push({index, status: 'no-schema', cases: 0, components: 0, problems: readProblems})
      continue
    }
    const imported = importRecord(value, {kindHints})
    const report: RecordReport = {index, code: imported.code, shape: imported.shape, status: 'no-schema', cases: 0, components: 0, problems: imported.problems}
    reports.push(report)
    if (!imported.schema) continue
    report.cases = imported.schema.cases.length
    report.components = componentCount(imported.schema)
    const lint = lintProcedureValue(imported.schema, lintContext)
    report.problems = [...report.problems, ...lint]
    if (hasErrors(lint)) {
      report.status = 'lint-failed'
      continue
    }
    const earlier = seen.get(imported.schema.code)
    if (earlier !== undefined) report.problems.push(problem('import.duplicate-record', '', {code: imported.schema.code, first: earlier}, 'warning'))
    seen.set(imported.schema.code, index)
    const file = path.join(options.out, `${safeFileName(imported.schema.code)}.json`)
    writes.push({file, value: imported.schema, report})
  }

  await runLimited(writes, options.concurrency ?? 16, async ({file, value, report}) => {
    await writeJsonAtomic(file, value)
    report.status = 'written'
    report.file = file
  })

  const written = reports.filter((report) => report.status === 'written').length
  return {
    input: options.input,
    out: options.out,
    total: reports.length,
    written,
    failed: reports.length - written,
    coverage: reports.length === 0 ? 0 : written / reports.length,
    records: reports,
  }
}

interface InputRecord {
  index: number
  value: unknown
  problems: Problem[]
}

/** A JSON array, a single JSON object, or JSON Lines; gzip-compressed when named `.gz`. */
async function readRecords(file: string): Promise<InputRecord[]> {
  let text: string
  try {
    text = (await readMaybeGzipText(file)).replace(/^\ufeff/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UnreadableInputError(code === 'ENOENT' ? 'input.not-found' : 'input.unreadable', {file, detail: (error as Error).message}, {cause: error})
  }
  if (text.trim() === '') throw new UnreadableInputError('input.empty', {file})
  if (!/\.jsonl(\.gz)?$/.test(file)) {
    try {
      const value: unknown = JSON.parse(text)
      const values = Array.isArray(value) ? value : [value]
      return values.map((item, index) => ({index: index + 1, value: item, problems: []}))
    } catch {
      // Not one JSON document: read it as JSON Lines below.
    }
  }
  const records: InputRecord[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    try {
      records.push({index: index + 1, value: JSON.parse(line), problems: []})
    } catch (error) {
      records.push({index: index + 1, value: undefined, problems: [problem('import.invalid-json-line', '', {line: index + 1, detail: (error as Error).message})]})
    }
  })
  if (records.length > 0 && records.every((record) => record.problems.length > 0)) {
    throw new UnreadableInputError('import.not-json', {file})
  }
  return records
}

/** Procedure codes are `d.dddddd[.agency]`; anything else is made safe to use as a file name. */
function safeFileName(code: string): string {
  return code.replace(/[^0-9A-Za-z.\-_]/g, '_')
}

async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lanes = Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) {
      const item = items[next]!
      next += 1
      await work(item)
    }
  })
  await Promise.all(lanes)
}
