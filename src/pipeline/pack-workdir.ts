/**
 * `sohoa pack`: a bag from a work folder laid out like a bag's data/ (sohoa.json, documents/,
 * text/, optionally hoso.json) — e.g. after a clerk corrected a record by hand. The DVCQG
 * record is rebuilt from sohoa.json unless the folder carries its own.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {formatIsoDay, vietnamDay} from '../core/calendar.js'
import {dossierOwner} from '../core/digitisation.js'
import {UnreadableInputError} from '../core/errors.js'
import {buildHoSoRecord, type HoSoRecord} from '../core/hoso-record.js'
import type {DigitisationRecord} from '../core/record.js'
import {validateAgainstSchema} from '../tools/schemas.js'
import {type PackageResult, writePackage} from './package.js'
import type {DocumentSigning} from './sign-documents.js'

export interface PackOptions {
  workdir: string
  outDir: string
  toolName: string
  now?: Date
  /** Sign every document PDF (PAdES B-B) as it goes into the bag. */
  signing?: DocumentSigning
}

export interface PackResult extends PackageResult {
  dossierCode: string
}

export async function packWorkdir(options: PackOptions): Promise<PackResult> {
  const recordFile = path.join(options.workdir, 'sohoa.json')
  const record = await readJson(recordFile)
  const problems = validateAgainstSchema('record', record)
  if (problems.length > 0) {
    const first = problems[0]!
    throw new UnreadableInputError('pack.record-invalid', {file: recordFile, path: first.path || '/', detail: first.message ?? first.code})
  }
  const typed = record as DigitisationRecord
  const hosoFile = path.join(options.workdir, 'hoso.json')
  const ownHoso = await readFile(hosoFile, 'utf8').then(
    (text) => text,
    () => undefined,
  )
  const now = options.now ?? new Date()
  const owner = dossierOwner(typed.documents)
  const hoso: HoSoRecord = ownHoso
    ? ((await readJson(hosoFile)) as HoSoRecord)
    : buildHoSoRecord({record: typed, field: {}, owner, receivedAt: new Date(typed.createdAt)})
  const files = []
  for (const document of typed.documents) {
    for (const relative of [document.file, document.textFile]) {
      const file = path.join(options.workdir, ...relative.split('/'))
      const bytes = await readFile(file).catch(() => {
        throw new UnreadableInputError('pack.file-missing', {file})
      })
      files.push({path: relative, bytes})
    }
  }
  // The review sheet travels with the record when the folder has it; a record naming a sheet the folder lacks stops naming it.
  const {reviewSheet, ...withoutSheet} = typed
  const sheet = reviewSheet ? await readFile(path.join(options.workdir, reviewSheet)).catch(() => undefined) : undefined
  if (reviewSheet && sheet) files.push({path: reviewSheet, bytes: sheet})
  const written = await writePackage({
    outDir: options.outDir,
    record: sheet ? typed : withoutSheet,
    hoso,
    files,
    sourceOrganization: typed.agency,
    softwareAgent: options.toolName,
    baggingDate: formatIsoDay(vietnamDay(now)),
    signing: options.signing,
  })
  return {...written, dossierCode: typed.dossierCode}
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UnreadableInputError('input.not-found', {file})
    throw new UnreadableInputError('pack.record-unreadable', {file, detail: (error as Error).message}, {cause: error})
  }
}
