import type {MessageParams} from './errors.js'

export type Severity = 'error' | 'warning'

/**
 * A problem found in data (a schema, an ID, a payload), shaped like ajv's errors. The core
 * fills `code`, `severity`, `path` (a JSON pointer, "" for the whole document) and
 * `params`; `message` and `hint` are filled at the edge, in the user's language, from the
 * message table (keys `problem.<code>` and `problem.<code>.hint`). `message` may come
 * pre-filled (ajv's own English text) as a fallback.
 */
export interface Problem {
  code: string
  severity: Severity
  path: string
  params: MessageParams
  message?: string
  hint?: string
}

export function problem(code: string, path: string, params: MessageParams = {}, severity: Severity = 'error'): Problem {
  return {code, severity, path, params}
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((item) => item.severity === 'error')
}

/** RFC 6901: "~" → "~0", "/" → "~1". */
export function jsonPointer(...segments: Array<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
}

/** What a parser returns: the value, or why there is none. */
export type Checked<T> = {ok: true; value: T} | {ok: false; problems: Problem[]}

export function valid<T>(value: T): Checked<T> {
  return {ok: true, value}
}

export function invalid<T>(...problems: Problem[]): Checked<T> {
  return {ok: false, problems}
}
