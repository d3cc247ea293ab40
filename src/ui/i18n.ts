import type {MessageParams} from '../core/errors.js'
import {escapeNonPrinting} from './escape.js'
import {messages} from './messages/index.js'

export type Lang = 'vi' | 'en'
export const LANGS = ['vi', 'en'] as const

/**
 * `--lang` wins, then SOHOA_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); else English.
 * An empty variable counts as unset, as it does for the C library's locale.
 */
export function resolveLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  const chosen = [flag, env.SOHOA_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? ''
  return chosen.toLowerCase().startsWith('vi') ? 'vi' : 'en'
}

/** Parameters are data (file names, typed values): their non-printing characters are escaped. */
export function translate(lang: Lang, code: string, params: MessageParams = {}): string {
  const message = messages[code]
  if (!message) return escapeNonPrinting(`${code} ${JSON.stringify(params)}`)
  return message[lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? escapeNonPrinting(String(params[name])) : whole,
  )
}
