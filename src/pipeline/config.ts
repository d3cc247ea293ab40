/**
 * `sohoa config set/get/list/unset`, and the settings other commands read: stored file, then
 * SOHOA_* environment (see src/core/config-keys.ts).
 */
import path from 'node:path'

import {
  assertConfigKey,
  checkConfigValue,
  CONFIG_KEYS,
  type ConfigKeyName,
  type ConfigValues,
  type ResolvedSetting,
  resolveSetting,
} from '../core/config-keys.js'
import {configFile, readUserConfig, updateUserConfig} from '../tools/user-config.js'

export interface ConfigListing {
  file: string
  settings: Array<ResolvedSetting & {summary: string}>
}

export interface ConfigChange {
  file: string
  key: ConfigKeyName
  value: string | undefined
}

export async function setConfig(key: string, value: string, cwd = process.cwd()): Promise<ConfigChange> {
  const name = assertConfigKey(key)
  let checked = checkConfigValue(name, value)
  // A relative path would mean something else from the next folder the user runs sohoa in.
  if (CONFIG_KEYS[name].kind === 'file') checked = path.resolve(cwd, checked)
  const file = configFile()
  await updateUserConfig({[name]: checked}, file)
  return {file, key: name, value: checked}
}

export async function unsetConfig(key: string): Promise<ConfigChange> {
  const name = assertConfigKey(key)
  const file = configFile()
  await updateUserConfig({[name]: undefined}, file)
  return {file, key: name, value: undefined}
}

export async function getConfig(key: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedSetting & {file: string}> {
  const name = assertConfigKey(key)
  const file = configFile(env)
  return {...resolveSetting(name, await readUserConfig(file), env), file}
}

export async function listConfig(env: NodeJS.ProcessEnv = process.env): Promise<ConfigListing> {
  const file = configFile(env)
  const stored = await readUserConfig(file)
  const settings = (Object.keys(CONFIG_KEYS) as ConfigKeyName[]).map((key) => ({
    ...resolveSetting(key, stored, env),
    summary: CONFIG_KEYS[key].summary,
  }))
  return {file, settings}
}

/** Every setting's effective value (environment over file), for commands that fall back on them. */
export async function loadSettings(env: NodeJS.ProcessEnv = process.env): Promise<ConfigValues> {
  const stored = await readUserConfig(configFile(env))
  const values: ConfigValues = {}
  for (const key of Object.keys(CONFIG_KEYS) as ConfigKeyName[]) {
    const value = resolveSetting(key, stored, env).value
    if (value !== undefined) values[key] = value
  }
  return values
}
