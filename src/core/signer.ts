/**
 * The Signer port: whatever holds the digitiser's private key (a PKCS#12 file, a PKCS#11 USB
 * token) signs bytes and shows its certificate; everything around it (the CMS, the PDF) is
 * built the same way for every key. Implementations live in src/tools.
 */

/** Where the digitiser's key is. Secrets (password, PIN) are never part of it. */
export type KeySource =
  | {kind: 'pkcs12'; file: string}
  | {kind: 'pkcs11'; module: string; slot?: number; keyLabel: string}

export type SignatureAlgorithm = 'rsa-sha256' | 'ecdsa-sha256'

export interface Signer {
  /** What kind of key this is, for the record. */
  readonly source: KeySource['kind']
  /** The signing certificate first, then any CA certificates that came with it (DER). */
  readonly certificates: Uint8Array[]
  readonly algorithm: SignatureAlgorithm
  /**
   * Signs `data` (the DER of the CMS signed attributes): SHA-256 then the key's operation.
   * RSA gives PKCS#1 v1.5; ECDSA gives the DER `SEQUENCE {r, s}`.
   */
  sign(data: Uint8Array): Promise<Uint8Array>
  /** Logs out of the token / forgets the key. */
  close(): Promise<void>
}

/** Asks the person at the terminal for a secret; the ui implements it. */
export interface SecretPrompter {
  /** `kind` picks the question; rejects with a UsageError where nobody can answer. */
  secret(kind: 'pkcs12-password' | 'pkcs11-pin', subject: string): Promise<string>
}

/** The digitiser as the stamp and the record name them (Thông tư 01/2023/TT-VPCP Điều 8). */
export interface Digitiser {
  name: string
  agency: string
}

/** One document to sign: its PDF and what the stamp says. */
export interface StampFacts extends Digitiser {
  /** When the paper was scanned. */
  scannedAt: Date
}
