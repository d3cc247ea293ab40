/**
 * A batch killed with SIGKILL at random points, ten times, and resumed each time by the same
 * command: in the end every dossier is packaged exactly once, every bag passes full verify,
 * no code was given twice, and no half-written folder is left in --out. The batch runs in a
 * child process with the fast OCR double at the engine port (test/helpers/batch-worker.ts).
 */
import {spawn} from 'node:child_process'
import {readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {mulberry32} from '../scripts/lib/page-render.js'
import type {JournalEvent} from '../src/core/batch.js'
import {verifyBag} from '../src/pipeline/verify.js'
import {writeGoodDossiers} from './helpers/batch-corpus.js'
import {tempDir} from './helpers/fixtures.js'

const WORKER = path.resolve(import.meta.dirname, 'helpers', 'batch-worker.ts')
const DOSSIERS = 10
const KILLS = 10
let work: {dir: string; cleanup: () => Promise<void>}

beforeAll(async () => {
  work = await tempDir('sohoa-batch-kill-')
})
afterAll(async () => work?.cleanup())

async function journalLines(out: string): Promise<number> {
  const text = await readFile(path.join(out, '.sohoa-batch', 'journal.jsonl'), 'utf8').catch(() => '')
  // Only the lines that mark progress: a finished stage, a code given, a bag in place.
  return text.split('\n').filter((line) => /"type":"(stage|code|packaged)"/.test(line)).length
}

/**
 * Runs the batch; with `kill`, sends SIGKILL once the journal has grown by `kill.events`
 * lines and `kill.extraMs` more have passed: a random point between two steps or inside one.
 */
function runWorker(
  root: string,
  out: string,
  kill?: {events: number; extraMs: number},
): Promise<{code: number | null; signal: string | null; stdout: string}> {
  return new Promise((resolve, reject) => {
    void journalLines(out).then((before) => {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER, root, out, path.join(work.dir, 'data'), '20'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      let stdout = ''
      let exited = false
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
      const watch = async (): Promise<void> => {
        while (!exited && (await journalLines(out)) < before + kill!.events) await new Promise((done) => setTimeout(done, 10))
        await new Promise((done) => setTimeout(done, kill!.extraMs))
        if (!exited) child.kill('SIGKILL')
      }
      if (kill) void watch()
      child.on('error', reject)
      child.on('exit', (code, signal) => {
        exited = true
        resolve({code, signal, stdout})
      })
    })
  })
}

describe('batch killed with SIGKILL and resumed', () => {
  it(`ends, after ${KILLS} kills at random points, with each dossier packaged once and distinct codes`, async () => {
    const root = path.join(work.dir, 'root')
    const out = path.join(work.dir, 'out')
    await writeGoodDossiers(root, DOSSIERS, 1)
    const random = mulberry32(20261203)
    const kills: Array<{events: number; extraMs: number; signal: string | null; bags: number}> = []
    for (let round = 0; round < KILLS; round += 1) {
      const events = 1 + Math.floor(random() * 4)
      const extraMs = Math.floor(random() * 150)
      const result = await runWorker(root, out, {events, extraMs})
      const names = await readdir(out).catch(() => [] as string[])
      kills.push({events, extraMs, signal: result.signal, bags: names.filter((name) => /-\d{6}-\d{4}$/.test(name)).length})
    }
    const final = await runWorker(root, out)
    console.log(
      `kills (journal lines + ms → bags so far): ${kills.map((k) => `${k.events}+${k.extraMs}${k.signal ? '' : '(done)'}→${k.bags}`).join(', ')}`,
    )
    expect(kills.filter((kill) => kill.signal === 'SIGKILL').length).toBe(KILLS)
    expect(final.code).toBe(4)

    const names = await readdir(out)
    const bags = names.filter((name) => /-\d{6}-\d{4}$/.test(name))
    expect(bags).toHaveLength(DOSSIERS)
    expect(names.filter((name) => name.includes('.partial-'))).toEqual([])
    for (const bag of bags) expect((await verifyBag(path.join(out, bag), 'full')).problems).toEqual([])

    const events = (await readFile(path.join(out, '.sohoa-batch', 'journal.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as JournalEvent]
        } catch {
          return []
        }
      })
    const codes = events.flatMap((event) => (event.type === 'code' ? [event.code] : []))
    expect(new Set(codes).size).toBe(codes.length)
    const packaged = events.filter((event): event is Extract<JournalEvent, {type: 'packaged'}> => event.type === 'packaged')
    const perDossier = new Map<string, string[]>()
    for (const event of packaged) perDossier.set(event.id, [...(perDossier.get(event.id) ?? []), event.code])
    expect(perDossier.size).toBe(DOSSIERS)
    for (const [, got] of perDossier) expect(got).toHaveLength(1)
    expect([...perDossier.values()].flat().sort()).toEqual(bags.sort())
    const report = JSON.parse(final.stdout) as {rows: Array<{dossierCode: string | null}>}
    expect(report.rows.map((row) => row.dossierCode).sort()).toEqual(bags.sort())
  }, 300_000)
})
