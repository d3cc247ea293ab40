import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli, ROOT} from './helpers/cli.js'
import {tempDir, writeEncryptedPdf, writePage} from './helpers/fixtures.js'
import {interruptDuringOcr} from './helpers/hostile-corpus.js'

let work: {dir: string; cleanup: () => Promise<void>}
let good: string
const bad: Record<string, string> = {}

beforeAll(async () => {
  work = await tempDir()
  good = await writePage(path.join(work.dir, 'tờ khai.png'), {lines: ['Tờ khai đăng ký kết hôn'], pageMm: {width: 148, height: 105}})
  bad.empty = path.join(work.dir, 'empty.jpg')
  await writeFile(bad.empty, '')
  bad.notImage = path.join(work.dir, 'notes.jpg')
  await writeFile(bad.notImage, 'this is a text file, not a photo\n')
  const jpeg = await writePage(path.join(work.dir, 'whole.jpg'), {lines: ['Giấy khai sinh'], format: 'jpeg'})
  bad.truncated = path.join(work.dir, 'truncated.jpg')
  const bytes = await readFile(jpeg)
  await writeFile(bad.truncated, bytes.subarray(0, Math.floor(bytes.length / 3)))
  bad.encrypted = await writeEncryptedPdf(path.join(work.dir, 'locked.pdf'))
  bad.brokenPdf = path.join(work.dir, 'broken.pdf')
  await writeFile(bad.brokenPdf, '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%%EOF garbage')
  bad.missing = path.join(work.dir, 'does-not-exist.tif')
}, 120_000)

afterAll(async () => work?.cleanup())

const EXPECTED: [keyof typeof bad & string, string, RegExp, RegExp][] = [
  ['empty', 'input.empty', /empty \(0 bytes\)/, /Tệp rỗng/],
  ['notImage', 'input.not-an-image', /Not a JPEG image/, /không phải ảnh JPEG/],
  ['truncated', 'input.image-corrupt', /corrupt or incomplete/, /bị hỏng hoặc không đầy đủ/],
  ['encrypted', 'input.pdf-encrypted', /encrypted or password-protected/, /mã hóa/],
  ['brokenPdf', 'input.pdf-broken', /PDF is damaged/, /PDF bị hỏng/],
  ['missing', 'input.not-found', /No such file or folder/, /Không tìm thấy/],
]

describe('sohoa ocr with bad inputs', () => {
  it('reports each bad file by name and reason, still processes the good one, and exits 3', async () => {
    const out = path.join(work.dir, 'out-json')
    const files = EXPECTED.map(([key]) => bad[key]!)
    const result = await runCli(['ocr', ...files, good, '--out', out, '--json', '--jobs', '1'])
    expect(result.code).toBe(3)
    const json = result.json()
    for (const [key, code, english] of EXPECTED) {
      const entry = json.files.find((file: {path: string}) => file.path === bad[key])
      expect(entry, key).toMatchObject({status: 'failed', error: {code, exitCode: 3}})
      expect(entry.error.message).toMatch(english)
      expect(entry.error.message).toContain(bad[key])
    }
    const ok = json.files.find((file: {file: string}) => file.file === 'tờ khai.png')
    expect(ok.status).toBe('ok')
    expect(ok.pages[0].text).toContain('kết hôn')
    expect((await readdir(out)).sort()).toEqual(['tờ khai.pdf', 'tờ khai.txt'])
  })

  it.each(EXPECTED)('says what is wrong with %s in Vietnamese on stderr', async (key, _code, _english, vietnamese) => {
    const result = await runCli(['ocr', bad[key]!, '--out', path.join(work.dir, 'out-vi'), '--lang', 'vi'])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(vietnamese)
    expect(result.stderr).toContain(bad[key]!)
  })

  it('takes the language from the locale when --lang is absent', async () => {
    const result = await runCli(['ocr', bad.empty!, '--out', path.join(work.dir, 'out-locale')], {env: {LANG: 'vi_VN.UTF-8'}})
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/Tệp rỗng/)
  })
})

describe('sohoa ocr usage errors', () => {
  it('exits 2 without --out', async () => {
    const result = await runCli(['ocr', good])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/out/)
  })

  it('exits 2 for an unknown flag, with the error as JSON under --json', async () => {
    const result = await runCli(['ocr', good, '--out', work.dir, '--colour', '--json'])
    expect(result.code).toBe(2)
    expect(result.json().error).toMatchObject({code: 'usage.invalid', exitCode: 2})
  })

  it('rejects --jobs 0', async () => {
    const result = await runCli(['ocr', good, '--out', work.dir, '--jobs', '0'])
    expect(result.code).toBe(2)
  })
})

describe('sohoa ocr offline and tidy', () => {
  it('never touches the network and leaves the current directory as it was', async () => {
    const cwd = await tempDir('sohoa-cwd-')
    const log = path.join(work.dir, 'network.log')
    try {
      await writeFile(path.join(cwd.dir, 'keep.txt'), 'unchanged')
      const out = path.join(work.dir, 'out-offline')
      const result = await runCli(['ocr', good, '--out', out, '--json', '--jobs', '2'], {
        cwd: cwd.dir,
        env: {SOHOA_NETWORK_LOG: log},
        nodeArgs: ['--import', path.join(ROOT, 'test', 'helpers', 'no-network.mjs')],
      })
      expect(result.code, result.stderr).toBe(0)
      expect(result.json().files[0].pages[0].text).toContain('kết hôn')
      const entries = (await readFile(log, 'utf8')).trim().split('\n')
      // The guard really ran in the CLI and in both OCR worker threads…
      expect(entries.filter((line) => line.startsWith('guard loaded worker'))).toHaveLength(2)
      // …and nothing tried to reach out.
      expect(entries.filter((line) => line.startsWith('attempt'))).toEqual([])
      expect(await readdir(cwd.dir)).toEqual(['keep.txt'])
    } finally {
      await cwd.cleanup()
    }
  })
})

describe('sohoa ocr interrupted', () => {
  it('stops on Ctrl-C after the first file, exits 130, writes no further file and leaves no partial output', async () => {
    const input = path.join(work.dir, 'long')
    await mkdir(input)
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
    for (const name of names) await writePage(path.join(input, `${name}.png`), {lines: ['Văn bản ủy quyền', 'Bên ủy quyền: Trần Văn An']})
    const out = path.join(work.dir, 'out-interrupted')
    const args = ['ocr', input, '--out', out, '--jobs', '1']
    const result = await interruptDuringOcr(path.join(ROOT, 'bin', 'run.js'), args, {CI: 'true', NODE_ENV: 'production'}, out)
    expect(result.code, result.stderr).toBe(130)
    const left = await readdir(out).catch(() => [] as string[])
    expect(left.filter((name) => name.endsWith('.tmp') || name.startsWith('.'))).toEqual([])
    // Interrupted once the first PDF (and its .txt) appeared: the page in progress may still
    // finish, nothing after it.
    expect(left.filter((name) => name.endsWith('.pdf')).length).toBeLessThanOrEqual(2)
  })
})
