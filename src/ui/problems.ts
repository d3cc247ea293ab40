/**
 * Problems leave the core as codes and parameters; here they get their message and hint in
 * the user's language (keys `<code>` and `<code>.hint` of the message tables). ajv's own
 * English text is the last resort for a keyword without a translation.
 */
import type {Problem} from '../core/problem.js'
import {escapeNonPrinting} from './escape.js'
import {type Lang, translate} from './i18n.js'
import {messages} from './messages/index.js'

export interface RenderedProblem extends Problem {
  message: string
  hint: string
}

export function renderProblem(item: Problem, lang: Lang): RenderedProblem {
  const params = {...item.params, path: item.path || '/'}
  const message = messages[item.code]
    ? translate(lang, item.code, params)
    : translate(lang, 'problem.untranslated', {detail: item.message ?? item.code, ...params})
  const hintKey = messages[`${item.code}.hint`] ? `${item.code}.hint` : item.code.startsWith('schema.') ? 'schema.hint' : undefined
  return {
    code: item.code,
    severity: item.severity,
    path: item.path,
    message,
    params: item.params,
    hint: hintKey ? translate(lang, hintKey, params) : '',
  }
}

export function renderProblems(items: readonly Problem[], lang: Lang): RenderedProblem[] {
  return items.map((item) => renderProblem(item, lang))
}

/** `T` with the problem list under `K` rendered for the user (message and hint in their language). */
export type WithRendered<T, K extends keyof T> = Omit<T, K> & {[P in K]: RenderedProblem[]}

/** `value` with its problem list under `key` rendered: the one way commands turn a report into output. */
export function withRendered<T extends {[P in K]: readonly Problem[]}, K extends keyof T>(
  value: T,
  key: K,
  lang: Lang,
): WithRendered<T, K> {
  return {...value, [key]: renderProblems(value[key], lang)} as WithRendered<T, K>
}

/** One line for a terminal: `error /cases/0/components/1/kinds/0 message (hint)`. */
export function problemLine(item: RenderedProblem, severityLabel: string): string {
  return `  ${severityLabel} ${escapeNonPrinting(item.path || '/')}  ${item.message}${item.hint ? `\n      → ${item.hint}` : ''}`
}
