/**
 * `sohoa scan` against SANE's own `test` backend (sane-utils), enabled by a private
 * SANE_CONFIG_DIR whose dll.conf lists `test`: its feeder holds 10 sheets per session.
 */
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {SohoaError} from '../src/core/errors.js'
import {nextScanNumber} from '../src/core/scanner.js'
import {optionValues, scanFailure} from '../src/tools/sane.js'
import {runCli} from './helpers/cli.js'

let root: string
let env: Record<string, string>

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'sohoa-scan-test-'))
  await writeFile(path.join(root, 'dll.conf'), 'test\n')
  env = {SANE_CONFIG_DIR: root, SOHOA_CONFIG_DIR: path.join(root, 'config')}
})
afterAll(async () => rm(root, {recursive: true, force: true}))

async function pageFacts(folder: string): Promise<Array<{name: string; density?: number; channels?: number; width?: number}>> {
  const names = (await readdir(folder)).sort()
  return Promise.all(
    names.map(async (name) => {
      const meta = await sharp(await readFile(path.join(folder, name))).metadata()
      return {name, density: meta.density, channels: meta.channels, width: meta.width}
    }),
  )
}

describe('sohoa scan on the SANE test device', {timeout: 60_000}, () => {
  it('--list names the test devices', async () => {
    const result = await runCli(['scan', '--list', '--json'], {env})
    expect(result.code).toBe(0)
    expect(result.json().devices.map((device: {name: string}) => device.name)).toEqual(['test:0', 'test:1'])
  })

  it('scans 3 colour pages at 300 dpi from the feeder as p0001–p0003.png stating 300 dpi', async () => {
    const out = path.join(root, 'colour')
    const result = await runCli(['scan', '--out', out, '--device', 'test', '--source', 'adf', '--pages', '3', '--json'], {env})
    expect(result.code, result.stderr).toBe(0)
    expect(result.json().pages.map((page: {file: string}) => path.basename(page.file))).toEqual(['p0001.png', 'p0002.png', 'p0003.png'])
    const facts = await pageFacts(out)
    expect(facts).toEqual(
      ['p0001.png', 'p0002.png', 'p0003.png'].map((name) => ({name, density: 300, channels: 3, width: expect.any(Number) as number})),
    )
    // The test backend's page is 80 mm wide: 945 pixels at 300 dpi.
    expect(facts[0]!.width).toBeGreaterThan(900)
  })

  it('scans grey pages (one channel) and a second round appends after the pages already there', async () => {
    const out = path.join(root, 'grey')
    for (const pages of ['3', '2']) {
      const result = await runCli(['scan', '-o', out, '-d', 'test', '--source', 'adf', '-n', pages, '--mode', 'gray'], {env})
      expect(result.code, result.stderr).toBe(0)
    }
    const facts = await pageFacts(out)
    expect(facts.map((fact) => [fact.name, fact.channels, fact.density])).toEqual(
      ['p0001.png', 'p0002.png', 'p0003.png', 'p0004.png', 'p0005.png'].map((name) => [name, 1, 300]),
    )
  })

  it('without --pages scans until the feeder is empty (the test feeder holds 10 sheets)', async () => {
    const out = path.join(root, 'whole-feeder')
    const result = await runCli(['scan', '-o', out, '--source', 'adf', '--resolution', '50', '--json'], {
      env: {...env, SOHOA_SCANNER_DEVICE: 'test:1'},
    })
    expect(result.code, result.stderr).toBe(0)
    expect(result.json()).toMatchObject({device: 'test:1'})
    expect(await readdir(out)).toHaveLength(10)
  })

  it('takes the device, source and resolution from the stored settings', async () => {
    const config = path.join(root, 'stored')
    for (const [key, value] of [['scanner.device', 'test:1'], ['scanner.source', 'adf'], ['scanner.resolution', '150']]) {
      expect((await runCli(['config', 'set', key!, value!], {env: {...env, SOHOA_CONFIG_DIR: config}})).code).toBe(0)
    }
    const out = path.join(root, 'stored-out')
    const result = await runCli(['scan', '-o', out, '-n', '1', '--json'], {env: {...env, SOHOA_CONFIG_DIR: config}})
    expect(result.code, result.stderr).toBe(0)
    expect(result.json()).toMatchObject({device: 'test:1', pages: [{dpi: 150}]})
    expect((await pageFacts(out))[0]).toMatchObject({density: 150})
    const bad = await runCli(['config', 'set', 'scanner.source', 'tray'], {env: {...env, SOHOA_CONFIG_DIR: config}})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('flatbed, adf, duplex')
  })

  it('exits 7 with a clear message when SANE finds no scanner', async () => {
    const empty = path.join(root, 'no-backends')
    await mkdir(empty)
    await writeFile(path.join(empty, 'dll.conf'), '')
    const result = await runCli(['scan', '-o', path.join(root, 'none'), '--lang', 'en'], {env: {...env, SANE_CONFIG_DIR: empty}})
    expect(result.code).toBe(7)
    expect(result.stderr).toContain('No scanner found')
    expect(await readdir(path.join(root, 'none'))).toEqual([])
  })

  it('exits 7 naming the Debian package sane-utils when scanimage is not installed', async () => {
    const result = await runCli(['scan', '--list', '--lang', 'en'], {env: {...env, PATH: path.join(root, 'no-programs')}})
    expect(result.code).toBe(7)
    expect(result.stderr).toContain('apt-get install sane-utils')
  })
})

describe('what scanimage says', () => {
  const help = '  --mode Gray|Color [Gray]\n  --source Flatbed|Automatic Document Feeder [Flatbed]\n'

  it('reads the device\'s own source and mode names', () => {
    expect(optionValues(help, 'source')).toEqual(['Flatbed', 'Automatic Document Feeder'])
    expect(optionValues(help, 'mode')).toEqual(['Gray', 'Color'])
    expect(optionValues(help, 'depth')).toEqual([])
  })

  it.each([
    ['scanimage: sane_start: Document feeder out of documents', 0, 'scan.feeder-empty'],
    ['scanimage: sane_start: Document feeder out of documents', 3, undefined],
    ['scanimage: sane_read: Document feeder jammed', 2, 'scan.jammed'],
    ['scanimage: sane_start: Scanner cover is open', 0, 'scan.cover-open'],
    ['scanimage: open of device epson2:net:10.0.0.9 failed: Invalid argument', 0, 'scan.device-failed'],
  ])('%s after %i pages → %s', (stderr, pages, code) => {
    const error = scanFailure(stderr, pages, 'dev')
    expect(error?.code).toBe(code)
    if (error) expect(error).toBeInstanceOf(SohoaError)
    if (error) expect(error.exitCode).toBe(7)
  })

  it('numbers a new round after the highest page already there', () => {
    expect(nextScanNumber([])).toBe(1)
    expect(nextScanNumber(['p0001.png', 'p0009.png', 'notes.txt', 'p0003.png'])).toBe(10)
  })
})
