import {mkdir, readdir, readFile, utimes, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {foldVietnamese} from '../src/core/text-fold.js'
import {
  BUNDLED_DIR,
  type Catalogue,
  filterCatalogue,
  forgetLoadedCatalogues,
  loadCatalogue,
  loadNationalCatalogue,
  lookupProcedure,
  parseLevel,
} from '../src/pipeline/procedure-catalogue.js'
import {lintProcedureValue} from '../src/pipeline/schema-lint.js'
import {tempDir} from './helpers/fixtures.js'

const OLDER = 'a'.repeat(24)
const OLD = 'b'.repeat(24)
const CURATED = ['1.000656', '1.000894', '1.001193', '1.004194', '1.004222', '1.004873', '1.010041']
let cache: {dir: string; cleanup: () => Promise<void>}
let catalogue: Catalogue
let cwdBefore: string[]

beforeAll(async () => {
  cache = await tempDir('sohoa-catalogue-')
  cwdBefore = (await readdir(process.cwd())).sort()
  // Two catalogues of earlier versions: the older one goes when the new one is written.
  const folder = path.join(cache.dir, 'procedure-catalogue')
  await mkdir(folder, {recursive: true})
  for (const [key, age] of [[OLDER, 7200], [OLD, 3600]] as const) {
    for (const suffix of ['index.json', 'schemas.jsonl']) {
      const file = path.join(folder, `${key}.${suffix}`)
      await writeFile(file, '{}')
      const when = new Date(Date.now() - age * 1000)
      await utimes(file, when, when)
    }
  }
  catalogue = await loadCatalogue(undefined, {cacheDir: cache.dir})
}, 300_000)
afterAll(async () => cache?.cleanup())

describe('the whole catalogue, from the shipped sources', () => {
  it('holds every national procedure plus the curated ones, curated entries winning', async () => {
    const national = catalogue.entries.filter((entry) => entry.origin === 'national')
    const curated = catalogue.entries.filter((entry) => entry.origin === 'bundled')
    expect(national.length).toBeGreaterThanOrEqual(2574)
    expect(curated.map((entry) => entry.code)).toEqual(CURATED)
    expect(new Set(catalogue.entries.map((entry) => entry.code)).size).toBe(catalogue.entries.length)
    const khaiSinh = catalogue.entries.find((entry) => entry.code === '1.001193')!
    const committed = JSON.parse(await readFile(path.join(BUNDLED_DIR, '1.001193.json'), 'utf8'))
    expect(await catalogue.schemaOf(khaiSinh)).toEqual(committed)
  })

  it('is cached in the given cache folder, not in the current directory, and read back from it', async () => {
    expect((await readdir(process.cwd())).sort()).toEqual(cwdBefore)
    const files = (await readdir(path.join(cache.dir, 'procedure-catalogue'))).filter((name) => !name.startsWith(OLD)).sort()
    expect(files.map((name) => name.replace(/^[0-9a-f]{24}\./, ''))).toEqual(['index.json', 'schemas.jsonl'])
    // The most recent earlier catalogue is kept (the built CLI and bin/dev.js differ), older ones removed.
    expect(files.some((name) => name.startsWith(OLDER))).toBe(false)
    expect((await readdir(path.join(cache.dir, 'procedure-catalogue'))).filter((name) => name.startsWith(OLD)).length).toBe(2)
    forgetLoadedCatalogues()
    const again = await loadNationalCatalogue({cacheDir: cache.dir})
    expect(again.cache).toMatchObject({hit: true, written: false})
    // The same national procedures as the first load, the curated codes among them shadowed there.
    const nationalCodes = new Set(again.entries.map(({entry}) => entry.code))
    const shown = catalogue.entries.filter((entry) => entry.origin === 'national').length
    expect(nationalCodes.size).toBe(shown + CURATED.filter((code) => nationalCodes.has(code)).length)
    expect(again.records).toEqual({crawl: 2642, database: 107})
    // Each record no source could read says why.
    for (const record of again.unread) expect(record.problems.length).toBeGreaterThan(0)
  })

  it('gives a lint-clean schema for every code', async () => {
    for (const entry of catalogue.entries) {
      const schema = await catalogue.schemaOf(entry)
      expect(schema.code).toBe(entry.code)
      expect(lintProcedureValue(schema).filter((item) => item.severity === 'error')).toEqual([])
    }
  }, 300_000)

  it('finds a national code, also with an agency suffix', async () => {
    const found = await lookupProcedure('3.000333.000.00.00.H56', undefined, {cacheDir: cache.dir})
    expect(found).toMatchObject({origin: 'national', schema: {code: '3.000333', field: 'Lý lịch tư pháp'}})
    expect(found.schema.processing?.some((row) => row.channel === 'direct' && row.time !== undefined)).toBe(true)
  })

  it('merges the procedures database over the crawl: official codes, portal modes, processing', async () => {
    const merged = await lookupProcedure('1.000689', undefined, {cacheDir: cache.dir})
    expect(merged.schema.source?.kind).toBe('csdl-tthc')
    expect(merged.schema.field).toBe('Hộ tịch')
    const components = merged.schema.cases.flatMap((entry) => entry.components)
    expect(components.every((component) => component.codeSource === 'official')).toBe(true)
    expect(components.some((component) => component.mode === 'present' && component.kinds.includes('cccd'))).toBe(true)
  })
})

describe('search', () => {
  const codes = (text: string, extra = {}) => filterCatalogue(catalogue.entries, {text, ...extra}).map((item) => item.code)

  it('finds the judicial record certificate procedures, and only them, for "cap phieu ly lich tu phap"', () => {
    expect(codes('cap phieu ly lich tu phap').sort()).toEqual(['3.000330', '3.000333', '3.000334', '3.000335'])
  })

  it('ignores diacritics, case and Unicode normalisation', () => {
    const plain = codes('cap phieu ly lich tu phap')
    expect(codes('Cấp Phiếu Lý Lịch Tư Pháp')).toEqual(plain)
    expect(codes('cấp phiếu lý lịch tư pháp'.normalize('NFD'))).toEqual(plain)
  })

  it('ranks name matches first: the phrase in the name, then all words in the name, then the field', () => {
    const found = filterCatalogue(catalogue.entries, {text: 'ho tich'})
    const inName = found.map((item) => foldVietnamese(item.name).includes('ho tich'))
    expect(inName[0]).toBe(true)
    expect(inName.includes(false)).toBe(true)
    // Once a result matches only through its field, no name match follows.
    expect(inName.slice(inName.indexOf(false)).includes(true)).toBe(false)
    expect(codes('dang ky thuong tru')[0]).toBe('1.004222')
    expect(codes('dang ky khai sinh')[0]).toBe('1.001193')
  })

  it('puts the code first when the query is a code or its start', () => {
    expect(codes('1.004222')).toEqual(['1.004222'])
    expect(codes('3.00033').every((code) => code.startsWith('3.00033'))).toBe(true)
  })

  it('filters by level and by field', () => {
    const commune = filterCatalogue(catalogue.entries, {level: parseLevel('xã')})
    expect(commune.length).toBeGreaterThan(300)
    expect(commune.every((item) => item.levels.includes('xa'))).toBe(true)
    const ministry = filterCatalogue(catalogue.entries, {text: 'ly lich tu phap', level: parseLevel('bo')})
    expect(ministry.map((item) => item.code)).toEqual(['3.000330'])
    const civil = filterCatalogue(catalogue.entries, {field: 'Ho tich', level: 'xa'})
    expect(civil.length).toBeGreaterThan(20)
    expect(civil.every((item) => foldVietnamese(item.field ?? '') === 'ho tich')).toBe(true)
    expect(parseLevel('Cấp tỉnh')).toBe('tinh')
    expect(() => parseLevel('phuong')).toThrow()
  })
})
