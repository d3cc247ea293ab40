/**
 * CAdES signatures (CMS SignedData, RFC 5652 / ETSI EN 319 122) with pkijs and asn1js: the
 * detached signature that a PAdES B-B PDF carries. The signed attributes are content-type,
 * message-digest and signing-certificate-v2 (RFC 5035); PAdES forbids the signing-time
 * attribute (the PDF's /M says when). The key never leaves its Signer: it signs the DER of
 * the signed attributes, which is also what a PKCS#11 token is given.
 */
import {createHash} from 'node:crypto'

import * as asn1js from 'asn1js'
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  GeneralName,
  GeneralNames,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs'

import type {SignatureAlgorithm, Signer} from '../core/signer.js'

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const

/** A CAdES detached signature over `content` (the PDF's byte ranges), DER. */
export async function buildCadesSignature(content: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const certificates = signer.certificates.map((der) => Certificate.fromBER(der))
  const signerCert = certificates[0]
  if (!signerCert) throw new Error('the signer has no certificate')
  const attributes = [
    new Attribute({type: OID.contentType, values: [new asn1js.ObjectIdentifier({value: OID.data})]}),
    new Attribute({type: OID.messageDigest, values: [new asn1js.OctetString({valueHex: sha256(content)})]}),
    new Attribute({type: OID.signingCertificateV2, values: [signingCertificateV2(signerCert, signer.certificates[0]!)]}),
  ]
  const signedAttrs = new SignedAndUnsignedAttributes({type: 0, attributes: sortedForDer(attributes)})
  const toSign = derOfSignedAttributes(signedAttrs)
  const signature = await signer.sign(toSign)
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({issuer: signerCert.issuer, serialNumber: signerCert.serialNumber}),
    digestAlgorithm: algorithm(OID.sha256),
    signedAttrs,
    signatureAlgorithm:
      signer.algorithm === 'rsa-sha256' ? algorithm(OID.rsaEncryption) : new AlgorithmIdentifier({algorithmId: OID.ecdsaWithSha256}),
    signature: new asn1js.OctetString({valueHex: signature}),
  })
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: [algorithm(OID.sha256)],
    encapContentInfo: new EncapsulatedContentInfo({eContentType: OID.data}),
    certificates,
    signerInfos: [signerInfo],
  })
  const info = new ContentInfo({contentType: OID.signedData, content: signedData.toSchema(true)})
  return new Uint8Array(info.toSchema().toBER(false))
}

/** What a verifier needs from a CMS signature, without trusting any of it yet. */
export interface ParsedCades {
  /** DER of every certificate carried, the signer's first. */
  certificates: Uint8Array[]
  signerCertificate: Uint8Array | undefined
  digestAlgorithm: string
  signatureAlgorithm: string
  messageDigest: Uint8Array | undefined
  /** The DER that was signed (the signed attributes as a SET). */
  signedAttributes: Uint8Array
  signature: Uint8Array
  /** SHA-256 of the certificate named by signing-certificate-v2, when present. */
  signingCertificateHash: Uint8Array | undefined
  hasSigningTimeAttribute: boolean
}

export function parseCadesSignature(der: Uint8Array): ParsedCades {
  const info = ContentInfo.fromBER(der)
  if (info.contentType !== OID.signedData) throw new Error(`not a CMS SignedData (${info.contentType})`)
  const signed = new SignedData({schema: info.content})
  const signerInfo = signed.signerInfos[0]
  if (!signerInfo) throw new Error('no signer in the CMS')
  const certificates = (signed.certificates ?? []).filter((cert): cert is Certificate => cert instanceof Certificate)
  const sid = signerInfo.sid
  const signerCert =
    sid instanceof IssuerAndSerialNumber
      ? certificates.find((cert) => cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber))
      : undefined
  const attribute = (type: string) => signerInfo.signedAttrs?.attributes.find((item) => item.type === type)
  const digest = attribute(OID.messageDigest)?.values[0]
  const certV2 = attribute(OID.signingCertificateV2)?.values[0]
  return {
    certificates: certificates.map(derOf),
    signerCertificate: signerCert ? derOf(signerCert) : undefined,
    digestAlgorithm: signerInfo.digestAlgorithm.algorithmId,
    signatureAlgorithm: signerInfo.signatureAlgorithm.algorithmId,
    messageDigest: digest instanceof asn1js.OctetString ? new Uint8Array(digest.valueBlock.valueHexView) : undefined,
    signedAttributes: new Uint8Array(signerInfo.signedAttrs?.encodedValue ?? new ArrayBuffer(0)),
    signature: new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
    signingCertificateHash: certV2 ? firstCertHash(certV2) : undefined,
    hasSigningTimeAttribute: attribute(OID.signingTime) !== undefined,
  }
}

export const SHA256_OID = OID.sha256

/** Node's name for the signature check of a CMS signature algorithm, or undefined. */
export function signatureCheckKind(oid: string): 'rsa' | 'ecdsa' | undefined {
  if (oid === OID.rsaEncryption || oid === OID.sha256WithRsa) return 'rsa'
  if (oid === OID.ecdsaWithSha256) return 'ecdsa'
  return undefined
}

/** signing-certificate-v2: SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with SHA-256 (the default, so no AlgorithmIdentifier). */
function signingCertificateV2(cert: Certificate, der: Uint8Array): asn1js.Sequence {
  const issuerSerial = new asn1js.Sequence({
    value: [new GeneralNames({names: [new GeneralName({type: 4, value: cert.issuer})]}).toSchema(), cert.serialNumber],
  })
  const essCertIdV2 = new asn1js.Sequence({value: [new asn1js.OctetString({valueHex: sha256(der)}), issuerSerial]})
  return new asn1js.Sequence({value: [new asn1js.Sequence({value: [essCertIdV2]})]})
}

function firstCertHash(value: asn1js.AsnType): Uint8Array | undefined {
  const certs = (value as asn1js.Sequence).valueBlock?.value?.[0] as asn1js.Sequence | undefined
  const first = certs?.valueBlock?.value?.[0] as asn1js.Sequence | undefined
  const elements = first?.valueBlock?.value ?? []
  // hashAlgorithm is optional and defaults to SHA-256; only that default is accepted here.
  const hash = elements[0]
  return hash instanceof asn1js.OctetString ? new Uint8Array(hash.valueBlock.valueHexView) : undefined
}

/** DER orders a SET OF by the encodings of its elements. */
function sortedForDer(attributes: Attribute[]): Attribute[] {
  const encoded = attributes.map((item) => ({item, der: new Uint8Array(item.toSchema().toBER(false))}))
  encoded.sort((a, b) => Buffer.compare(a.der, b.der))
  return encoded.map((entry) => entry.item)
}

/** The signed attributes are signed with their SET tag, not the [0] they carry inside SignerInfo. */
function derOfSignedAttributes(attrs: SignedAndUnsignedAttributes): Uint8Array {
  const der = new Uint8Array(attrs.toSchema().toBER(false))
  der[0] = 0x31
  attrs.encodedValue = der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer
  return der
}

function algorithm(oid: string): AlgorithmIdentifier {
  return new AlgorithmIdentifier({algorithmId: oid, algorithmParams: new asn1js.Null()})
}

function derOf(cert: Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER(false))
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest())
}

export type {SignatureAlgorithm}
