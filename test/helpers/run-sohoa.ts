/** Runs the built CLI (bin/run.js → dist/) as a user would: no terminal, CI set. */
import {spawn} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data')
export const CRAWL_FILE = path.join(SHARED_DATA, 'dvcqg-crawl', 'procedures.jsonl')

export interface SohoaRun {
  code: number | null
  stdout: string
  stderr: string
}

export function runSohoa(args: string[], env: Record<string, string> = {}): Promise<SohoaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'run.js'), ...args], {
      cwd: REPO_ROOT,
      env: {...process.env, CI: 'true', LANG: 'C', SOHOA_LANG: '', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}
