/**
 * `sohoa schema lint`: each file is read, parsed, checked against
 * schemas/procedure.schema.json (structure), then by the semantic rules of
 * src/core/procedure-lint.ts. Problems are data; the command decides the exit code.
 */
import {readFile, stat} from 'node:fs/promises'

import {findDuplicateKeys} from '../core/json-duplicate-keys.js'
import {locateJsonError} from '../core/json-error-position.js'
import {hasErrors, type Problem, problem} from '../core/problem.js'
import type {ProcedureSchema} from '../core/procedure.js'
import {lintProcedure, type LintContext} from '../core/procedure-lint.js'
import {loadDocumentKindIds} from '../tools/package-data.js'
import {validateAgainstSchema} from '../tools/schemas.js'

export interface FileLint {
  file: string
  valid: boolean
  /** The file could not be read at all (missing, a folder, no permission). */
  unreadable: boolean
  problems: Problem[]
}

export interface LintReport {
  valid: boolean
  files: FileLint[]
  errors: number
  warnings: number
}

export function defaultLintContext(): LintContext {
  return {kindIds: new Set(loadDocumentKindIds().map((kind) => kind.id))}
}

/** Structure first; the semantic rules only see documents of the right shape. */
export function lintProcedureValue(value: unknown, context: LintContext = defaultLintContext()): Problem[] {
  const structural = validateAgainstSchema('procedure', value)
  if (structural.length > 0) return structural
  return lintProcedure(value as ProcedureSchema, context)
}

/**
 * A procedure schema is a few kilobytes (the largest national procedure, some 60 components,
 * is under 100 KB); a file over this is not one, and parsing and checking it would take
 * minutes and gigabytes before saying so.
 */
export const MAX_SCHEMA_BYTES = 5 * 1024 * 1024

export async function lintFile(file: string, context: LintContext = defaultLintContext()): Promise<FileLint> {
  let text: string
  try {
    const size = (await stat(file)).size
    if (size > MAX_SCHEMA_BYTES) {
      const problems = [problem('lint.file-too-large', '', {file, size: megabytes(size), limit: megabytes(MAX_SCHEMA_BYTES)})]
      return {file, valid: false, unreadable: true, problems}
    }
    text = await readFile(file, 'utf8')
  } catch (error) {
    const problems = [problem('lint.file-unreadable', '', {file, detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message})]
    return {file, valid: false, unreadable: true, problems}
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    const problems = [problem('lint.invalid-json', '', {file, ...jsonErrorPosition(text, error as Error)})]
    return {file, valid: false, unreadable: false, problems}
  }
  const problems = [...duplicateKeys(text), ...lintProcedureValue(value, context)]
  return {file, valid: !hasErrors(problems), unreadable: false, problems}
}

export async function lintFiles(files: readonly string[]): Promise<LintReport> {
  const context = defaultLintContext()
  const results: FileLint[] = []
  for (const file of files) results.push(await lintFile(file, context))
  const all = results.flatMap((result) => result.problems)
  const errors = all.filter((item) => item.severity === 'error').length
  return {valid: errors === 0, files: results, errors, warnings: all.length - errors}
}

function duplicateKeys(text: string): Problem[] {
  try {
    return findDuplicateKeys(text).map((duplicate) => problem('lint.duplicate-key', duplicate.pointer, {key: duplicate.key}))
  } catch (error) {
    // Nesting deeper than the stack: JSON.parse took it, the schema check will reject it.
    if (error instanceof RangeError) return []
    throw error
  }
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1)
}

function jsonErrorPosition(text: string, error: Error): {line: number; column: number; detail: string} {
  const position = locateJsonError(text) ?? {line: 1, column: 1}
  return {line: position.line, column: position.column, detail: error.message.split('\n')[0] ?? ''}
}
