/**
 * The digitiser's signature end to end through the built CLI, with real parts only: a test CA
 * and certificate made here, a PKCS#12 file, a SoftHSM2 token in a private folder, Poppler's
 * pdfsig as the independent judge of each signature, qpdf --check, pdftotext and pdftoppm.
 */
import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cp, mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'

import {PDFArray, PDFDict, PDFDocument, PDFName} from 'pdf-lib'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import {writeGoodDossiers} from './helpers/batch-corpus.js'
import {runCli} from './helpers/cli.js'
import {tempDir, writePage} from './helpers/fixtures.js'
import {makeSoftHsmToken, makeTestPki, SOFTHSM_MODULE, type TestPki, type TestToken} from './helpers/signing-pki.js'

const exec = promisify(execFile)
const AGENCY = '000.00.00.H56'
const DIGITISER = 'Nguyễn Thị Số Hóa'
const SIGNER_AGENCY = 'UBND xã Đông Sơn'

let work: {dir: string; cleanup: () => Promise<void>}
let pki: TestPki
let token: TestToken
let input: string
let env: Record<string, string>

beforeAll(async () => {
  work = await tempDir('sohoa-signing-')
  pki = await makeTestPki(path.join(work.dir, 'pki'))
  token = await makeSoftHsmToken(path.join(work.dir, 'hsm'), pki)
  input = path.join(work.dir, 'hồ sơ')
  await mkdir(input)
  await writePage(path.join(input, 'p1.png'), {lines: FORM_PAGE, dpi: 200, paper: {r: 250, g: 246, b: 236}})
  env = {SOHOA_DATA_DIR: path.join(work.dir, 'data'), SOHOA_CONFIG_DIR: path.join(work.dir, 'config'), ...token.env}
}, 120_000)

afterAll(async () => work?.cleanup())

async function pdfsig(file: string): Promise<string> {
  // pdfsig exits non-zero when a certificate is not trusted; the verdicts are in its output.
  const result = await exec('pdfsig', [file]).catch((error: {stdout: string}) => error)
  return result.stdout
}

/** The first revision of a signed file: everything up to the first %%EOF, as the tool wrote it unsigned. */
function firstRevision(bytes: Buffer): Buffer {
  const end = bytes.indexOf('%%EOF') + '%%EOF'.length
  return bytes.subarray(0, bytes[end] === 0x0a ? end + 1 : end)
}

async function text(file: string): Promise<string> {
  return (await exec('pdftotext', [file, '-'])).stdout
}

/** The signature widget's /Rect on page 1, in points from the bottom left. */
async function widgetRect(bytes: Buffer): Promise<number[]> {
  const doc = await PDFDocument.load(bytes, {updateMetadata: false})
  const annots = doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray)
  for (let index = 0; index < annots.size(); index++) {
    const widget = annots.lookup(index, PDFDict)
    if (widget.get(PDFName.of('FT'))?.toString() !== '/Sig') continue
    return widget.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => Number(n.toString()))
  }
  throw new Error('no signature widget')
}

/** Darkest grey level inside `rect` of page 1 rendered by pdftoppm at 72 dpi (1 px = 1 pt), outside the bag. */
async function darkestInRect(file: string, rect: number[], heightPt: number): Promise<number> {
  const prefix = path.join(work.dir, `render-${createHash('sha256').update(file).digest('hex').slice(0, 8)}`)
  await exec('pdftoppm', ['-f', '1', '-l', '1', '-r', '72', '-png', '-singlefile', file, prefix])
  const [x1, y1, x2, y2] = rect as [number, number, number, number]
  const region = {left: Math.floor(x1), top: Math.floor(heightPt - y2), width: Math.ceil(x2 - x1), height: Math.ceil(y2 - y1)}
  const pixels = await sharp(`${prefix}.png`).extract(region).greyscale().raw().toBuffer()
  expect(pixels.length).toBe(region.width * region.height)
  return pixels.reduce((least, value) => Math.min(least, value), 255)
}

/** The first revision, written outside the bag. */
async function unsignedCopy(file: string): Promise<string> {
  const copy = path.join(work.dir, `unsigned-${path.basename(file)}`)
  await writeFile(copy, firstRevision(await readFile(file)))
  return copy
}

async function bagPdfs(bag: string): Promise<string[]> {
  const folder = path.join(bag, 'data', 'documents')
  return (await readdir(folder)).filter((name) => name.endsWith('.pdf')).map((name) => path.join(folder, name))
}

/** After changing a payload file, recomputes both manifests so that only the signature can tell. */
async function rehash(bag: string): Promise<void> {
  const sha = async (file: string) => createHash('sha256').update(await readFile(path.join(bag, file))).digest('hex')
  const manifest = (await readFile(path.join(bag, 'manifest-sha256.txt'), 'utf8')).trim().split('\n')
  const lines = await Promise.all(manifest.map(async (line) => `${await sha(line.slice(66))}  ${line.slice(66)}`))
  await writeFile(path.join(bag, 'manifest-sha256.txt'), `${lines.join('\n')}\n`)
  const tags = (await readFile(path.join(bag, 'tagmanifest-sha256.txt'), 'utf8')).trim().split('\n')
  const tagLines = await Promise.all(tags.map(async (line) => `${await sha(line.slice(66))}  ${line.slice(66)}`))
  await writeFile(path.join(bag, 'tagmanifest-sha256.txt'), `${tagLines.join('\n')}\n`)
}

describe('run --sign-p12', () => {
  let bag: string
  let pdfs: string[]

  beforeAll(async () => {
    const result = await runCli(
      [
        'run', input, '-p', '1.001193', '--agency', AGENCY, '--out', path.join(work.dir, 'out-p12'), '--json',
        '--sign-p12', pki.p12File, '--signer-name', DIGITISER, '--signer-agency', SIGNER_AGENCY,
      ],
      {env: {...env, SOHOA_SIGN_PASSWORD: pki.p12Password}},
    )
    // The one-page dossier lacks components: packaged, exit 4.
    expect(result.code, result.stderr).toBe(4)
    bag = result.json().package
    pdfs = await bagPdfs(bag)
    expect(pdfs.length).toBe(1)
  }, 240_000)

  it('gives PDFs that pdfsig calls valid PAdES (ETSI.CAdES.detached, SHA-256) covering the whole file', async () => {
    for (const file of pdfs) {
      const report = await pdfsig(file)
      expect(report).toContain('Signature #1:')
      expect(report).not.toContain('Signature #2:')
      expect(report).toContain('Signer Certificate Common Name: Nguyen Van So Hoa')
      expect(report).toContain('Signature Type: ETSI.CAdES.detached')
      expect(report).toContain('Signing Hash Algorithm: SHA-256')
      expect(report).toContain('Total document signed')
      expect(report).toContain('Signature Validation: Signature is Valid.')
    }
  })

  it('appends the signature as an incremental update: the unsigned revision, qpdf --check and the text stay', async () => {
    for (const file of pdfs) {
      const signed = await readFile(file)
      const original = firstRevision(signed)
      expect(original.length).toBeLessThan(signed.length)
      const originalFile = await unsignedCopy(file)
      // The first revision is still a complete PDF/A file, marked as such, byte for byte what was signed over.
      expect(original.toString('latin1')).toContain('pdfaid:part')
      await expect(exec('qpdf', ['--check', file])).resolves.toBeDefined()
      await expect(exec('qpdf', ['--check', originalFile])).resolves.toBeDefined()
      // pdftotext also reads the stamp's appearance: first the stamp's lines, then the page text unchanged.
      const signedText = await text(file)
      const originalText = await text(originalFile)
      expect(originalText).toContain('KHAI SINH')
      const stampEnd = signedText.indexOf('\n\n')
      expect(signedText.slice(0, stampEnd).split('\n')).toEqual([
        'BẢN SỐ HÓA ĐÃ KÝ SỐ',
        `Người số hóa: ${DIGITISER}`,
        `Cơ quan: ${SIGNER_AGENCY}`,
        expect.stringMatching(/^Thời gian số hóa: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} \(GMT\+7\)$/),
      ])
      expect(signedText.slice(stampEnd + 2)).toBe(originalText)
    }
  })

  it('shows the stamp top left of page 1, on blank margin: the widget area is inked only in the signed file', async () => {
    for (const file of pdfs) {
      const signed = await readFile(file)
      const rect = await widgetRect(signed)
      const doc = await PDFDocument.load(signed, {updateMetadata: false})
      const {width, height} = doc.getPage(0).getSize()
      expect(rect[0]).toBeLessThan(width / 2)
      expect(rect[3]).toBeGreaterThan(height * 0.85)
      const originalFile = await unsignedCopy(file)
      expect(await darkestInRect(file, rect, height)).toBeLessThan(120)
      expect(await darkestInRect(originalFile, rect, height)).toBeGreaterThan(180)
    }
  })

  it('names the digitiser and the signing time per document in sohoa.json', async () => {
    const record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8'))
    expect(record.digitisedBy).toBe(DIGITISER)
    for (const document of record.documents) {
      expect(document.signature).toMatchObject({digitisedBy: DIGITISER, agency: SIGNER_AGENCY, keySource: 'pkcs12'})
      expect(document.signature.stampCoversContent).toBe(false)
      expect(document.signature.certificateSerial).toBe('0A1B2C')
      expect(document.signature.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/)
      expect(document.signature.scannedAt).toBe(record.createdAt)
    }
  })

  it('verify passes, reports the signer, and checks the chain with --trust', async () => {
    const plain = await runCli(['verify', bag, '--json', '--require-signed'])
    expect(plain.code, plain.stdout).toBe(0)
    const signatures = plain.json().signatures
    expect(signatures).toHaveLength(1)
    const expected = {valid: true, coversWholeFile: true, subFilter: 'ETSI.CAdES.detached'}
    expect(signatures[0]).toMatchObject({signed: true, signatures: [expected]})
    expect(signatures[0].signatures[0].signer).toContain('CN=Nguyen Van So Hoa')
    const trusted = await runCli(['verify', bag, '--json', '--trust', pki.caFile])
    expect(trusted.code).toBe(0)
    expect(trusted.json().signatures[0].signatures[0].trusted).toBe(true)
    const other = await runCli(['verify', bag, '--json', '--trust', pki.otherCaFile])
    expect(other.code).toBe(6)
    expect(other.json().problems.map((item: {code: string}) => item.code)).toEqual(['signature.untrusted'])
  })

  it('a changed byte after signing fails verify with exit 6, even with the manifests rehashed', async () => {
    const copy = path.join(work.dir, 'tampered')
    await cp(bag, copy, {recursive: true})
    const [file] = await bagPdfs(copy)
    const bytes = await readFile(file!)
    // A byte inside the page image's data: the PDF still parses, only its content changed.
    const at = bytes.indexOf('stream\n', bytes.indexOf('/Subtype /Image')) + 200
    bytes[at] = bytes[at]! ^ 0xff
    await writeFile(file!, bytes)
    await rehash(copy)
    const result = await runCli(['verify', copy, '--json'])
    expect(result.code).toBe(6)
    expect(result.json().problems.map((item: {code: string}) => item.code)).toEqual(['signature.digest-mismatch'])
    expect(await pdfsig(file!)).not.toContain('Signature is Valid.')
  })

  it('bytes appended after signing fail verify with exit 6', async () => {
    const copy = path.join(work.dir, 'appended')
    await cp(bag, copy, {recursive: true})
    const [file] = await bagPdfs(copy)
    await writeFile(file!, Buffer.concat([await readFile(file!), Buffer.from('\n1 0 obj\n(x)\nendobj\n')]))
    await rehash(copy)
    const result = await runCli(['verify', copy, '--json'])
    expect(result.code).toBe(6)
    expect(result.json().problems.map((item: {code: string}) => item.code)).toContain('signature.changed-after-signing')
  })

  it('pack: an unsigned package is reported unsigned (exit 0), fails --require-signed; pack --sign uses the stored profile', async () => {
    const workdir = path.join(work.dir, 'workdir')
    await cp(path.join(bag, 'data'), workdir, {recursive: true})
    await rm(path.join(workdir, 'hoso.json'))
    const record = JSON.parse(await readFile(path.join(workdir, 'sohoa.json'), 'utf8'))
    delete record.digitisedBy
    for (const document of record.documents) {
      delete document.signature
      const file = path.join(workdir, document.file)
      await writeFile(file, firstRevision(await readFile(file)))
    }
    await writeFile(path.join(workdir, 'sohoa.json'), JSON.stringify(record))
    const unsigned = await runCli(['pack', workdir, '--out', path.join(work.dir, 'pack-unsigned'), '--json'], {env})
    expect(unsigned.code, unsigned.stderr).toBe(0)
    const plain = await runCli(['verify', unsigned.json().path, '--json'])
    expect(plain.code).toBe(0)
    expect(plain.json().signatures).toEqual([expect.objectContaining({signed: false, signatures: []})])
    const required = await runCli(['verify', unsigned.json().path, '--json', '--require-signed'])
    expect(required.code).toBe(6)
    expect(required.json().problems.map((item: {code: string}) => item.code)).toEqual(['signature.missing'])

    const profileEnv = {...env, SOHOA_CONFIG_DIR: path.join(work.dir, 'profile-config')}
    const profile = [['signer.name', 'Trần Văn Cấu Hình'], ['signer.agency', 'UBND phường Ba Đình'], ['signer.p12', pki.p12File]]
    for (const [key, value] of profile) {
      expect((await runCli(['config', 'set', key!, value!, '--json'], {env: profileEnv})).code).toBe(0)
    }
    const signed = await runCli(['pack', workdir, '--out', path.join(work.dir, 'pack-signed'), '--json', '--sign'], {
      env: {...profileEnv, SOHOA_SIGN_PASSWORD: pki.p12Password},
    })
    expect(signed.code, signed.stderr).toBe(0)
    const signedRecord = JSON.parse(await readFile(path.join(signed.json().path, 'data', 'sohoa.json'), 'utf8'))
    const signature = signedRecord.documents[0].signature
    expect(signature).toMatchObject({digitisedBy: 'Trần Văn Cấu Hình', agency: 'UBND phường Ba Đình', keySource: 'pkcs12'})
    expect((await runCli(['verify', signed.json().path, '--json', '--require-signed'])).code).toBe(0)
    for (const file of await bagPdfs(signed.json().path)) expect(await pdfsig(file)).toContain('Signature is Valid.')
  }, 120_000)

  it('a wrong password, or none and no terminal, is a usage error (exit 2) before any work', async () => {
    const args = ['pack', path.join(work.dir, 'workdir'), '--out', path.join(work.dir, 'never'), '--json', '--sign-p12', pki.p12File]
    const wrong = await runCli(args, {env: {...env, SOHOA_SIGN_PASSWORD: 'sai'}})
    expect(wrong.code).toBe(2)
    expect(wrong.json().error.code).toBe('sign.p12-password')
    const none = await runCli(args, {env})
    expect(none.code).toBe(2)
    expect(none.json().error).toMatchObject({code: 'sign.secret-needed', params: {env: 'SOHOA_SIGN_PASSWORD'}})
  })
})

describe('batch --sign-pkcs11 (SoftHSM2)', () => {
  it('signs every document of every dossier on the token: pdfsig calls each PDF valid, each bag verifies signed', async () => {
    const root = path.join(work.dir, 'batch-root')
    const names = await writeGoodDossiers(root, 2)
    const out = path.join(work.dir, 'out-batch-hsm')
    const result = await runCli(
      [
        'batch', root, '-p', '1.001193', '--agency', AGENCY, '--out', out, '--json', '--jobs', '1',
        '--sign-pkcs11', SOFTHSM_MODULE, '--key-label', token.keyLabel, '--signer-name', DIGITISER,
      ],
      {env: {...env, SOHOA_SIGN_PIN: token.pin}},
    )
    // One-page dossiers lack components: all packaged, invalid, exit 4.
    expect(result.code, result.stderr).toBe(4)
    const rows = result.json().rows as Array<{dossierCode: string | null; status: string}>
    expect(rows.map((row) => row.status)).toEqual(names.map(() => 'invalid'))
    for (const row of rows) {
      expect(row.dossierCode).toMatch(/^000\.00\.00\.H56-\d{6}-\d{4}$/)
      const bag = path.join(out, row.dossierCode!)
      const pdfs = await bagPdfs(bag)
      expect(pdfs.length).toBeGreaterThan(0)
      for (const file of pdfs) expect(await pdfsig(file)).toContain('Signature Validation: Signature is Valid.')
      const record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8'))
      expect(record.documents[0].signature).toMatchObject({digitisedBy: DIGITISER, keySource: 'pkcs11'})
      const verify = await runCli(['verify', bag, '--json', '--require-signed', '--trust', pki.caFile])
      expect(verify.code, verify.stdout).toBe(0)
    }
  }, 240_000)

  it('a wrong PIN stops the batch before any dossier is read (exit 2, nothing written)', async () => {
    const root = path.join(work.dir, 'batch-root-pin')
    await writeGoodDossiers(root, 1)
    const out = path.join(work.dir, 'out-batch-pin')
    const args = ['batch', root, '-p', '1.001193', '--agency', AGENCY, '--out', out, '--json', '--sign-pkcs11', SOFTHSM_MODULE]
    const result = await runCli([...args, '--key-label', token.keyLabel], {env: {...env, SOHOA_SIGN_PIN: '000000'}})
    expect(result.code).toBe(2)
    expect(result.json().error.code).toBe('sign.pkcs11-pin')
    expect(await readdir(out).catch(() => [])).toEqual([])
  })
})

describe('run --sign-pkcs11 (SoftHSM2)', () => {
  it('signs on the token: pdfsig calls every PDF valid, verify passes, the record says pkcs11', async () => {
    const result = await runCli(
      [
        'run', input, '-p', '1.001193', '--agency', AGENCY, '--out', path.join(work.dir, 'out-hsm'), '--json',
        '--sign-pkcs11', SOFTHSM_MODULE, '--slot', String(token.slot), '--key-label', token.keyLabel, '--signer-name', DIGITISER,
      ],
      {env: {...env, SOHOA_SIGN_PIN: token.pin}},
    )
    expect(result.code, result.stderr).toBe(4)
    const bag = result.json().package
    for (const file of await bagPdfs(bag)) {
      const report = await pdfsig(file)
      expect(report).toContain('Signature Type: ETSI.CAdES.detached')
      expect(report).toContain('Total document signed')
      expect(report).toContain('Signature Validation: Signature is Valid.')
      await expect(exec('qpdf', ['--check', file])).resolves.toBeDefined()
      const rect = await widgetRect(await readFile(file))
      const doc = await PDFDocument.load(await readFile(file), {updateMetadata: false})
      expect(await darkestInRect(file, rect, doc.getPage(0).getSize().height)).toBeLessThan(120)
    }
    const record = JSON.parse(await readFile(path.join(bag, 'data', 'sohoa.json'), 'utf8'))
    // Without --signer-agency or a stored one, the stamp names the receiving agency's code.
    expect(record.documents[0].signature).toMatchObject({digitisedBy: DIGITISER, agency: AGENCY, keySource: 'pkcs11'})
    const verify = await runCli(['verify', bag, '--json', '--require-signed', '--trust', pki.caFile])
    expect(verify.code, verify.stdout).toBe(0)
  }, 240_000)

  it('a wrong PIN is a usage error (exit 2)', async () => {
    const result = await runCli(
      [
        'pack', path.join(work.dir, 'workdir'), '--out', path.join(work.dir, 'never'), '--json',
        '--sign-pkcs11', SOFTHSM_MODULE, '--key-label', token.keyLabel,
      ],
      {env: {...env, SOHOA_SIGN_PIN: '000000'}},
    )
    expect(result.code).toBe(2)
    expect(result.json().error.code).toBe('sign.pkcs11-pin')
  })
})

describe('sohoa config', () => {
  it('stores, shows, lists and removes settings; SOHOA_* variables win over the file; unknown keys are usage errors', async () => {
    const configEnv = {SOHOA_CONFIG_DIR: path.join(work.dir, 'config-cmd')}
    const set = await runCli(['config', 'set', 'signer.name', '  Lê Thị Cấu Hình ', '--json'], {env: configEnv})
    expect(set.code, set.stderr).toBe(0)
    const file = path.join(work.dir, 'config-cmd', 'config.json')
    expect(set.json()).toMatchObject({key: 'signer.name', value: 'Lê Thị Cấu Hình', file})
    const relative = await runCli(['config', 'set', 'signer.p12', 'keys/hoa.p12', '--json'], {env: configEnv, cwd: work.dir})
    expect(relative.json().value).toBe(path.join(work.dir, 'keys', 'hoa.p12'))
    const stored = await runCli(['config', 'get', 'signer.name', '--json'], {env: configEnv})
    expect(stored.json()).toMatchObject({value: 'Lê Thị Cấu Hình', source: 'file'})
    const fromEnv = await runCli(['config', 'get', 'signer.name', '--json'], {env: {...configEnv, SOHOA_SIGNER_NAME: 'Từ Biến'}})
    expect(fromEnv.json()).toMatchObject({value: 'Từ Biến', source: 'env', env: 'SOHOA_SIGNER_NAME'})
    const list = (await runCli(['config', 'list', '--json'], {env: configEnv})).json()
    expect(list.settings.find((item: {key: string}) => item.key === 'signer.p12')).toMatchObject({source: 'file'})
    const slotSetting = list.settings.find((item: {key: string}) => item.key === 'signer.slot')
    expect(slotSetting.env).toBe('SOHOA_SIGN_SLOT')
    expect(slotSetting.source).toBeUndefined()
    expect(slotSetting.value).toBeUndefined()
    expect((await runCli(['config', 'unset', 'signer.name', '--json'], {env: configEnv})).code).toBe(0)
    expect((await runCli(['config', 'get', 'signer.name', '--json'], {env: configEnv})).json().value).toBeUndefined()
    const unknown = await runCli(['config', 'set', 'signer.password', 'x', '--json'], {env: configEnv})
    expect(unknown.code).toBe(2)
    expect(unknown.json().error.code).toBe('config.unknown-key')
    const slot = await runCli(['config', 'set', 'signer.slot', 'abc', '--json'], {env: configEnv})
    expect(slot.code).toBe(2)
  }, 60_000)
})
