/**
 * A throw-away PKI for the signing tests, made fresh by each run (no key is committed): a test
 * CA and a digitiser's certificate it issued (RSA 2048, node-forge), the PKCS#12 file a CA
 * would hand out, and a SoftHSM2 token holding the same key
 * and certificate in a private SOFTHSM2_CONF and token folder.
 */
import {execFile} from 'node:child_process'
import {generateKeyPairSync, X509Certificate} from 'node:crypto'
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {promisify} from 'node:util'

import forge from 'node-forge'

const run = promisify(execFile)

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so'
const DAY = 24 * 60 * 60 * 1000

export interface TestPki {
  caPem: string
  caFile: string
  signerPem: string
  /** PKCS#8 PEM of the signer's key. */
  signerKeyPem: string
  p12File: string
  p12Password: string
  /** A CA nobody issued the signer from, for `--trust` failures. */
  otherCaFile: string
}

interface Issued {
  cert: forge.pki.Certificate
  key: forge.pki.rsa.PrivateKey
  pkcs8: string
}

export async function makeTestPki(dir: string, options: {signerName?: string; notBefore?: Date; notAfter?: Date} = {}): Promise<TestPki> {
  await mkdir(dir, {recursive: true})
  const now = Date.now()
  const caValidity = {notBefore: new Date(now - 2 * DAY), notAfter: new Date(now + 3650 * DAY)}
  const ca = issue({subject: 'Test CA sohoa', serial: '01', ca: true, ...caValidity})
  const other = issue({subject: 'Other CA', serial: '01', ca: true, ...caValidity})
  const signer = issue({
    subject: options.signerName ?? 'Nguyen Van So Hoa',
    serial: '0a1b2c',
    ca: false,
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 365 * DAY),
    issuer: ca,
  })
  const caFile = path.join(dir, 'ca.pem')
  const otherCaFile = path.join(dir, 'other-ca.pem')
  const caPem = forge.pki.certificateToPem(ca.cert)
  await writeFile(caFile, caPem)
  await writeFile(otherCaFile, forge.pki.certificateToPem(other.cert))
  const p12Password = 'mật-khẩu thử'
  const p12File = path.join(dir, 'signer.p12')
  const p12 = forge.pkcs12.toPkcs12Asn1(signer.key, [signer.cert, ca.cert], p12Password, {algorithm: '3des'})
  await writeFile(p12File, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'))
  return {caPem, caFile, signerPem: forge.pki.certificateToPem(signer.cert), signerKeyPem: signer.pkcs8, p12File, p12Password, otherCaFile}
}

/** Keys from Node (forge's JavaScript key generation is slow); forge builds and signs the certificate. */
function issue(spec: {subject: string; serial: string; ca: boolean; notBefore: Date; notAfter: Date; issuer?: Issued}): Issued {
  const pair = generateKeyPairSync('rsa', {modulusLength: 2048})
  const key = forge.pki.privateKeyFromPem(pair.privateKey.export({type: 'pkcs1', format: 'pem'}) as string) as forge.pki.rsa.PrivateKey
  const cert = forge.pki.createCertificate()
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({type: 'spki', format: 'pem'}) as string)
  cert.serialNumber = spec.serial
  cert.validity.notBefore = spec.notBefore
  cert.validity.notAfter = spec.notAfter
  const name = [
    {shortName: 'CN', value: spec.subject},
    {shortName: 'O', value: spec.ca ? 'Test' : 'UBND xa Test'},
    {shortName: 'C', value: 'VN'},
  ]
  cert.setSubject(name)
  cert.setIssuer(spec.issuer ? spec.issuer.cert.subject.attributes : name)
  cert.setExtensions(
    spec.ca
      ? [
          {name: 'basicConstraints', cA: true, critical: true},
          {name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true},
          {name: 'subjectKeyIdentifier'},
        ]
      : [
          {name: 'basicConstraints', cA: false, critical: true},
          {name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true},
        ],
  )
  cert.sign(spec.issuer?.key ?? key, forge.md.sha256.create())
  return {cert, key, pkcs8: pair.privateKey.export({type: 'pkcs8', format: 'pem'}) as string}
}

export interface TestToken {
  /** SOFTHSM2_CONF for every process that opens the token. */
  env: {SOFTHSM2_CONF: string}
  slot: number
  pin: string
  keyLabel: string
}

/** A SoftHSM2 token in `dir` holding the signer's key and certificate under one label and ID. */
export async function makeSoftHsmToken(dir: string, pki: TestPki): Promise<TestToken> {
  const tokens = path.join(dir, 'tokens')
  await mkdir(tokens, {recursive: true})
  const conf = path.join(dir, 'softhsm2.conf')
  await writeFile(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`)
  const env = {...process.env, SOFTHSM2_CONF: conf}
  const pin = '123456'
  const keyLabel = 'so-hoa'
  const init = await run('softhsm2-util', ['--init-token', '--free', '--label', 'sohoa-test', '--pin', pin, '--so-pin', '654321'], {env})
  const slot = Number(/reassigned to slot (\d+)/.exec(init.stdout)?.[1])
  const keyPem = path.join(dir, 'signer-key.pem')
  await writeFile(keyPem, pki.signerKeyPem)
  await run('softhsm2-util', ['--import', keyPem, '--slot', String(slot), '--label', keyLabel, '--id', '01', '--pin', pin], {env})
  const certDer = path.join(dir, 'signer.der')
  await writeFile(certDer, new X509Certificate(pki.signerPem).raw)
  await run(
    'pkcs11-tool',
    ['--module', SOFTHSM_MODULE, '--slot', String(slot), '--login', '--pin', pin]
      .concat(['--write-object', certDer, '--type', 'cert', '--label', keyLabel, '--id', '01']),
    {env},
  )
  return {env: {SOFTHSM2_CONF: conf}, slot, pin, keyLabel}
}
