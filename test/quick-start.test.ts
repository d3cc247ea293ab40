import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {validateAgainstSchema} from '../src/tools/schemas.js'
import {ROOT, runCli} from './helpers/cli.js'
import {tempDir} from './helpers/fixtures.js'

// The README's first command, on the bundled sample, exactly as a new user runs it.
let work: {dir: string; cleanup: () => Promise<void>}
beforeAll(async () => {
  work = await tempDir()
})
afterAll(async () => work?.cleanup())

describe('README quick start on samples/ho-so-khai-sinh', () => {
  it('digitises the sample into a valid, verified package', async () => {
    const out = path.join(work.dir, 'out')
    const run = await runCli(['run', 'samples/ho-so-khai-sinh', '--procedure', '1.001193', '--agency', '000.00.00.H56', '--out', out, '--json'], {
      env: {SOHOA_DATA_DIR: path.join(work.dir, 'data')},
    })
    expect(run.code, run.stderr).toBe(0)
    const result = run.json()
    expect(result.valid).toBe(true)
    expect(result.documents.map((document: {kind: string}) => document.kind)).toEqual(['to-khai-khai-sinh', 'giay-chung-sinh', 'cccd'])
    const truth = JSON.parse(await readFile(path.join(ROOT, 'samples', 'ho-so-khai-sinh.truth.json'), 'utf8'))
    const card = truth.documents.find((document: {kind: string}) => document.kind === 'cccd')
    expect(result.documents[0].code.startsWith(`${card.fields.idNumber}.1.001193.`)).toBe(true)

    // hoso.json: the due date (1.001193 publishes "1 Khác": one working day) and the fee (Lệ phí: 0 VNĐ).
    const hoso = JSON.parse(await readFile(path.join(result.package, 'data', 'hoso.json'), 'utf8'))
    expect(validateAgainstSchema('hoso', hoso)).toEqual([])
    expect(hoso.NgayHenTra).toMatch(/^\d{14}$/)
    expect(hoso.NgayHenTra > hoso.NgayTiepNhan).toBe(true)
    expect(hoso.NgayHenTra.slice(8)).toBe(hoso.NgayTiepNhan.slice(8))
    expect(hoso.DanhSachLePhi).toEqual([{TenPhiLePhi: 'Lệ phí', MaPhiLePhi: '', HinhThucThu: '1', Gia: '0', LoaiPhiLePhi: '1'}])
    expect(hoso.TenLinhVuc).toBe('Hộ tịch')

    const verify = await runCli(['verify', result.package, '--json'])
    expect(verify.code, verify.stdout).toBe(0)
    expect(verify.json()).toMatchObject({valid: true, mode: 'full', dossierCode: result.dossierCode})
  }, 300_000)
})
