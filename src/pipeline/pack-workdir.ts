/**
 * `sohoa pack`: a bag from a work folder laid out like a bag's data/ (sohoa.json, documents/,
 * text/, optionally hoso.json) — e.g. after a clerk corrected a record by hand. The DVCQG
 * record is rebuilt from sohoa.json unless the folder carries its own.
 */
import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'

import {formatIsoDay, vietnamDay} from '../core/calendar.js'
import {UnreadableInputError} from '../core/errors.js'
import {type HoSoRecord, hosoFromRecord} from '../core/hoso-record.js'
import {type PackageResult, writePackage} from './package.js'
import {readJsonFile, readRecordFile} from './record-file.js'
import type {DocumentSigning} from './sign-documents.js'

export interface PackOptions {
  workdir: string
  outDir: string
  /** `sohoa/0.1.0` (BaseCommand.software): PDF creator and producer, bag software agent. */
  software: string
  now?: Date
  /** Sign every document PDF (PAdES B-B) as it goes into the bag. */
  signing?: DocumentSigning
}

export interface PackResult extends PackageResult {
  dossierCode: string
}

export async function packWorkdir(options: PackOptions): Promise<PackResult> {
  const typed = await readRecordFile(path.join(options.workdir, 'sohoa.json'))
  const hosoFile = path.join(options.workdir, 'hoso.json')
  const ownHoso = await stat(hosoFile).then(
    () => true,
    () => false,
  )
  const now = options.now ?? new Date()
  const hoso: HoSoRecord = ownHoso ? ((await readJsonFile(hosoFile, 'pack.hoso-unreadable')) as HoSoRecord) : hosoFromRecord(typed)
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
    softwareAgent: options.software,
    baggingDate: formatIsoDay(vietnamDay(now)),
    signing: options.signing,
  })
  return {...written, dossierCode: typed.dossierCode}
}
