/**
 * Opening the digitiser's key for a run: the key source and profile come from flags, SOHOA_*
 * variables or `sohoa config` (in that order); the password or PIN from SOHOA_SIGN_PASSWORD /
 * SOHOA_SIGN_PIN or the prompter, never from a flag. The key is opened before any OCR, so a
 * wrong PIN fails in a second, not after the whole dossier.
 */
import {X509Certificate} from 'node:crypto'

import {type ConfigValues, parseConfigInteger} from '../core/config-keys.js'
import {UsageError} from '../core/errors.js'
import type {KeySource, SecretPrompter, Signer} from '../core/signer.js'
import {openP12Signer} from '../tools/p12-signer.js'
import {openPkcs11Signer} from '../tools/pkcs11-signer.js'
import type {DocumentSigning} from './sign-documents.js'

export interface SigningRequest {
  /** From the flags; undefined fields fall back on the settings. */
  p12?: string
  pkcs11Module?: string
  slot?: number
  keyLabel?: string
  signerName?: string
  signerAgency?: string
  /** `--sign`: sign with the key source stored in the settings. */
  useStoredKey: boolean
}

/** The key source asked for, or undefined when this run does not sign. */
export function resolveKeySource(request: SigningRequest, settings: ConfigValues): KeySource | undefined {
  if (request.p12 && request.pkcs11Module) throw new UsageError('sign.two-keys')
  if (request.p12) return {kind: 'pkcs12', file: request.p12}
  if (request.pkcs11Module) return pkcs11Source(request.pkcs11Module, request, settings)
  if (!request.useStoredKey) return undefined
  if (settings['signer.p12'] && settings['signer.pkcs11-module']) throw new UsageError('sign.two-keys')
  if (settings['signer.p12']) return {kind: 'pkcs12', file: settings['signer.p12']}
  if (settings['signer.pkcs11-module']) return pkcs11Source(settings['signer.pkcs11-module'], request, settings)
  throw new UsageError('sign.no-key')
}

function pkcs11Source(module: string, request: SigningRequest, settings: ConfigValues): KeySource {
  const keyLabel = request.keyLabel ?? settings['signer.key-label']
  if (!keyLabel) throw new UsageError('sign.key-label-required')
  const storedSlot = settings['signer.slot'] === undefined ? undefined : parseConfigInteger(settings['signer.slot'])
  if (settings['signer.slot'] !== undefined && storedSlot === undefined) {
    throw new UsageError('config.not-integer', {key: 'signer.slot', value: settings['signer.slot']})
  }
  const slot = request.slot ?? storedSlot
  return {kind: 'pkcs11', module, keyLabel, ...(slot === undefined ? {} : {slot})}
}

export interface SigningContext {
  settings: ConfigValues
  prompter: SecretPrompter
  env: NodeJS.ProcessEnv
  /** Stamp agency when no profile names one: the receiving agency's code. */
  fallbackAgency: string
  appName: string
}

/** Opens the key and runs `work` with it, closing the key (logging out of the token) afterwards. */
export async function withSigning<T>(
  request: SigningRequest,
  context: SigningContext,
  work: (signing: DocumentSigning | undefined) => Promise<T>,
): Promise<T> {
  const source = resolveKeySource(request, context.settings)
  if (!source) return work(undefined)
  const signer = await openSigner(source, context)
  try {
    const name = request.signerName ?? context.settings['signer.name'] ?? commonName(signer)
    const agency = request.signerAgency ?? context.settings['signer.agency'] ?? context.fallbackAgency
    return await work({signer, digitiser: {name, agency}, appName: context.appName})
  } finally {
    await signer.close()
  }
}

export async function openSigner(source: KeySource, context: Pick<SigningContext, 'prompter' | 'env'>): Promise<Signer> {
  if (source.kind === 'pkcs12') {
    const password = context.env.SOHOA_SIGN_PASSWORD ?? (await context.prompter.secret('pkcs12-password', source.file))
    return openP12Signer(source.file, password)
  }
  const pin = async () => context.env.SOHOA_SIGN_PIN ?? context.prompter.secret('pkcs11-pin', source.keyLabel)
  return openPkcs11Signer(source, pin)
}

function commonName(signer: Signer): string {
  const subject = new X509Certificate(signer.certificates[0]!).subject
  return /^CN=(.+)$/m.exec(subject)?.[1] ?? subject.replace(/\n/g, ', ')
}
