import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {maskIdsInText} from '../core/citizen-id.js'
import {UsageError} from '../core/errors.js'
import {loadSettings} from '../pipeline/config.js'
import {runDossier, type RunResult} from '../pipeline/run-dossier.js'
import {BaseCommand} from '../ui/base-command.js'
import {problemLine, type WithRendered} from '../ui/problems.js'
import {reviewSheetRenderer} from '../ui/review-sheet.js'
import {signingFlags, withFlagSigning} from '../ui/signing-flags.js'
import {
  agencyFlag,
  dataDirFlag,
  followLinksFlag,
  jobsFlag,
  outFlag,
  preprocessFlags,
  preprocessOptions,
  procedureDirFlag,
  splitFlag,
} from '../ui/shared-flags.js'

export type RunCommandResult = WithRendered<RunResult, 'issues'>

export default class Run extends BaseCommand<typeof Run> {
  static override summary = 'Digitise one dossier: OCR, split, classify, code, validate and package it for the one-stop system.'
  static override description =
    'The input is a folder of page files (natural name order) or one multi-page file. The result is a BagIt package named by the new dossier code in --out, with a searchable PDF/A per document named by its digitisation code, its text, sohoa.json and the DVCQG record hoso.json. An invalid dossier is still packaged, with its issues recorded, and exits 4 (not packaged with --strict).'

  static override examples = [
    '<%= config.bin %> run samples/ho-so-khai-sinh --procedure 1.001193 --agency 000.00.00.H56 --out out',
    'SOHOA_AGENCY=000.00.00.H56 <%= config.bin %> run scans/hoso-17 --procedure 1.004222 --out out --json',
    '<%= config.bin %> run scans/hoso-17 --procedure 1.001193 --agency 000.00.00.H56 --out preview --review-only',
    '<%= config.bin %> run hoso.pdf --procedure 1.000656 --agency H56.24 --out out --owner-id 038085001234 --strict',
    'SOHOA_SIGN_PASSWORD=… <%= config.bin %> run scans/hoso-17 -p 1.001193 --agency 000.00.00.H56 --out out --sign-p12 ~/keys/hoa.p12',
    '<%= config.bin %> run scans/hoso-17 -p 1.001193 --out out --sign-pkcs11 /usr/lib/softhsm/libsofthsm2.so --key-label so-hoa',
  ]

  static override args = {
    input: Args.string({description: 'Folder of page files, or one file (JPEG, PNG, TIFF, PDF).', required: true}),
  }

  static override flags = {
    procedure: Flags.string({char: 'p', summary: 'Procedure code (mã TTHC), e.g. 1.001193.', required: true}),
    agency: agencyFlag(),
    out: outFlag,
    jobs: jobsFlag,
    split: splitFlag,
    ...preprocessFlags,
    'force-ocr': Flags.boolean({summary: 'OCR PDF pages even when they already have a text layer.', default: false}),
    'follow-links': followLinksFlag,
    'owner-id': Flags.string({summary: "The applicant's 12-digit personal ID, when the papers do not show it clearly."}),
    strict: Flags.boolean({summary: 'Do not package a dossier that fails validation.', default: false}),
    'review-only': Flags.boolean({
      summary: 'Write only the review sheet, <out>/review.html (no package, no dossier code), to check the papers first.',
      default: false,
      exclusive: ['strict', 'sign', 'sign-p12', 'sign-pkcs11'],
    }),
    'allow-low-dpi': Flags.boolean({summary: 'Accept pages under 200 dpi with a warning instead of an error.', default: false}),
    'data-dir': dataDirFlag,
    dir: procedureDirFlag,
    ...signingFlags,
  }

  public async run(): Promise<RunCommandResult> {
    const {flags} = this
    const settings = await loadSettings()
    const agency = flags.agency ?? settings.agency
    if (!agency) throw new UsageError('run.agency-required')
    const signingContext = {settings, lang: this.lang, fallbackAgency: agency, appName: this.software}
    const result = await withFlagSigning(flags, signingContext, (signing) => runDossier({
      input: this.args.input,
      procedure: flags.procedure,
      agency,
      outDir: flags.out,
      jobs: flags.jobs,
      split: flags.split,
      forceOcr: flags['force-ocr'],
      followLinks: flags['follow-links'],
      preprocess: preprocessOptions(flags),
      ownerId: flags['owner-id'],
      strict: flags.strict,
      allowLowDpi: flags['allow-low-dpi'],
      dataDir: flags['data-dir'],
      proceduresDir: flags.dir,
      software: this.software,
      reporter: this.reporter,
      progressLabel: this.t('run.progress'),
      signing,
      renderReview: reviewSheetRenderer(this.lang),
      reviewOnly: flags['review-only'],
    }))
    const rendered: RunCommandResult = this.rendered(result, 'issues')
    if (!this.jsonEnabled()) this.render(rendered)
    this.setExitCode(result.exitCode)
    return rendered
  }

  private render(result: RunCommandResult): void {
    if (result.reviewSheet && !result.package) {
      this.log(this.t('run.review-only', {path: result.reviewSheet}))
    } else if (result.package) {
      this.log(this.t('run.packaged', {code: result.dossierCode!, procedure: result.procedure.code, documents: result.documents.length, path: result.package}))
    } else {
      this.log(chalk.red(this.t('run.not-packaged')))
    }
    for (const document of result.documents) {
      const confidence = Math.round(document.confidence * 100)
      const line = this.t('run.document', {code: maskIdsInText(document.code), kind: document.kind, confidence, pages: document.pages})
      this.log(document.review.length > 0 ? chalk.yellow(line) : line)
    }
    for (const dropped of result.pagesDropped) this.log(chalk.dim(this.t('run.page-dropped', {...dropped.source})))
    const errors = result.issues.filter((issue) => issue.severity === 'error')
    this.log(result.valid ? chalk.green(this.t('run.valid')) : chalk.red(this.t('run.invalid', {count: errors.length})))
    for (const issue of result.issues) {
      const label = issue.severity === 'error' ? chalk.red(this.t('label.error')) : chalk.yellow(this.t('label.warning'))
      this.log(problemLine(issue, label))
    }
  }
}
