/**
 * The Signer for a PKCS#11 token (the USB tokens Vietnamese officials sign with) through
 * pkcs11js: the private key stays on the token, which is given the DER of the CMS signed
 * attributes and hashes and signs them itself (CKM_SHA256_RSA_PKCS / CKM_ECDSA_SHA256).
 * The certificate is the token's certificate object with the key's CKA_ID (else its label).
 */
import {access} from 'node:fs/promises'

import * as asn1js from 'asn1js'
import pkcs11js from 'pkcs11js'

import {MissingDependencyError, SohoaError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import type {Signer} from '../core/signer.js'

export interface Pkcs11KeyRef {
  module: string
  /** Slot ID as `pkcs11-tool --list-slots` prints it; else every slot with a token is searched. */
  slot?: number
  keyLabel: string
}

export async function openPkcs11Signer(ref: Pkcs11KeyRef, pin: () => Promise<string>): Promise<Signer> {
  await access(ref.module).catch(() => {
    throw new MissingDependencyError('sign.pkcs11-module-missing', {file: ref.module})
  })
  const pkcs11 = new pkcs11js.PKCS11()
  try {
    pkcs11.load(ref.module)
    pkcs11.C_Initialize()
  } catch (error) {
    throw new MissingDependencyError('sign.pkcs11-module-failed', {file: ref.module, detail: (error as Error).message})
  }
  let session: pkcs11js.Handle | undefined
  const finish = (): void => {
    if (session) {
      ignoring(() => pkcs11.C_Logout(session!))
      ignoring(() => pkcs11.C_CloseSession(session!))
    }
    ignoring(() => pkcs11.C_Finalize())
    ignoring(() => pkcs11.close())
  }
  try {
    const slot = findSlot(pkcs11, ref)
    session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
    const secret = await pin()
    try {
      pkcs11.C_Login(session, pkcs11js.CKU_USER, secret)
    } catch (error) {
      if (!(error instanceof pkcs11js.Pkcs11Error && error.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN)) {
        throw new UsageError('sign.pkcs11-pin', {label: tokenLabel(pkcs11, slot), detail: (error as Error).message})
      }
    }
    const key = findOne(pkcs11, session, [
      {type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY},
      {type: pkcs11js.CKA_LABEL, value: ref.keyLabel},
    ])
    if (!key) throw new UsageError('sign.pkcs11-no-key', {label: ref.keyLabel})
    const [idAttr, typeAttr] = pkcs11.C_GetAttributeValue(session, key, [{type: pkcs11js.CKA_ID}, {type: pkcs11js.CKA_KEY_TYPE}])
    const keyType = (typeAttr?.value as Buffer | undefined)?.readUInt8(0)
    const cert =
      (idAttr?.value && (idAttr.value as Buffer).length > 0
        ? findOne(pkcs11, session, [
            {type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE},
            {type: pkcs11js.CKA_ID, value: idAttr.value as Buffer},
          ])
        : undefined) ??
      findOne(pkcs11, session, [
        {type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE},
        {type: pkcs11js.CKA_LABEL, value: ref.keyLabel},
      ])
    if (!cert) throw new UsageError('sign.pkcs11-no-certificate', {label: ref.keyLabel})
    const certificate = new Uint8Array(pkcs11.C_GetAttributeValue(session, cert, [{type: pkcs11js.CKA_VALUE}])[0]!.value as Buffer)
    const ec = keyType === pkcs11js.CKK_EC
    const open = session
    return {
      source: 'pkcs11',
      certificates: [certificate],
      algorithm: ec ? 'ecdsa-sha256' : 'rsa-sha256',
      sign: async (data) => {
        try {
          pkcs11.C_SignInit(open, {mechanism: ec ? pkcs11js.CKM_ECDSA_SHA256 : pkcs11js.CKM_SHA256_RSA_PKCS}, key)
          const signature = new Uint8Array(pkcs11.C_Sign(open, Buffer.from(data), Buffer.alloc(1024)))
          return ec ? ecdsaDer(signature) : signature
        } catch (error) {
          const params = {label: ref.keyLabel, detail: (error as Error).message}
          throw new SohoaError('sign.pkcs11-sign-failed', params, ExitCode.MissingDependency)
        }
      },
      close: async () => finish(),
    }
  } catch (error) {
    finish()
    if (error instanceof SohoaError) throw error
    throw new MissingDependencyError('sign.pkcs11-module-failed', {file: ref.module, detail: (error as Error).message}, {cause: error})
  }
}

function findSlot(pkcs11: pkcs11js.PKCS11, ref: Pkcs11KeyRef): pkcs11js.Handle {
  const slots = pkcs11.C_GetSlotList(true)
  if (ref.slot !== undefined) {
    const slot = slots.find((handle) => handleNumber(handle) === BigInt(ref.slot!))
    if (!slot) throw new MissingDependencyError('sign.pkcs11-no-slot', {slot: ref.slot, slots: slots.map(handleNumber).join(', ') || '-'})
    return slot
  }
  for (const slot of slots) {
    const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
    try {
      // Private keys are hidden before login on most tokens; the certificate with that label is public.
      const found = findOne(pkcs11, session, [{type: pkcs11js.CKA_LABEL, value: ref.keyLabel}])
      if (found) return slot
    } finally {
      pkcs11.C_CloseSession(session)
    }
  }
  if (slots.length === 1) return slots[0]!
  throw new MissingDependencyError('sign.pkcs11-no-slot', {slot: '-', slots: slots.map(handleNumber).join(', ') || '-'})
}

function findOne(pkcs11: pkcs11js.PKCS11, session: pkcs11js.Handle, template: pkcs11js.Template): pkcs11js.Handle | undefined {
  pkcs11.C_FindObjectsInit(session, template)
  try {
    return pkcs11.C_FindObjects(session, 1)[0]
  } finally {
    pkcs11.C_FindObjectsFinal(session)
  }
}

function tokenLabel(pkcs11: pkcs11js.PKCS11, slot: pkcs11js.Handle): string {
  return pkcs11.C_GetTokenInfo(slot).label.trim()
}

/** pkcs11js hands out CK_ULONG handles as native-endian bytes. */
function handleNumber(handle: pkcs11js.Handle): bigint {
  return handle.length >= 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0))
}

/** PKCS#11 gives ECDSA signatures as r‖s; CMS wants SEQUENCE {INTEGER r, INTEGER s}. */
function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2
  const integer = (bytes: Uint8Array) => {
    let start = 0
    while (start < bytes.length - 1 && bytes[start] === 0) start++
    const trimmed = bytes.subarray(start)
    const padded = trimmed[0]! & 0x80 ? new Uint8Array([0, ...trimmed]) : trimmed
    return new asn1js.Integer({valueHex: padded})
  }
  return new Uint8Array(new asn1js.Sequence({value: [integer(raw.subarray(0, half)), integer(raw.subarray(half))]}).toBER(false))
}

function ignoring(action: () => void): void {
  try {
    action()
  } catch {
    // Closing a session that the token already dropped is not worth reporting.
  }
}
