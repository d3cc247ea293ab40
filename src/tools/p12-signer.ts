/**
 * The Signer for a PKCS#12 file (.p12/.pfx): node-forge opens the file with its password
 * (Node has no PKCS#12 reader), then Node's crypto signs with the key. node-forge reads RSA
 * keys only, which is what the Vietnamese public CAs issue to officials.
 */
import {createPrivateKey, createPublicKey, type KeyObject, sign as cryptoSign, X509Certificate} from 'node:crypto'
import {readFile} from 'node:fs/promises'

import forge from 'node-forge'

import {UnreadableInputError, UsageError} from '../core/errors.js'
import type {Signer} from '../core/signer.js'

export async function openP12Signer(file: string, password: string): Promise<Signer> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UnreadableInputError(error.code === 'ENOENT' ? 'input.not-found' : 'sign.p12-unreadable', {file, detail: error.message})
  })
  let p12: forge.pkcs12.Pkcs12Pfx
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), false, password)
  } catch (error) {
    const message = (error as Error).message
    // forge says "PKCS#12 MAC could not be verified. Invalid password?" for a wrong password.
    if (/password|MAC/i.test(message)) throw new UsageError('sign.p12-password', {file})
    throw new UnreadableInputError('sign.p12-unreadable', {file, detail: message})
  }
  const keyBags = [...bags(p12, forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(p12, forge.pki.oids.keyBag!)]
  const forgeKey = keyBags.find((bag) => bag.key)?.key
  if (!forgeKey) throw new UnreadableInputError('sign.p12-no-key', {file})
  const key = createPrivateKey(forge.pki.privateKeyToPem(forgeKey))
  const certificates = bags(p12, forge.pki.oids.certBag!)
    .flatMap((bag) => (bag.cert ? [Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), 'binary')] : []))
    .map((der) => new Uint8Array(der))
  const ordered = signerFirst(certificates, key)
  if (!ordered) throw new UnreadableInputError('sign.p12-no-certificate', {file})
  return {
    source: 'pkcs12',
    certificates: ordered,
    algorithm: 'rsa-sha256',
    sign: async (data) => new Uint8Array(cryptoSign('sha256', data, key)),
    close: async () => undefined,
  }
}

function bags(p12: forge.pkcs12.Pkcs12Pfx, type: string): forge.pkcs12.Bag[] {
  return p12.getBags({bagType: type})[type] ?? []
}

/** The certificate of this key first; undefined when the file holds none for it. */
function signerFirst(certificates: Uint8Array[], key: KeyObject): Uint8Array[] | undefined {
  const publicDer = createPublicKey(key).export({type: 'spki', format: 'der'})
  const own = certificates.findIndex((der) => new X509Certificate(der).publicKey.export({type: 'spki', format: 'der'}).equals(publicDer))
  if (own < 0) return undefined
  return [certificates[own]!, ...certificates.filter((_, index) => index !== own)]
}
