/** Runs every hostile case once against the built CLI and prints case | exit | first message line (for the before/after table). */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {runCli} from './cli.js'
import {HOSTILE_CASES, readOnlyUndo} from './hostile-corpus.js'

const only = process.argv[2]
for (const entry of HOSTILE_CASES) {
  if (only && !entry.id.includes(only)) continue
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-hostile-'))
  const run = await entry.setup(dir)
  const started = Date.now()
  const result = await runCli([...run.args, '--lang', 'en'], {env: run.env})
  const text = `${result.stderr}\n${result.stdout}`.split('\n').filter((line) => line.trim() !== '' && !/^Done \d/.test(line))
  let checked = 'n/a'
  if (run.check) checked = await run.check(result).then(() => 'ok', (error: Error) => `FAIL ${error.message}`)
  const message = text.slice(0, 3).join(' / ').replaceAll(dir, '<dir>').replace(/\x1b\[[0-9;]*m/g, '').slice(0, 260)
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(JSON.stringify({case: entry.id, exit: result.code, seconds, check: checked, message}))
  for (const undo of readOnlyUndo.splice(0)) undo()
  await rm(dir, {recursive: true, force: true})
}
