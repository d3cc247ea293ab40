/**
 * Verify a bag (SPEC §6): BagIt structure and checksums (fast: Payload-Oxum only; full: every
 * hash, and no unlisted payload file), path safety, the required files, both JSON schemas,
 * and that each PDF is well formed with the pages its record says. Problems are data; the
 * command turns a non-empty list into exit 6.
 */
import {createHash} from 'node:crypto'
import {createReadStream} from 'node:fs'
import {lstat, readdir, readFile} from 'node:fs/promises'
import path from 'node:path'

import {BAG_DECLARATION, BAG_INFO, BAGIT_VERSION, isSafeBagPath, MANIFEST, parseBagInfo, parseManifest, payloadOxum, TAG_MANIFEST} from '../core/bagit.js'
import {UnreadableInputError} from '../core/errors.js'
import {type Problem, problem} from '../core/problem.js'
import type {DigitisationRecord} from '../core/record.js'
import {loadPdf} from '../tools/pdf.js'
import {validateAgainstSchema} from '../tools/schemas.js'
import {type DocumentSignatures, type SignatureOptions, verifySignatures} from './verify-signatures.js'

export type VerifyMode = 'fast' | 'full'

export interface VerifyReport {
  bag: string
  mode: VerifyMode
  valid: boolean
  dossierCode: string | undefined
  files: number
  problems: Problem[]
  /** Every PDF's signatures, checked (see verify-signatures.ts). */
  signatures: DocumentSignatures[]
}

const REQUIRED_TAG_FILES = [BAG_DECLARATION, BAG_INFO, MANIFEST] as const
const REQUIRED_PAYLOAD = ['data/hoso.json', 'data/sohoa.json'] as const
const MIN_PDF_VERSION = 1.4

export async function verifyBag(bag: string, mode: VerifyMode, signatureOptions: SignatureOptions = {}): Promise<VerifyReport> {
  const info = await lstat(bag).catch(() => undefined)
  if (!info) throw new UnreadableInputError('input.not-found', {file: bag})
  if (!info.isDirectory()) throw new UnreadableInputError('verify.not-a-folder', {file: bag})
  const problems: Problem[] = []
  const listing = await listFiles(bag, problems)
  const present = new Set(listing)

  for (const name of REQUIRED_TAG_FILES) if (!present.has(name)) problems.push(problem('bag.missing-file', name))
  const declaration = present.has(BAG_DECLARATION) ? await readFile(path.join(bag, BAG_DECLARATION), 'utf8') : ''
  if (declaration && !new RegExp(`^BagIt-Version: ${BAGIT_VERSION.replace('.', '\\.')}\\r?\\n`).test(declaration)) {
    problems.push(problem('bag.declaration-invalid', BAG_DECLARATION))
  }
  const bagInfo = parseBagInfo(present.has(BAG_INFO) ? await readFile(path.join(bag, BAG_INFO), 'utf8') : '')

  const payloadFiles = listing.filter((file) => file.startsWith('data/'))
  const declaredOxum = bagInfo.get('Payload-Oxum')
  if (present.has(BAG_INFO) && !declaredOxum) problems.push(problem('bag.info-missing-field', BAG_INFO, {field: 'Payload-Oxum'}))
  if (declaredOxum) {
    const sizes = await Promise.all(payloadFiles.map(async (file) => (await lstat(path.join(bag, file))).size))
    const actual = payloadOxum(sizes)
    if (actual !== declaredOxum) problems.push(problem('bag.oxum-mismatch', BAG_INFO, {declared: declaredOxum, actual}))
  }

  if (mode === 'full') {
    const listed = await checkManifest(bag, MANIFEST, present, problems)
    for (const file of payloadFiles) if (!listed.has(file)) problems.push(problem('bag.unlisted-file', file))
    if (present.has(TAG_MANIFEST)) await checkManifest(bag, TAG_MANIFEST, present, problems)
  }

  for (const name of REQUIRED_PAYLOAD) if (!present.has(name)) problems.push(problem('bag.missing-file', name))
  const hoso = present.has('data/hoso.json') ? await readJson(bag, 'data/hoso.json', problems) : undefined
  const record = present.has('data/sohoa.json') ? await readJson(bag, 'data/sohoa.json', problems) : undefined
  if (hoso !== undefined) problems.push(...prefixed('data/hoso.json', validateAgainstSchema('hoso', hoso)))
  let recordOk = false
  if (record !== undefined) {
    const recordProblems = validateAgainstSchema('record', record)
    problems.push(...prefixed('data/sohoa.json', recordProblems))
    recordOk = recordProblems.length === 0
  }
  if (recordOk) await checkDocuments(bag, record as DigitisationRecord, present, problems)
  if (recordOk) await checkReviewSheet(bag, record as DigitisationRecord, present, problems)
  const signatures = await verifySignatures(bag, payloadFiles.filter((file) => /\.pdf$/i.test(file)), signatureOptions)
  problems.push(...signatures.problems)

  const external = bagInfo.get('External-Identifier')
  const dossierCode = recordOk ? (record as DigitisationRecord).dossierCode : external
  if (recordOk && external && external !== dossierCode) {
    problems.push(problem('bag.identifier-mismatch', BAG_INFO, {declared: external, record: dossierCode!}))
  }
  return {bag, mode, valid: problems.length === 0, dossierCode, files: listing.length, problems, signatures: signatures.documents}
}

const STRICT_UTF8 = new TextDecoder('utf-8', {fatal: true})

/** The text of `bytes`, or undefined when they are not UTF-8 (RFC 8493 §2.1.3 requires it). */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Every regular file under the bag, `/`-separated; a link, an odd entry or a name that is
 * not UTF-8 (which no manifest line can name) is itself a problem.
 */
async function listFiles(root: string, problems: Problem[], relative = ''): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(path.join(root, relative), {withFileTypes: true, encoding: 'buffer'})) {
    const decoded = utf8(entry.name)
    if (decoded === undefined) {
      const shown = new TextDecoder('utf-8').decode(entry.name)
      problems.push(problem('bag.name-not-utf8', relative ? `${relative}/${shown}` : shown))
      continue
    }
    const name = relative ? `${relative}/${decoded}` : decoded
    if (entry.isSymbolicLink()) problems.push(problem('bag.symlink', name))
    else if (entry.isDirectory()) files.push(...(await listFiles(root, problems, name)))
    else if (entry.isFile()) files.push(name)
    else problems.push(problem('bag.not-a-file', name))
  }
  return files.sort()
}

async function checkManifest(bag: string, manifestName: string, present: Set<string>, problems: Problem[]): Promise<Set<string>> {
  const listed = new Set<string>()
  if (!present.has(manifestName)) return listed
  const bytes = await readFile(path.join(bag, manifestName))
  let text = utf8(bytes)
  if (text === undefined) {
    // Each line on its own: the lines that are UTF-8 are still checked, the others reported.
    const lines = new TextDecoder('utf-8').decode(bytes).split('\n')
    const raw = bytes.toString('latin1').split('\n')
    raw.forEach((line, index) => {
      if (utf8(Buffer.from(line, 'latin1')) === undefined) problems.push(problem('bag.manifest-not-utf8', manifestName, {line: index + 1}))
    })
    text = lines.map((line, index) => (utf8(Buffer.from(raw[index] ?? '', 'latin1')) === undefined ? '' : line)).join('\n')
  }
  const {entries, malformed} = parseManifest(text)
  for (const bad of malformed) problems.push(problem('bag.manifest-malformed', manifestName, {line: bad.line}))
  for (const entry of entries) {
    if (!isSafeBagPath(entry.path)) {
      problems.push(problem('bag.unsafe-path', manifestName, {entry: entry.path}))
      continue
    }
    listed.add(entry.path)
    if (!present.has(entry.path)) {
      problems.push(problem('bag.missing-file', entry.path, {manifest: manifestName}))
      continue
    }
    const actual = await hashFile(path.join(bag, ...entry.path.split('/')))
    if (actual !== entry.sha256) problems.push(problem('bag.checksum-mismatch', entry.path, {manifest: manifestName, expected: entry.sha256, actual}))
  }
  return listed
}

/**
 * The review sheet named by the record is there and self-contained: it is opened offline, in
 * front of the citizen, so it may load nothing (no scripts, no outside images or styles).
 */
async function checkReviewSheet(bag: string, record: DigitisationRecord, present: Set<string>, problems: Problem[]): Promise<void> {
  if (!record.reviewSheet) return
  const file = `data/${record.reviewSheet}`
  if (!present.has(file)) {
    problems.push(problem('bag.review-sheet-missing', file))
    return
  }
  const html = await readFile(path.join(bag, 'data', record.reviewSheet), 'utf8')
  const outside = /<script\b|<link\b|<iframe\b|\b(?:src|href)\s*=\s*["']?(?!data:|#)[^\s"'>]+|url\(\s*["']?(?!data:)/i.exec(html)
  if (outside) problems.push(problem('bag.review-sheet-external', file, {found: outside[0].slice(0, 60)}))
}

async function checkDocuments(bag: string, record: DigitisationRecord, present: Set<string>, problems: Problem[]): Promise<void> {
  for (const [index, document] of record.documents.entries()) {
    for (const file of [document.file, document.textFile]) {
      const inBag = `data/${file}`
      if (!isSafeBagPath(inBag)) problems.push(problem('bag.unsafe-path', `data/sohoa.json#/documents/${index}`, {entry: file}))
      else if (!present.has(inBag)) problems.push(problem('bag.record-file-missing', inBag, {document: index}))
    }
    const pdfPath = `data/${document.file}`
    if (present.has(pdfPath)) await checkPdf(bag, pdfPath, document.pages.length, problems)
  }
}

async function checkPdf(bag: string, file: string, expectedPages: number, problems: Problem[]): Promise<void> {
  const bytes = await readFile(path.join(bag, file))
  const header = /^%PDF-(\d\.\d)/.exec(bytes.subarray(0, 16).toString('latin1'))
  if (!header) {
    problems.push(problem('bag.pdf-invalid', file, {detail: 'no %PDF header'}))
    return
  }
  if (Number(header[1]) < MIN_PDF_VERSION) problems.push(problem('bag.pdf-version', file, {version: header[1]!}))
  if (!bytes.subarray(-1024).toString('latin1').includes('%%EOF')) problems.push(problem('bag.pdf-invalid', file, {detail: 'no %%EOF trailer'}))
  try {
    const {doc, encrypted} = await loadPdf(bytes)
    if (encrypted) problems.push(problem('bag.pdf-invalid', file, {detail: 'encrypted'}))
    if (doc.getPageCount() !== expectedPages) {
      problems.push(problem('bag.pdf-pages-mismatch', file, {pages: doc.getPageCount(), expected: expectedPages}))
    }
  } catch (error) {
    problems.push(problem('bag.pdf-invalid', file, {detail: (error as Error).message.split('\n')[0]!}))
  }
}

async function readJson(bag: string, file: string, problems: Problem[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path.join(bag, file), 'utf8'))
  } catch (error) {
    problems.push(problem('bag.json-invalid', file, {detail: (error as Error).message}))
    return undefined
  }
}

function prefixed(file: string, items: Problem[]): Problem[] {
  return items.map((item) => ({...item, path: `${file}#${item.path}`}))
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}
