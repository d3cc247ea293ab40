/**
 * Regression (CI run of 7 December): Ctrl-C while an output was being written left its
 * temporary file behind, because the cleanup removed it before the write had opened it.
 */
import {spawn} from 'node:child_process'
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {tempDir} from './helpers/fixtures.js'

let work: {dir: string; cleanup: () => Promise<void>}
beforeAll(async () => {
  work = await tempDir('sohoa-atomic-')
})
afterAll(async () => work?.cleanup())

describe('writeFileAtomic interrupted', () => {
  it('leaves no temporary file and only whole outputs when Ctrl-C arrives as a write begins', async () => {
    const script = path.join(import.meta.dirname, 'helpers', 'interrupted-writes.ts')
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, work.dir], {stdio: 'ignore'})
      child.on('error', reject)
      child.on('close', resolve)
    })
    expect(code).toBe(130)
    const names = await readdir(work.dir)
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(names.length).toBeLessThanOrEqual(2)
    for (const name of names) expect((await stat(path.join(work.dir, name))).size).toBe(8 * 1024 * 1024)
  }, 60_000)
})
