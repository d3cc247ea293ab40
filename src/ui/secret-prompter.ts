/**
 * Asks for the PKCS#12 password or the token PIN on the terminal (hidden input, on stderr so
 * that --json output stays clean). Without a terminal nobody can answer: a usage error names
 * the variable to set instead.
 */
import {password} from '@inquirer/prompts'

import {UsageError} from '../core/errors.js'
import type {SecretPrompter} from '../core/signer.js'
import {type Lang, translate} from './i18n.js'

export function terminalSecretPrompter(lang: Lang): SecretPrompter {
  return {
    async secret(kind, subject) {
      const env = kind === 'pkcs12-password' ? 'SOHOA_SIGN_PASSWORD' : 'SOHOA_SIGN_PIN'
      if (!process.stdin.isTTY || !process.stderr.isTTY) throw new UsageError('sign.secret-needed', {env, subject})
      return password({message: translate(lang, `sign.prompt.${kind}`, {subject}), mask: true}, {output: process.stderr})
    },
  }
}
