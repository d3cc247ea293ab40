/**
 * Package: one BagIt bag per dossier (SPEC §6, RFC 8493), named by the dossier code. The bag
 * is written whole in a hidden temporary folder beside its final place, its JSON checked
 * against schemas/record and schemas/hoso, and only then renamed into place: a reader (or
 * an upload job) never sees half a bag, and an interrupted run leaves none.
 */
import {createHash, randomBytes} from 'node:crypto'
import {mkdir, readFile, rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'

import {
  BAG_DECLARATION,
  BAG_INFO,
  bagDeclaration,
  bagInfo,
  isSafeBagPath,
  MANIFEST,
  manifest,
  type ManifestEntry,
  payloadOxum,
  TAG_MANIFEST,
} from '../core/bagit.js'
import {OutputError, SohoaError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import type {HoSoRecord} from '../core/hoso-record.js'
import type {DigitisationRecord} from '../core/record.js'
import {syncDirectory, writeSynced} from '../tools/atomic-file.js'
import {validateAgainstSchema} from '../tools/schemas.js'
import {registerCleanup} from '../tools/shutdown.js'
import {type DocumentSigning, signPackageDocuments} from './sign-documents.js'

/** A payload file, given as bytes or as a file already on disk (copied, so that big PDFs need not be held in memory). */
export type PackageFile =
  | {
      /** Inside data/, `/`-separated: `documents/<code>.pdf`. */
      path: string
      bytes: Uint8Array
    }
  | {path: string; source: string}

export interface PackageInput {
  outDir: string
  record: DigitisationRecord
  hoso: HoSoRecord
  /** The documents' PDFs and texts, at the paths the record names. */
  files: PackageFile[]
  /** bag-info Source-Organization: the receiving agency. */
  sourceOrganization: string
  /** bag-info Bag-Software-Agent, e.g. `sohoa/0.1.0`. */
  softwareAgent: string
  /** Bagging-Date is this day (Asia/Ho_Chi_Minh), as YYYY-MM-DD. */
  baggingDate: string
  /** Sign every document PDF with the digitiser's key (PAdES B-B) before it goes in. */
  signing?: DocumentSigning
  /** bag-info Internal-Sender-Identifier: the dossier's input identity, for a queued dossier. */
  senderIdentifier?: string
}

export interface PackageResult {
  path: string
  payloadOxum: string
  files: number
}

export async function writePackage(input: PackageInput): Promise<PackageResult> {
  const {hoso} = input
  const {record, files} = input.signing ? await signPackageDocuments(input.record, input.files, input.signing) : input
  assertValid('record', record)
  assertValid('hoso', hoso)
  const payload: PackageFile[] = [
    {path: 'hoso.json', bytes: json(hoso)},
    {path: 'sohoa.json', bytes: json(record)},
    ...files.map((file) => ({...file, path: file.path.normalize('NFC')})),
  ]
  for (const file of payload) {
    if (!isSafeBagPath(`data/${file.path}`)) throw new SohoaError('package.unsafe-path', {file: file.path}, ExitCode.Internal)
  }
  const sizes = await Promise.all(payload.map(async (file) => ('bytes' in file ? file.bytes.length : (await stat(file.source)).size)))
  const oxum = payloadOxum(sizes)
  const target = path.join(input.outDir, record.dossierCode)
  if (await stat(target).catch(() => undefined)) throw new OutputError('package.exists', {file: target})
  const temporary = path.join(input.outDir, `.${record.dossierCode}.partial-${process.pid}-${randomBytes(4).toString('hex')}`)
  const unregister = registerCleanup(() => rm(temporary, {recursive: true, force: true}))
  try {
    const entries: ManifestEntry[] = []
    for (const file of payload) {
      const relative = `data/${file.path}`
      const bytes = 'bytes' in file ? file.bytes : await readFile(file.source)
      await writeDurably(path.join(temporary, relative), bytes)
      entries.push({path: relative, sha256: sha256(bytes)})
    }
    const tags: Array<[string, Uint8Array]> = [
      [BAG_DECLARATION, utf8(bagDeclaration())],
      [
        BAG_INFO,
        utf8(
          bagInfo([
            ['Source-Organization', input.sourceOrganization],
            ['Bagging-Date', input.baggingDate],
            ['Payload-Oxum', oxum],
            ['External-Identifier', record.dossierCode],
            ['External-Description', `${record.procedure.code} ${record.procedure.name}`],
            ['Bag-Software-Agent', input.softwareAgent],
            ...(input.senderIdentifier ? [['Internal-Sender-Identifier', input.senderIdentifier] as [string, string]] : []),
          ]),
        ),
      ],
      [MANIFEST, utf8(manifest(entries))],
    ]
    for (const [name, bytes] of tags) await writeDurably(path.join(temporary, name), bytes)
    const tagManifest = manifest(tags.map(([name, bytes]) => ({path: name, sha256: sha256(bytes)})))
    await writeDurably(path.join(temporary, TAG_MANIFEST), utf8(tagManifest))
    await rename(temporary, target)
    await syncDirectory(input.outDir)
    return {path: target, payloadOxum: oxum, files: payload.length}
  } catch (error) {
    await rm(temporary, {recursive: true, force: true})
    if (error instanceof SohoaError) throw error
    throw new OutputError('output.cannot-write', {file: target, reason: (error as Error).message}, {cause: error})
  } finally {
    unregister()
  }
}

function assertValid(name: 'record' | 'hoso', value: unknown): void {
  const problems = validateAgainstSchema(name, value)
  if (problems.length > 0) {
    const first = problems[0]!
    throw new SohoaError('package.schema-invalid', {schema: name, path: first.path || '/', detail: first.message ?? first.code}, ExitCode.Internal)
  }
}

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), {recursive: true})
  await writeSynced(file, bytes, 'wx')
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function json(value: unknown): Uint8Array {
  return utf8(`${JSON.stringify(value, null, 2)}\n`)
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}
