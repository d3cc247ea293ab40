/**
 * The cryptographic checks of one CAdES signature, with Node's crypto: the message digest
 * against the signed bytes, the signature over the signed attributes with the signer's key,
 * signing-certificate-v2 against the signer's certificate, the certificate's validity at the
 * signing time, and (given trust anchors) a chain from it to one of them.
 */
import {createHash, verify as cryptoVerify, X509Certificate} from 'node:crypto'

import {parseCadesSignature, SHA256_OID, signatureCheckKind} from './cms.js'

export type SignatureFailure =
  | 'cms-unreadable'
  | 'no-signer-certificate'
  | 'digest-algorithm'
  | 'digest-mismatch'
  | 'signature-invalid'
  | 'signing-certificate-missing'
  | 'signing-certificate-mismatch'
  | 'certificate-not-valid-at-time'
  | 'untrusted'

export interface CadesCheck {
  failures: SignatureFailure[]
  /** The signer certificate's subject, one `key=value` per comma. */
  signer: string | undefined
  serial: string | undefined
  issuer: string | undefined
  notBefore: string | undefined
  notAfter: string | undefined
  /** Only when trust anchors were given. */
  trusted: boolean | undefined
  detail?: string
}

export function checkCadesSignature(cms: Uint8Array, signed: Uint8Array, at: Date, anchors: X509Certificate[] | undefined): CadesCheck {
  const empty = {signer: undefined, serial: undefined, issuer: undefined, notBefore: undefined, notAfter: undefined, trusted: undefined}
  let parsed
  try {
    parsed = parseCadesSignature(trimPadding(cms))
  } catch (error) {
    return {...empty, failures: ['cms-unreadable'], detail: (error as Error).message}
  }
  if (!parsed.signerCertificate) return {...empty, failures: ['no-signer-certificate']}
  const cert = new X509Certificate(parsed.signerCertificate)
  const failures: SignatureFailure[] = []
  if (parsed.digestAlgorithm !== SHA256_OID) failures.push('digest-algorithm')
  const digest = createHash('sha256').update(signed).digest()
  if (!parsed.messageDigest || !digest.equals(parsed.messageDigest)) failures.push('digest-mismatch')
  const kind = signatureCheckKind(parsed.signatureAlgorithm)
  let signatureOk = false
  try {
    signatureOk = kind !== undefined && cryptoVerify('sha256', parsed.signedAttributes, cert.publicKey, parsed.signature)
  } catch {
    signatureOk = false
  }
  if (!signatureOk) failures.push('signature-invalid')
  if (!parsed.signingCertificateHash) failures.push('signing-certificate-missing')
  else if (!createHash('sha256').update(parsed.signerCertificate).digest().equals(parsed.signingCertificateHash)) {
    failures.push('signing-certificate-mismatch')
  }
  if (!validAt(cert, at)) failures.push('certificate-not-valid-at-time')
  let trusted: boolean | undefined
  if (anchors) {
    trusted = chainsTo(cert, parsed.certificates.map((der) => new X509Certificate(der)), anchors, at)
    if (!trusted) failures.push('untrusted')
  }
  return {
    failures,
    signer: cert.subject.replace(/\n/g, ', '),
    serial: cert.serialNumber,
    issuer: cert.issuer.replace(/\n/g, ', '),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    trusted,
  }
}

/** Every certificate in a PEM file (a CA bundle). */
export function certificatesFromPem(pem: string): X509Certificate[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((match) => new X509Certificate(match[0]))
}

function validAt(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(cert.validTo).getTime()
}

const MAX_CHAIN = 8

/** A path from `cert` through the carried certificates to an anchor, each link signed and valid at `at`. */
function chainsTo(cert: X509Certificate, pool: X509Certificate[], anchors: X509Certificate[], at: Date): boolean {
  let current = cert
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (anchors.some((anchor) => anchor.fingerprint256 === current.fingerprint256)) return true
    const anchor = anchors.find((candidate) => issuedBy(current, candidate) && validAt(candidate, at))
    if (anchor) return true
    const next = pool.find(
      (candidate) =>
        candidate.fingerprint256 !== current.fingerprint256 && candidate.ca && issuedBy(current, candidate) && validAt(candidate, at),
    )
    if (!next) return false
    current = next
  }
  return false
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey)
  } catch {
    return false
  }
}

/** /Contents is the placeholder's size: the DER is followed by zero bytes. */
function trimPadding(contents: Uint8Array): Uint8Array {
  // The outer SEQUENCE's own length says where the DER ends.
  if (contents[0] !== 0x30) return contents
  const first = contents[1]!
  if (first < 0x80) return contents.subarray(0, 2 + first)
  const count = first & 0x7f
  let length = 0
  for (let index = 0; index < count; index++) length = length * 256 + contents[2 + index]!
  return contents.subarray(0, 2 + count + length)
}
