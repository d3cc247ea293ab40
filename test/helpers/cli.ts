/** Runs the built CLI (bin/run.js → dist/) as a user would, with no terminal and CI=true. */
import {spawn} from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..', '..')
/** ../shared/data beside the repository, as CI and the developers' machines have it. */
export const SHARED_DATA = path.resolve(ROOT, '..', 'shared', 'data')
export const CRAWL_FILE = path.join(SHARED_DATA, 'dvcqg-crawl', 'procedures.jsonl')
const BIN = path.join(ROOT, 'bin', 'run.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  json: () => any
}

export interface CliOptions {
  cwd?: string
  env?: Record<string, string>
  nodeArgs?: string[]
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      // NODE_ENV=test (set by vitest) would make oclif run src/ through tsx instead of the built dist/.
      env: {...process.env, CI: 'true', NODE_ENV: 'production', LANG: 'C', SOHOA_LANG: '', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr, json: () => JSON.parse(stdout)}))
  })
}
