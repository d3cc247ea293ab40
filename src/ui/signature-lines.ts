/** One terminal line per document PDF for `verify`: signed by whom, valid or not, or unsigned. */
import chalk from 'chalk'

import type {DocumentSignatures} from '../pipeline/verify-signatures.js'
import {type Lang, translate} from './i18n.js'

export function signatureLine(document: DocumentSignatures, lang: Lang): string {
  if (!document.signed) return chalk.yellow(translate(lang, 'verify.unsigned', {file: document.file}))
  return document.signatures
    .map((signature) => {
      const params = {file: document.file, signer: signature.signer ?? '-', time: signature.signedAt ?? '-'}
      if (!signature.valid) return chalk.red(translate(lang, 'verify.signature-bad', params))
      const key = signature.trusted === true ? 'verify.signature-trusted' : 'verify.signature-ok'
      return chalk.green(translate(lang, key, params))
    })
    .join('\n')
}
