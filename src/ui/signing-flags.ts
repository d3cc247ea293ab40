/**
 * The signing flags of `run`, `batch`, `pack`, `worker` and `intake`, defined once, and the one
 * way those commands open the key they name (withFlagSigning). The flags carry no `env`: the
 * SOHOA_* variables are read with the stored settings (src/core/config-keys.ts), so that only
 * an explicit --sign, --sign-p12 or --sign-pkcs11 makes a run sign.
 */
import {Flags} from '@oclif/core'

import {type ConfigValues, parseConfigInteger} from '../core/config-keys.js'
import type {DocumentSigning} from '../pipeline/sign-documents.js'
import {type SigningRequest, withSigning} from '../pipeline/signing-session.js'
import type {Lang} from './i18n.js'
import {terminalSecretPrompter} from './secret-prompter.js'

export const signingFlags = {
  sign: Flags.boolean({
    summary: "Sign each document PDF with the key stored by `sohoa config` (signer.p12 or signer.pkcs11-module).",
    default: false,
    helpGroup: 'SIGNING',
  }),
  'sign-p12': Flags.file({
    summary: 'Sign each document PDF (PAdES) with this PKCS#12 file; password from SOHOA_SIGN_PASSWORD or a prompt.',
    exists: true,
    helpGroup: 'SIGNING',
  }),
  'sign-pkcs11': Flags.file({
    summary: "Sign with a PKCS#11 token through this module (.so); PIN from SOHOA_SIGN_PIN or a prompt.",
    helpGroup: 'SIGNING',
  }),
  slot: Flags.custom<number>({
    summary: 'PKCS#11 slot ID (decimal or 0x-hex, as pkcs11-tool --list-slots prints it); default: the slot holding --key-label.',
    helpGroup: 'SIGNING',
    parse: async (input) => {
      const value = parseConfigInteger(input)
      if (value === undefined) throw new Error(`--slot must be a number: ${input}`)
      return value
    },
  })(),
  'key-label': Flags.string({summary: 'Label of the signing key (and its certificate) on the token.', helpGroup: 'SIGNING'}),
  'signer-name': Flags.string({
    summary: "The digitiser's name for the stamp (default: signer.name, else the certificate's name).",
    helpGroup: 'SIGNING',
  }),
  'signer-agency': Flags.string({
    summary: "The digitiser's agency for the stamp (default: signer.agency, else the agency code).",
    helpGroup: 'SIGNING',
  }),
}

export interface SigningFlagValues {
  sign: boolean
  'sign-p12'?: string
  'sign-pkcs11'?: string
  slot?: number
  'key-label'?: string
  'signer-name'?: string
  'signer-agency'?: string
}

export function signingRequest(flags: SigningFlagValues): SigningRequest {
  return {
    useStoredKey: flags.sign,
    p12: flags['sign-p12'],
    pkcs11Module: flags['sign-pkcs11'],
    slot: flags.slot,
    keyLabel: flags['key-label'],
    signerName: flags['signer-name'],
    signerAgency: flags['signer-agency'],
  }
}

export interface CommandSigningContext {
  settings: ConfigValues
  /** The language the password or PIN is asked in. */
  lang: Lang
  /** Stamp agency when no profile names one: the receiving agency's code. */
  fallbackAgency: string
  /** BaseCommand.software. */
  appName: string
}

/**
 * Runs `work` with the digitiser's key that the signing flags (or the stored settings) name,
 * its password or PIN asked on the terminal, and closes the key afterwards; with no key
 * named, `work` gets none. The one way a command signs.
 */
export async function withFlagSigning<T>(
  flags: SigningFlagValues,
  context: CommandSigningContext,
  work: (signing: DocumentSigning | undefined) => Promise<T>,
): Promise<T> {
  const {settings, lang, fallbackAgency, appName} = context
  const prompter = terminalSecretPrompter(lang)
  return withSigning(signingRequest(flags), {settings, prompter, env: process.env, fallbackAgency, appName}, work)
}
