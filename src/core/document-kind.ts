/**
 * A document kind of the classifier's catalogue (SPEC §4): templates/document-kinds/<id>.json,
 * checked by schemas/document-kind.schema.json. Adding a kind is adding a file.
 */
import type {FieldKey} from './dossier.js'

/** Where a labelled value is looked for: the first line carrying one of `labels`, after `after`. */
export interface FieldLabel {
  field: FieldKey
  labels: string[]
  /** A heading the label comes after ("Người được khai sinh"): forms repeat "Họ, chữ đệm, tên". */
  after?: string
  /** How the value reads: a name, a 12-digit ID, a date, a gender, or free text. */
  format?: 'name' | 'id-number' | 'date' | 'gender' | 'text'
}

export interface DocumentKind {
  schemaVersion: 1
  id: string
  name: string
  titlePatterns: string[]
  formNumbers?: string[]
  keywords: string[]
  negativeKeywords?: string[]
  fields: FieldKey[]
  labels?: FieldLabel[]
  /** The document carries the ID-card QR payload (SPEC §3.6). */
  hasQr?: boolean
  /**
   * A form two people fill in side by side (kết hôn: Bên nữ, Bên nam): for each party, the
   * headings its part may start with. Fields are read per party (extract.ts).
   */
  parties?: string[][]
  /** Words of each side of a two-sided card, so that front and back stay one document. */
  sides?: {front: string[]; back: string[]}
}
