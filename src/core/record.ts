/**
 * The digitisation record, `data/sohoa.json` of a package (SPEC §6); schemas/record.schema.json
 * says the same for JSON. Everything a later reader needs to trust the package: which page of
 * which input file each PDF page came from, what was read on it, how it was corrected, what
 * was dropped, and what validation found.
 */
import type {DocumentFields, DocumentPage, Evidence, FieldCorrection, ReviewReason} from './dossier.js'
import type {LePhi} from './hoso-record.js'
import type {DroppedPage} from './page.js'
import type {Problem} from './problem.js'
import type {ValidationPolicy} from './validate.js'

export const RECORD_VERSION = 1

/** A document as packaged: what analysis found, plus its codes and file names. */
export interface RecordDocument {
  kind: string
  confidence: number
  evidence: Evidence[]
  /** The procedure component this document satisfies (MAGIAYTO), or null when none matched. */
  componentCode: string | null
  /** Digitisation code (mã số hóa), which also names the files. */
  code: string
  /** Relative to data/: `documents/<code>.pdf`. */
  file: string
  /** Relative to data/: `text/<code>.txt`. */
  textFile: string
  pages: DocumentPage[]
  fields: DocumentFields
  /** Why a person should look at it; absent when nothing needs a second look. */
  review?: ReviewReason[]
  /** The clerk's corrections of fields, each with the machine's reading. */
  corrections?: FieldCorrection[]
  /** Present when the PDF carries the digitiser's signature (PAdES B-B). */
  signature?: DocumentSignature
}

/** Who digitised and signed a document's PDF, and when (Thông tư 01/2023/TT-VPCP Điều 8). */
export interface DocumentSignature {
  digitisedBy: string
  agency: string
  /** ISO 8601 with the Asia/Ho_Chi_Minh offset, as the stamp shows it. */
  scannedAt: string
  signedAt: string
  /** The signing certificate's subject. */
  signer: string
  certificateSerial: string
  keySource: 'pkcs12' | 'pkcs11'
  /** The stamp found no blank margin at the top left and lies over page content. */
  stampCoversContent: boolean
}

export interface DigitisationRecord {
  recordVersion: typeof RECORD_VERSION
  procedure: {code: string; name: string}
  dossierCode: string
  agency: string
  /** ISO 8601 with the Asia/Ho_Chi_Minh offset. */
  createdAt: string
  toolVersion: string
  /** Who digitised, when given (shown on the first page per Thông tư 01/2023 Điều 8). */
  digitisedBy?: string
  /** What hoso.json holds beyond the documents; absent in records written before it was kept. */
  reception?: Reception
  documents: RecordDocument[]
  /** The review sheet in data/ (`review.html`), when the package has one. */
  reviewSheet?: 'review.html'
  pagesDropped: DroppedPage[]
  validation: {valid: boolean; issues: Problem[]; policy?: ValidationPolicy}
}

/**
 * The dossier's reception as hoso.json reports it, kept in the record so that `sohoa pack`
 * rebuilds the same hoso.json from a work folder: the owner (`--owner-id` included), the
 * procedure's field, the due date and the fees of the desk channel.
 */
export interface Reception {
  owner: {name: string; idNumber?: string}
  field: {code?: string; name?: string}
  /** ISO 8601 with the Asia/Ho_Chi_Minh offset; absent when the procedure gives no processing time. */
  dueAt?: string
  fees: LePhi[]
}
