import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {ProcedureSchema} from '../src/core/procedure.js'
import {locateJsonError} from '../src/core/json-error-position.js'
import {BUNDLED_DIR} from '../src/pipeline/procedure-catalogue.js'
import {lintFile, lintFiles, lintProcedureValue} from '../src/pipeline/schema-lint.js'
import {validateAgainstSchema} from '../src/tools/schemas.js'

/** A small valid schema; each broken case below changes one thing. */
function validSchema(): ProcedureSchema {
  return {
    schemaVersion: 1,
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    levels: ['xa'],
    field: 'Hộ tịch',
    results: [{code: 'KQ.G15.000031', name: 'Giấy khai sinh'}],
    cases: [
      {
        name: '',
        components: [
          {code: '000.00.00.G15-KQ004389', codeSource: 'official', name: 'Giấy chứng sinh', mode: 'submit', originals: 1, copies: 0, required: true, kinds: ['giay-chung-sinh']},
          {code: 'TP01', codeSource: 'local', name: 'Tờ khai đăng ký khai sinh', mode: 'submit', originals: 1, copies: 0, required: true, kinds: ['to-khai-khai-sinh']},
        ],
      },
    ],
  }
}

type Breaker = (schema: ProcedureSchema & Record<string, unknown>) => void
const component = (schema: ProcedureSchema, index = 0) => schema.cases[0]!.components[index]!

const broken: Array<[string, Breaker, string, string]> = [
  ['a missing name', (s) => delete (s as Partial<ProcedureSchema>).name, 'schema.required', '/name'],
  ['an unknown property', (s) => (s.extra = 1), 'schema.additionalProperties', '/extra'],
  ['a malformed procedure code', (s) => (s.code = '1.1193'), 'schema.pattern', '/code'],
  ['an agency suffix that is no agency', (s) => (s.code = '1.001193.XYZ'), 'lint.procedure-code', '/code'],
  ['no cases', (s) => (s.cases = []), 'schema.minItems', '/cases'],
  ['a case without components', (s) => (s.cases[0]!.components = []), 'schema.minItems', '/cases/0/components'],
  ['an unknown level', (s) => ((s as Record<string, unknown>).levels = ['phuong']), 'schema.enum', '/levels/0'],
  ['a negative count', (s) => (component(s).copies = -1), 'schema.minimum', '/cases/0/components/0/copies'],
  ['a count that is text', (s) => ((component(s) as unknown as Record<string, unknown>).originals = '1'), 'schema.type', '/cases/0/components/0/originals'],
  ['a wrong mode', (s) => ((component(s) as unknown as Record<string, unknown>).mode = 'send'), 'schema.enum', '/cases/0/components/0/mode'],
  ['a malformed result code', (s) => (s.results[0]!.code = 'KQ.G15.31'), 'schema.pattern', '/results/0/code'],
  ['a duplicate component code', (s) => (component(s, 1).code = component(s, 0).code) && (component(s, 1).codeSource = 'official'), 'lint.duplicate-component-code', '/cases/0/components/1/code'],
  ['an unknown document kind', (s) => (component(s).kinds = ['giay-chung-sinh', 'passport']), 'lint.unknown-kind', '/cases/0/components/0/kinds/1'],
  ['a required component with no copies', (s) => (component(s).originals = 0), 'lint.required-without-copies', '/cases/0/components/0'],
  ['a malformed official component code', (s) => (component(s).code = 'auuyii'), 'lint.official-component-code', '/cases/0/components/0/code'],
  ['a malformed local component code', (s) => (component(s, 1).code = 'tp 01'), 'lint.local-component-code', '/cases/0/components/1/code'],
  ['a local code naming two papers', (s) => s.cases.push({name: 'Khác', components: [{...component(s, 1), name: 'Giấy khác'}]}), 'lint.local-code-reused', '/cases/1/components/0/code'],
]

describe('schema lint on deliberately broken schemas', () => {
  it('accepts the valid schema', () => {
    expect(lintProcedureValue(validSchema())).toEqual([])
  })

  it.each(broken)('reports %s', (_label, breakIt, code, pointer) => {
    const schema = validSchema() as ProcedureSchema & Record<string, unknown>
    breakIt(schema)
    const problems = lintProcedureValue(schema)
    expect(problems.map((item) => `${item.code} ${item.path}`)).toContain(`${code} ${pointer}`)
    expect(problems.every((item) => ['error', 'warning'].includes(item.severity))).toBe(true)
  })

  it('warns about a repeated result code without failing', () => {
    const schema = validSchema()
    schema.results.push({...schema.results[0]!})
    const problems = lintProcedureValue(schema)
    expect(problems).toEqual([expect.objectContaining({code: 'lint.duplicate-result-code', severity: 'warning', path: '/results/1/code'})])
  })
})

describe('schema lint on files', () => {
  let folder: string
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'sohoa-lint-'))
  })
  afterAll(async () => rm(folder, {recursive: true, force: true}))

  it('reports invalid JSON with its line and column', async () => {
    const file = path.join(folder, 'bad.json')
    await writeFile(file, '{\n  "code": "1.001193",\n  "name": }\n')
    const result = await lintFile(file)
    expect(result.problems).toEqual([expect.objectContaining({code: 'lint.invalid-json', path: '', params: expect.objectContaining({line: 3})})])
  })

  it('reports a missing file as unreadable', async () => {
    const result = await lintFile(path.join(folder, 'nope.json'))
    expect(result).toMatchObject({unreadable: true, valid: false, problems: [{code: 'lint.file-unreadable'}]})
  })

  it('passes every schema of the bundled catalogue', async () => {
    const files = (await readdir(BUNDLED_DIR)).filter((name) => name.endsWith('.json')).map((name) => path.join(BUNDLED_DIR, name))
    expect(files.length).toBeGreaterThanOrEqual(7)
    const report = await lintFiles(files)
    expect(report.files.filter((file) => file.problems.length > 0)).toEqual([])
  })
})

describe('document-kind schema', () => {
  it('accepts a catalogue entry and rejects a malformed one', async () => {
    const entry = {
      schemaVersion: 1,
      id: 'giay-chung-sinh',
      name: 'Giấy chứng sinh',
      titlePatterns: ['GIẤY CHỨNG SINH'],
      formNumbers: [],
      keywords: ['chứng sinh', 'cơ sở khám bệnh, chữa bệnh'],
      fields: ['childName', 'childDateOfBirth'],
    }
    expect(validateAgainstSchema('document-kind', entry)).toEqual([])
    expect(validateAgainstSchema('document-kind', {...entry, id: 'Giấy', fields: ['shoeSize']}).map((item) => item.path)).toEqual(['/id', '/fields/0'])
  })

  it('lists the 15 kinds of SPEC §4', async () => {
    const data = JSON.parse(await readFile(path.join(BUNDLED_DIR, '..', 'document-kind-ids.json'), 'utf8')) as {kinds: Array<{id: string}>}
    expect(data.kinds.map((kind) => kind.id)).toEqual([
      'cccd', 'to-khai-khai-sinh', 'giay-chung-sinh', 'giay-khai-sinh', 'to-khai-ket-hon', 'xac-nhan-tinh-trang-hon-nhan',
      'giay-chung-nhan-ket-hon', 'to-khai-khai-tu', 'giay-bao-tu', 'ct01', 'ct07', 'hop-dong-thue-nha', 'van-ban-uy-quyen', 'to-khai-lltp', 'unknown',
    ])
  })
})

describe('JSON error position', () => {
  it.each([
    ['{\n  "code": "1.001193",\n  "name": }\n', 3, 11],
    ['{"a": [1, 2,]}', 1, 13],
    ['{"a": 1', 1, 8],
    ['{"a": "x\ny"}', 1, 9],
    ['{"a": tru}', 1, 10],
    ['{"a": 1} x', 1, 10],
    ['{"a": 01}', 1, 8],
  ])('%j fails at line %i column %i', (text, line, column) => {
    expect(locateJsonError(text)).toMatchObject({line, column})
  })
  it('finds nothing wrong in valid JSON', () => {
    expect(locateJsonError('{"a": [1, -2.5e3, "é\\u00e9", true, null, {}]}')).toBeUndefined()
  })
})
