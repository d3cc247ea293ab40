/** Runs the built CLI (bin/run.js → dist/) as a user would, with no terminal and CI=true. */
import {spawn} from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..', '..')
/** The public procedure sources shipped with the repository (templates/README.md). */
export const SOURCES_DIR = path.join(ROOT, 'templates', 'sources')
export const CRAWL_FILE = path.join(SOURCES_DIR, 'dvcqg-crawl.procedures.jsonl.gz')
export const DATABASE_FILE = path.join(SOURCES_DIR, 'csdl-tthc-commune.procedures.json.gz')
/**
 * The national catalogue's cache for CLI runs: one folder for the whole test run (it is keyed
 * by content, so runs share it safely), outside the user's own cache directory.
 */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), `sohoa-test-cache-${os.userInfo().uid}`)
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
      env: {...process.env, CI: 'true', NODE_ENV: 'production', LANG: 'C', SOHOA_LANG: '', SOHOA_CACHE_DIR: TEST_CACHE_DIR, ...options.env},
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
