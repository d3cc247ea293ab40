/**
 * The stored settings: one JSON file in the user config directory (env-paths: ~/.config/sohoa
 * on Linux), or in SOHOA_CONFIG_DIR. Written atomically, so an interrupted `config set` leaves
 * the old file.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import envPaths from 'env-paths'

import {type ConfigValues, isConfigKey} from '../core/config-keys.js'
import {UnreadableInputError} from '../core/errors.js'
import {writeJsonAtomic} from './atomic-file.js'

export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.SOHOA_CONFIG_DIR || envPaths('sohoa', {suffix: ''}).config, 'config.json')
}

export async function readUserConfig(file = configFile()): Promise<ConfigValues> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw new UnreadableInputError('config.unreadable', {file, detail: (error as Error).message})
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new UnreadableInputError('config.unreadable', {file, detail: (error as Error).message})
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UnreadableInputError('config.unreadable', {file, detail: 'not an object'})
  }
  const values: ConfigValues = {}
  // Keys a newer or older sohoa wrote are left alone, not dropped: they are kept on rewrite.
  for (const [key, value] of Object.entries(parsed)) if (isConfigKey(key) && typeof value === 'string') values[key] = value
  return values
}

/** Merges `changes` (undefined removes a key) into the file, keeping keys this version does not know. */
export async function updateUserConfig(changes: ConfigValues, file = configFile()): Promise<void> {
  const current = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Record<string, unknown>,
    () => ({}) as Record<string, unknown>,
  )
  const next: Record<string, unknown> = {...current}
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  await writeJsonAtomic(file, next)
}
