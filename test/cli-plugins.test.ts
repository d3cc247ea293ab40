/**
 * The oclif plugins: shell completion (@oclif/plugin-autocomplete) and "did you mean"
 * (@oclif/plugin-not-found), the latter on a real pseudo-terminal (util-linux `script`).
 */
import {spawn} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ROOT, runCli} from './helpers/cli.js'
import {tempDir} from './helpers/fixtures.js'

let work: {dir: string; cleanup: () => Promise<void>}
beforeAll(async () => {
  work = await tempDir('sohoa-plugins-')
})
afterAll(async () => work?.cleanup())

const stripAnsi = (text: string): string => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')

describe('oclif plugins', {timeout: 60_000}, () => {
  it('on a terminal, a mistyped command gets "Did you mean scan?"', async () => {
    // stdin at end of file: the question is asked and then left unanswered, so nothing runs.
    const child = spawn('script', ['-qec', `${process.execPath} ${path.join(ROOT, 'bin', 'run.js')} scna`, '/dev/null'], {
      env: {...process.env, NODE_ENV: 'production', LANG: 'C'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(stripAnsi(output)).toContain('scna is not a sohoa command')
    expect(stripAnsi(output)).toContain('Did you mean scan?')
    expect(code).not.toBe(0)
  })

  it('without a terminal, a mistyped command exits 127 pointing to sohoa help', async () => {
    const result = await runCli(['intak'])
    expect(result.code).toBe(127)
    expect(stripAnsi(result.stderr)).toContain('Run sohoa help for a list of available commands')
  })

  it('autocomplete builds bash completion that knows the new commands and their flags', async () => {
    // oclif keeps the completion cache in <BIN>_CACHE_DIR, the folder sohoa's catalogue cache uses too.
    const env = {SOHOA_CACHE_DIR: path.join(work.dir, 'cache')}
    const refreshed = await runCli(['autocomplete', '--refresh-cache'], {env})
    expect(refreshed.code, refreshed.stderr).toBe(0)
    const bash = await readFile(path.join(work.dir, 'cache', 'autocomplete', 'functions', 'bash', 'sohoa.bash'), 'utf8')
    expect(bash).toMatch(/\nintake /)
    expect(bash).toMatch(/\nscan .*--source/)
    const script = await runCli(['autocomplete', 'script', 'bash'], {env})
    expect(script.stdout).toContain('SOHOA_AC_BASH_SETUP_PATH=')
  })
})
