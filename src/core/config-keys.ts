/**
 * The settings `sohoa config` stores: each key has the SOHOA_* variable that overrides it and a
 * check of its value. A command flag overrides both. Adding a setting (the scanner's, say) is
 * one entry here and a read where it is used.
 */
import {UsageError} from './errors.js'

export interface ConfigKey {
  env: string
  /** English summary for `config list --help`-style listings; messages translate the rest. */
  summary: string
  kind: 'text' | 'integer' | 'file'
  /** The values a key takes, when it is a choice. */
  choices?: readonly string[]
}

export const CONFIG_KEYS = {
  agency: {env: 'SOHOA_AGENCY', summary: 'Agency code of the receiving unit (default for --agency).', kind: 'text'},
  'signer.name': {env: 'SOHOA_SIGNER_NAME', summary: "The digitiser's full name, shown on the signature stamp.", kind: 'text'},
  'signer.agency': {env: 'SOHOA_SIGNER_AGENCY', summary: "The digitiser's agency as the stamp names it.", kind: 'text'},
  'signer.p12': {env: 'SOHOA_SIGN_P12', summary: 'PKCS#12 file holding the signing key and certificate.', kind: 'file'},
  'signer.pkcs11-module': {env: 'SOHOA_SIGN_PKCS11', summary: "The token's PKCS#11 module (.so).", kind: 'file'},
  'signer.slot': {env: 'SOHOA_SIGN_SLOT', summary: 'PKCS#11 slot ID of the token.', kind: 'integer'},
  'signer.key-label': {env: 'SOHOA_SIGN_KEY_LABEL', summary: 'Label of the signing key on the token.', kind: 'text'},
  'scanner.device': {env: 'SOHOA_SCANNER_DEVICE', summary: 'SANE device to scan from (see `sohoa scan --list`).', kind: 'text'},
  'scanner.source': {
    env: 'SOHOA_SCANNER_SOURCE',
    summary: 'Scanner source: flatbed, adf or duplex.',
    kind: 'text',
    choices: ['flatbed', 'adf', 'duplex'],
  },
  'scanner.resolution': {env: 'SOHOA_SCANNER_RESOLUTION', summary: 'Scan resolution in dpi (default 300).', kind: 'integer'},
} as const satisfies Record<string, ConfigKey>

export type ConfigKeyName = keyof typeof CONFIG_KEYS
export type ConfigValues = Partial<Record<ConfigKeyName, string>>

export function isConfigKey(name: string): name is ConfigKeyName {
  return Object.hasOwn(CONFIG_KEYS, name)
}

export function assertConfigKey(name: string): ConfigKeyName {
  if (!isConfigKey(name)) throw new UsageError('config.unknown-key', {key: name, keys: Object.keys(CONFIG_KEYS).join(', ')})
  return name
}

/** The value as stored; an integer key takes decimal or 0x-hex (as pkcs11-tool prints slot IDs). */
export function checkConfigValue(name: ConfigKeyName, value: string): string {
  const trimmed = value.trim()
  if (trimmed === '') throw new UsageError('config.empty-value', {key: name})
  if (CONFIG_KEYS[name].kind === 'integer' && parseConfigInteger(trimmed) === undefined) {
    throw new UsageError('config.not-integer', {key: name, value})
  }
  const {choices} = CONFIG_KEYS[name] as ConfigKey
  if (choices && !choices.includes(trimmed)) throw new UsageError('config.not-a-choice', {key: name, value, choices: choices.join(', ')})
  return trimmed
}

export function parseConfigInteger(value: string): number | undefined {
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(value)) return undefined
  const number = Number(value)
  return Number.isSafeInteger(number) ? number : undefined
}

export type ConfigSource = 'env' | 'file'

export interface ResolvedSetting {
  key: ConfigKeyName
  value: string | undefined
  source: ConfigSource | undefined
  env: string
}

/** The environment wins over the stored file (flags, applied by the caller, win over both). */
export function resolveSetting(key: ConfigKeyName, stored: ConfigValues, env: Record<string, string | undefined>): ResolvedSetting {
  const fromEnv = env[CONFIG_KEYS[key].env]
  if (fromEnv !== undefined && fromEnv !== '') return {key, value: fromEnv, source: 'env', env: CONFIG_KEYS[key].env}
  const fromFile = stored[key]
  return {key, value: fromFile, source: fromFile === undefined ? undefined : 'file', env: CONFIG_KEYS[key].env}
}
