/**
 * Issue 18, "Nothing lost, nothing overwritten": the generated hostile-input corpus
 * (test/helpers/hostile-corpus.ts) through the built CLI. Each case is a regression test that
 * failed before the fix; all of them share the promises checked here.
 */
import {mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {afterAll, describe, expect, it} from 'vitest'

import {maskIdsInText} from '../src/core/citizen-id.js'
import {findDuplicateKeys} from '../src/core/json-duplicate-keys.js'
import {outputBaseNames} from '../src/pipeline/ocr.js'
import {temporaryName} from '../src/tools/atomic-file.js'
import {removeStaleLanguageDirs} from '../src/tools/tesseract.js'
import {escapeNonPrinting} from '../src/ui/escape.js'
import {runCli, ROOT} from './helpers/cli.js'
import {deadPid, fingerprint, HOSTILE_CASES, interruptDuringOcr, readOnlyUndo} from './helpers/hostile-corpus.js'
import {writePage} from './helpers/fixtures.js'

const dirs: string[] = []
async function caseDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-hostile-'))
  dirs.push(dir)
  return dir
}

afterAll(async () => {
  for (const undo of readOnlyUndo.splice(0)) undo()
  await Promise.all(dirs.map(async (dir) => rm(dir, {recursive: true, force: true})))
})

const STACK_TRACE = /\n\s+at .+(:\d+:\d+|\(node:)/

describe.each(HOSTILE_CASES)('hostile input: $id', (entry) => {
  it('gives its documented exit code, names the file and the reason, changes no input and overwrites nothing', async () => {
    const dir = await caseDir()
    const run = await entry.setup(dir)
    const before = await Promise.all([...run.inputs, ...(run.existing ?? [])].map(fingerprint))
    const result = await runCli([...run.args, '--lang', 'en'], {env: run.env})
    const output = `${result.stdout}\n${result.stderr}`
    expect(result.code, output).not.toBe(1)
    expect(result.code, output).toBe(run.exit)
    expect(output).not.toMatch(STACK_TRACE)
    for (const mention of run.mentions) {
      if (typeof mention === 'string') expect(output).toContain(mention)
      else expect(output).toMatch(mention)
    }
    for (const absent of run.absent ?? []) {
      if (typeof absent === 'string') expect(output).not.toContain(absent)
      else expect(output).not.toMatch(absent)
    }
    const after = await Promise.all([...run.inputs, ...(run.existing ?? [])].map(fingerprint))
    expect(after).toEqual(before)
    await run.check?.(result)
  }, 240_000)
})

describe('following links is the user’s decision', () => {
  it('reads a linked page with --follow-links, and still reports a link loop by name', async () => {
    const dir = await caseDir()
    const folder = path.join(dir, 'in')
    await mkdir(folder)
    await writePage(path.join(folder, 'p1.png'), {lines: ['Tờ khai đăng ký kết hôn'], pageMm: {width: 148, height: 105}, dpi: 200})
    const outside = await writePage(path.join(dir, 'cccd.png'), {lines: ['Căn cước công dân'], pageMm: {width: 148, height: 105}, dpi: 200})
    await symlink(outside, path.join(folder, 'p2.png'))
    await symlink('p9.png', path.join(folder, 'p9.png'))
    const out = path.join(dir, 'out')
    const result = await runCli(['ocr', folder, '--out', out, '--jobs', '1', '--follow-links', '--json'])
    expect(result.code).toBe(3)
    const files = result.json().files as Array<{file: string; status: string; error?: {code: string}}>
    expect(files.find((file) => file.file === 'p2.png')?.status).toBe('ok')
    expect(files.find((file) => file.file.endsWith('p9.png'))?.error?.code).toBe('input.symlink-loop')
    expect((await readdir(out)).sort()).toEqual(['p1.pdf', 'p1.txt', 'p2.pdf', 'p2.txt'])
  }, 240_000)
})

describe('ocr --force', () => {
  it('replaces an existing output, never an input', async () => {
    const dir = await caseDir()
    const input = await writePage(path.join(dir, 'page.png'), {lines: ['Giấy khai sinh'], pageMm: {width: 148, height: 105}, dpi: 200})
    const out = path.join(dir, 'out')
    await mkdir(out)
    await writeFile(path.join(out, 'page.pdf'), 'old\n')
    const forced = await runCli(['ocr', input, '--out', out, '--jobs', '1', '--force'])
    expect(forced.code).toBe(0)
    expect((await readFile(path.join(out, 'page.pdf'))).subarray(0, 5).toString()).toBe('%PDF-')
    const intoItself = await runCli(['ocr', input, '--out', dir, '--jobs', '1', '--force', '--json'])
    expect(intoItself.code).toBe(0)
    // page.png → page.pdf beside it is no input; an input PDF would be refused even so:
    const again = await runCli(['ocr', path.join(dir, 'page.pdf'), '--out', dir, '--jobs', '1', '--force', '--json'])
    expect(again.code).toBe(2)
    expect(again.json().files[0].error.code).toBe('ocr.output-is-input')
  }, 240_000)
})

describe('Ctrl-C during OCR', () => {
  it('exits 130 saying it was interrupted, with no "OCR pool closed" file error', async () => {
    const dir = await caseDir()
    const inputs = await Promise.all(
      Array.from({length: 4}, async (_, index) => writePage(path.join(dir, `p${index}.png`), {lines: ['Tờ khai đăng ký kết hôn', 'Họ và tên: Nguyễn Văn An'], dpi: 300})),
    )
    const out = path.join(dir, 'out')
    const args = ['ocr', ...inputs, '--out', out, '--jobs', '1', '--lang', 'en']
    const result = await interruptDuringOcr(path.join(ROOT, 'bin', 'run.js'), args, {CI: 'true', NODE_ENV: 'production'}, out)
    expect(result.code).toBe(130)
    expect(result.stderr).toContain('Interrupted (Ctrl-C); finished work is kept.')
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/pool closed|pool is closed/i)
  }, 120_000)
})

describe('the pure parts', () => {
  it('escapes control, format and separator characters, and nothing printable', () => {
    expect(escapeNonPrinting('a\u001b[31mb\u202ec\u200bd\u0007\u2028Đ')).toBe('a\\x1b[31mb\\u202ec\\u200bd\\x07\\u2028Đ')
  })

  it('masks 9–12 digit runs however they are broken or written, and leaves codes, dates and timestamps', () => {
    expect(maskIdsInText('001090\u200b012345')).toBe('001******345')
    expect(maskIdsInText('０３８１８５０１２３４５')).toBe('０３８******３４５')
    expect(maskIdsInText('data/documents/001090012345.1.001193.TP01.01.pdf')).toBe('data/documents/001******345.1.001193.TP01.01.pdf')
    expect(maskIdsInText('CMND 123456789')).toBe('CMND 123***789')
    expect(maskIdsInText('001 090 012 345')).toBe('001******345')
    expect(maskIdsInText('at 20240315120000 001090012345 1 page')).toBe('at 20240315120000 001******345 1 page')
    expect(maskIdsInText('000.00.00.H56-240315-0001 at 20240315120000')).toBe('000.00.00.H56-240315-0001 at 20240315120000')
  })

  it('gives same-named inputs distinct output names, also against a name already taken', () => {
    const names = outputBaseNames([
      {path: '/a/page.png', name: 'page.png'},
      {path: '/b/page.png', name: 'page.png'},
      {path: '/c/page-2.jpg', name: 'page-2.jpg'},
    ])
    expect(names).toEqual(['page', 'page-2', 'page-2-2'])
  })

  it('keeps temporary names within 255 bytes when the final name fits', () => {
    const final = path.join('/x', `${'đ'.repeat(120)}.pdf`)
    expect(Buffer.byteLength(path.basename(final))).toBe(244)
    const temporary = path.basename(temporaryName(final))
    expect(Buffer.byteLength(temporary)).toBeLessThanOrEqual(255)
    expect(temporary.startsWith('.đđ')).toBe(true)
  })

  it('finds duplicate keys at any depth, with their JSON pointer', () => {
    expect(findDuplicateKeys('{"a": 1, "b": {"c": [ {"d": 1, "d": 2} ]}, "a": "x"}')).toEqual([
      {pointer: '/b/c/0/d', key: 'd'},
      {pointer: '/a', key: 'a'},
    ])
    expect(findDuplicateKeys('{"a\\"": 1, "a": 2}')).toEqual([])
  })

  it('removes language folders whose owner process is gone, and only those', async () => {
    const tmp = await caseDir()
    const dead = path.join(tmp, `sohoa-tessdata-${deadPid()}-aaaaaa`)
    const alive = path.join(tmp, `sohoa-tessdata-${process.pid}-bbbbbb`)
    await mkdir(dead)
    await mkdir(alive)
    expect(await removeStaleLanguageDirs(tmp)).toEqual([dead])
    expect(await readdir(tmp)).toEqual([path.basename(alive)])
  })
})
