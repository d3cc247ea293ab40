import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {ExitCode} from '../core/exit-codes.js'
import {verifyBag, type VerifyReport} from '../pipeline/verify.js'
import {BaseCommand} from '../ui/base-command.js'
import {problemLine, type WithRendered} from '../ui/problems.js'
import {signatureLine} from '../ui/signature-lines.js'

export type VerifyResult = WithRendered<VerifyReport, 'problems'>

export default class Verify extends BaseCommand<typeof Verify> {
  static override summary = 'Check a dossier package: BagIt checksums, required files, JSON schemas, path safety, PDFs, signatures.'
  static override description =
    'Full mode (default) recomputes every SHA-256 in the manifests and finds unlisted files; --fast checks only the Payload-Oxum ' +
    '(total size and file count). Every PDF signature is checked (byte range, CMS digest, signature, certificate valid at signing ' +
    'time; the chain with --trust); unsigned PDFs are reported, and fail only with --require-signed. Exit 6 lists what failed.'

  static override examples = [
    '<%= config.bin %> verify out/000.00.00.H56-240315-0001',
    '<%= config.bin %> verify out/000.00.00.H56-240315-0001 --fast --json',
    '<%= config.bin %> verify out/000.00.00.H56-240315-0001 --require-signed --trust ca-chain.pem',
  ]

  static override args = {
    bag: Args.string({description: 'The package folder (named by its dossier code).', required: true}),
  }

  static override flags = {
    fast: Flags.boolean({summary: 'Check only the Payload-Oxum, not every checksum.', default: false}),
    'require-signed': Flags.boolean({
      summary: 'Fail when a document PDF carries no signature (default: report it as unsigned).',
      default: false,
    }),
    trust: Flags.file({summary: 'PEM file of trusted CA certificates: every signer must chain to one of them.', exists: true}),
  }

  public async run(): Promise<VerifyResult> {
    const signatureOptions = {requireSigned: this.flags['require-signed'], trust: this.flags.trust}
    const report = await verifyBag(this.args.bag, this.flags.fast ? 'fast' : 'full', signatureOptions)
    const result = this.rendered(report, 'problems')
    if (!this.jsonEnabled()) {
      for (const document of result.signatures) this.log(signatureLine(document, this.lang))
      if (result.valid) this.log(chalk.green(this.t('verify.ok', {bag: result.bag, mode: result.mode, files: result.files})))
      else {
        this.log(chalk.red(this.t('verify.failed', {bag: result.bag, count: result.problems.length})))
        for (const item of result.problems) this.log(problemLine(item, chalk.red(this.t('label.error'))))
      }
    }
    this.setExitCode(result.valid ? ExitCode.Ok : ExitCode.VerificationFailed)
    return result
  }
}
