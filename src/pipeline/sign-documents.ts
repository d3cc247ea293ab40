/**
 * Signing in the package step: each document PDF is signed (PAdES B-B, with the visible
 * stamp) just before it goes into the bag, and the record says who digitised and signed it
 * and when. `run`, `pack` and `batch` all reach it through writePackage's `signing` option.
 */
import {X509Certificate} from 'node:crypto'
import {readFile} from 'node:fs/promises'

import type {RecordDocument, DigitisationRecord, DocumentSignature} from '../core/record.js'
import type {Digitiser, Signer} from '../core/signer.js'
import {isoVietnam} from '../core/vietnam-time.js'
import {signPdfDocument} from '../tools/pdf-sign.js'

export interface DocumentSigning {
  signer: Signer
  digitiser: Digitiser
  /** `sohoa/0.1.0`, named in the signature's build properties. */
  appName: string
  /** The signing time; now by default. */
  clock?: () => Date
}

export interface SignedDocumentPdf {
  bytes: Uint8Array
  signature: DocumentSignature
}

/** One document's PDF signed; `scannedAt` is what the stamp shows as the scanning time. */
export async function signDocumentPdf(
  pdf: Uint8Array,
  signing: DocumentSigning,
  scannedAt: Date,
  fallbackAgency = '',
): Promise<SignedDocumentPdf> {
  const signedAt = (signing.clock ?? (() => new Date()))()
  const stamp = {name: signing.digitiser.name, agency: signing.digitiser.agency || fallbackAgency, scannedAt}
  const signed = await signPdfDocument({pdf, signer: signing.signer, stamp, signingTime: signedAt, appName: signing.appName})
  const certificate = new X509Certificate(signing.signer.certificates[0]!)
  return {
    bytes: signed.bytes,
    signature: {
      digitisedBy: signing.digitiser.name,
      agency: signing.digitiser.agency || fallbackAgency,
      scannedAt: isoVietnam(scannedAt),
      signedAt: isoVietnam(signedAt),
      signer: certificate.subject.replace(/\n/g, ', '),
      certificateSerial: certificate.serialNumber,
      keySource: signing.signer.source,
      stampCoversContent: signed.stamp.coversContent,
    },
  }
}

/** A payload file as bytes or as a file on disk (the package step's PackageFile). */
type PackageFileLike = {path: string; bytes: Uint8Array} | {path: string; source: string}

/** Every document PDF among `files` signed, and the record naming its digitiser and signing time. */
export async function signPackageDocuments(
  record: DigitisationRecord,
  files: PackageFileLike[],
  signing: DocumentSigning,
): Promise<{record: DigitisationRecord; files: PackageFileLike[]}> {
  const byPath = new Map(files.map((file, index) => [file.path.normalize('NFC'), index]))
  const signedFiles = [...files]
  const documents: RecordDocument[] = []
  const scannedAt = new Date(record.createdAt)
  for (const document of record.documents) {
    const index = byPath.get(document.file.normalize('NFC'))
    if (index === undefined) {
      documents.push(document)
      continue
    }
    const file = files[index]!
    const signed = await signDocumentPdf('bytes' in file ? file.bytes : await readFile(file.source), signing, scannedAt, record.agency)
    signedFiles[index] = {path: file.path, bytes: signed.bytes}
    documents.push({...document, signature: signed.signature})
  }
  return {record: {...record, digitisedBy: signing.digitiser.name, documents}, files: signedFiles}
}
