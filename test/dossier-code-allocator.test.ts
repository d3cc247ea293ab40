import {spawn} from 'node:child_process'
import {mkdtemp, mkdir, readFile, rm, utimes, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {takeNext} from '../src/core/dossier-sequence.js'
import {allocateDossierCodes, sequenceFile} from '../src/pipeline/dossier-code-allocator.js'

const WORKER = fileURLToPath(new URL('helpers/allocate-worker.ts', import.meta.url))
const AGENCY = '000.00.00.H56'
const DAY = {year: 2024, month: 3, day: 15}

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-seq-'))
})
afterEach(async () => {
  await rm(dataDir, {recursive: true, force: true})
})

function runWorker(count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, AGENCY, String(count)], {stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`worker exited ${code}: ${err}`))))
  })
}

const sequenceOf = (code: string): number => Number(code.slice(-4))

describe('dossier-code sequence (pure)', () => {
  it('continues per day and refuses to pass 9999', () => {
    const state = {version: 1 as const, agency: AGENCY, last: {'240315': 9998}}
    const {state: next, sequences} = takeNext(state, DAY, 1)
    expect(sequences).toEqual([9999])
    expect(() => takeNext(next, DAY, 1)).toThrow()
    expect(takeNext(next, {...DAY, day: 16}).sequences).toEqual([1])
  })
})

describe('dossier-code allocator', () => {
  it('numbers from 0001 per agency and day', async () => {
    const first = await allocateDossierCodes({agency: AGENCY, day: DAY, dataDir, count: 2})
    expect(first.codes).toEqual(['000.00.00.H56-240315-0001', '000.00.00.H56-240315-0002'])
    const otherDay = await allocateDossierCodes({agency: AGENCY, day: {...DAY, day: 16}, dataDir})
    expect(otherDay.codes).toEqual(['000.00.00.H56-240316-0001'])
    const otherAgency = await allocateDossierCodes({agency: 'H49', day: DAY, dataDir})
    expect(otherAgency.codes).toEqual(['H49-240315-0001'])
  })

  it('never hands out the same number to concurrent processes', async () => {
    const processes = 8
    const perProcess = 60
    const started = Date.now()
    const results = await Promise.all(Array.from({length: processes}, async () => runWorker(perProcess)))
    const elapsed = Date.now() - started
    const codes = results.flat()
    const unique = new Set(codes)
    const sequences = codes.map(sequenceOf).sort((a, b) => a - b)
    console.info(`allocator: ${processes} processes × ${perProcess} codes = ${codes.length}, ${codes.length - unique.size} duplicates, ${elapsed} ms`)
    expect(codes).toHaveLength(processes * perProcess)
    expect(unique.size).toBe(codes.length)
    expect(sequences).toEqual(Array.from({length: processes * perProcess}, (_, index) => index + 1))
    // Each process saw its own numbers rise.
    for (const own of results) expect(own.map(sequenceOf)).toEqual([...own.map(sequenceOf)].sort((a, b) => a - b))
  })

  it('continues after a holder died with the lock (stale lock) and never reuses', async () => {
    await allocateDossierCodes({agency: AGENCY, day: DAY, dataDir, count: 5})
    const lock = `${sequenceFile(dataDir, AGENCY)}.lock`
    await mkdir(lock)
    const longAgo = new Date(Date.now() - 60_000)
    await utimes(lock, longAgo, longAgo)
    const next = await allocateDossierCodes({agency: AGENCY, day: DAY, dataDir})
    expect(next.codes).toEqual(['000.00.00.H56-240315-0006'])
  })

  it('keeps the numbers of a process killed mid-run', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, AGENCY, '100000'], {stdio: 'ignore'})
    const file = sequenceFile(dataDir, AGENCY)
    // Let it allocate for a while, then kill it without warning.
    for (let waited = 0; waited < 20_000; waited += 50) {
      const text = await readFile(file, 'utf8').catch(() => '')
      if (text && JSON.parse(text).last['240315'] >= 20) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    child.kill('SIGKILL')
    await new Promise((resolve) => child.on('close', resolve))
    const before = JSON.parse(await readFile(file, 'utf8')).last['240315'] as number
    expect(before).toBeGreaterThanOrEqual(20)
    // The child may have died holding the lock: the next caller waits for it to go stale.
    const next = await allocateDossierCodes({agency: AGENCY, day: DAY, dataDir, lockStaleMs: 5000})
    expect(sequenceOf(next.codes[0]!)).toBe(before + 1)
  })

  it('refuses a damaged sequence file rather than guess', async () => {
    const file = sequenceFile(dataDir, AGENCY)
    await mkdir(path.dirname(file), {recursive: true})
    await writeFile(file, '{"version":1,"agency":"000.00.00.H56","last":{"240315":')
    await expect(allocateDossierCodes({agency: AGENCY, day: DAY, dataDir})).rejects.toMatchObject({code: 'sequence.damaged', exitCode: 8})
  })

  it('rejects an invalid agency code', async () => {
    await expect(allocateDossierCodes({agency: 'not an agency', dataDir})).rejects.toMatchObject({code: 'code.agency.format', exitCode: 2})
  })
})
