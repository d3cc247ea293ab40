/**
 * `verify`'s signature checks (SPEC §6, Thông tư 01/2023 Điều 8): every signature of every PDF
 * in the bag. The byte range must cover the whole file but the signature itself (the last
 * signature; earlier ones their own revision), the CMS digest must match those bytes, the
 * signature must verify with the signer's certificate, which must have been valid at the
 * signing time (/M) and, with trust anchors, chain to one of them. An unsigned PDF is only
 * reported, unless signatures are required.
 */
import {readFile} from 'node:fs/promises'
import path from 'node:path'

import {checkByteRange, signedBytes} from '../core/signature-range.js'
import {type Problem, problem} from '../core/problem.js'
import {readPdfSignatures} from '../tools/pdf-signatures.js'
import {certificatesFromPem, checkCadesSignature} from '../tools/signature-verify.js'
import {UnreadableInputError} from '../core/errors.js'

export interface SignatureOptions {
  /** An unsigned PDF is a problem (exit 6). */
  requireSigned?: boolean
  /** PEM file of trusted CA certificates: each signer must chain to one. */
  trust?: string
}

export interface SignatureSummary {
  field: string
  subFilter: string
  signer: string | undefined
  signedAt: string | undefined
  coversWholeFile: boolean
  valid: boolean
  trusted: boolean | undefined
}

export interface DocumentSignatures {
  file: string
  signed: boolean
  signatures: SignatureSummary[]
}

export interface SignatureReport {
  documents: DocumentSignatures[]
  problems: Problem[]
}

const SUPPORTED_SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached'])

/** Reads the trust anchors once, before any PDF (a bad --trust file is a usage problem, exit 3). */
export async function loadTrustAnchors(file: string | undefined) {
  if (!file) return undefined
  const pem = await readFile(file, 'utf8').catch((error: Error) => {
    throw new UnreadableInputError('input.not-found', {file, detail: error.message})
  })
  const anchors = certificatesFromPem(pem)
  if (anchors.length === 0) throw new UnreadableInputError('verify.trust-empty', {file})
  return anchors
}

/** `pdfFiles` are bag-relative (`data/documents/x.pdf`). */
export async function verifySignatures(bag: string, pdfFiles: string[], options: SignatureOptions = {}): Promise<SignatureReport> {
  const anchors = await loadTrustAnchors(options.trust)
  const documents: DocumentSignatures[] = []
  const problems: Problem[] = []
  for (const file of pdfFiles) {
    const bytes = new Uint8Array(await readFile(path.join(bag, ...file.split('/'))))
    let entries
    try {
      if (new TextDecoder('latin1').decode(bytes.subarray(0, 5)) !== '%PDF-') throw new Error('no %PDF header')
      entries = await readPdfSignatures(bytes)
    } catch {
      // A PDF too broken to read is reported by verify's PDF checks already; here it only counts as unsigned.
      documents.push({file, signed: false, signatures: []})
      if (options.requireSigned) problems.push(problem('signature.missing', file))
      continue
    }
    if (entries.length === 0 && options.requireSigned) problems.push(problem('signature.missing', file))
    const lastEnd = Math.max(0, ...entries.map((entry) => (entry.byteRange.length === 4 ? entry.byteRange[2]! + entry.byteRange[3]! : 0)))
    const signatures: SignatureSummary[] = []
    for (const entry of entries) {
      const at = `${file}#${entry.field}`
      const summary: SignatureSummary = {
        field: entry.field,
        subFilter: entry.subFilter,
        signer: undefined,
        signedAt: entry.signingTime?.toISOString(),
        coversWholeFile: false,
        valid: false,
        trusted: undefined,
      }
      signatures.push(summary)
      if (!SUPPORTED_SUBFILTERS.has(entry.subFilter)) {
        problems.push(problem('signature.subfilter', at, {subFilter: entry.subFilter || '-'}))
        continue
      }
      const range = checkByteRange(bytes, entry.byteRange)
      if (!range.ok) {
        problems.push(problem('signature.byte-range', at, {reason: range.reason, range: entry.byteRange.join(' ')}))
        continue
      }
      summary.coversWholeFile = range.end === bytes.length
      const check = checkCadesSignature(entry.contents, signedBytes(bytes, entry.byteRange), entry.signingTime ?? new Date(), anchors)
      summary.signer = check.signer
      summary.trusted = check.trusted
      summary.valid = check.failures.length === 0
      for (const failure of check.failures) {
        const validity = {notBefore: check.notBefore ?? '-', notAfter: check.notAfter ?? '-'}
        const params = {signer: check.signer ?? '-', ...validity, detail: check.detail ?? ''}
        problems.push(problem(`signature.${failure}`, at, params))
      }
    }
    // Bytes after the last signed revision were added by someone after signing.
    if (entries.length > 0 && lastEnd !== bytes.length) {
      problems.push(problem('signature.changed-after-signing', file, {signed: lastEnd, size: bytes.length}))
    }
    documents.push({file, signed: entries.length > 0, signatures})
  }
  return {documents, problems}
}
