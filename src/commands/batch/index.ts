import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import type {DossierFailure} from '../../core/batch.js'
import {UsageError} from '../../core/errors.js'
import {type BatchResult, runBatch} from '../../pipeline/batch/run-batch.js'
import {loadSettings} from '../../pipeline/config.js'
import {runQueuedBatch} from '../../pipeline/queue/enqueue.js'
import {reviewSheetRenderer} from '../../ui/review-sheet.js'
import {BaseCommand} from '../../ui/base-command.js'
import {renderBatchTable} from '../../ui/batch-table.js'
import {createBatchReporter} from '../../ui/batch-progress.js'
import {translate} from '../../ui/i18n.js'
import {queueFlag, shareFlag, waitRedisFlag} from '../../ui/queue-flags.js'
import {
  agencyFlag,
  dataDirFlag,
  jobsFlag,
  outFlag,
  preprocessFlags,
  preprocessOptions,
  procedureDirFlag,
  splitFlag,
} from '../../ui/shared-flags.js'
import {signingFlags, withFlagSigning} from '../../ui/signing-flags.js'

export default class Batch extends BaseCommand<typeof Batch> {
  static override summary = 'Digitise many dossiers in one resumable run: one OCR pool, a journal, a report an auditor can read.'
  static override description =
    'Every immediate subfolder (or single multi-page file) of <root> is one dossier; or list them in a CSV manifest ' +
    '(input,procedure[,agency,owner_id,split]). Bags go to --out as with run. The journal in <out>/.sohoa-batch lets the same ' +
    'command, run again after a crash or kill, resume: packaged dossiers are checked and skipped, others redone from their last ' +
    'finished stage, and no dossier code is given twice. One bad dossier fails alone. Writes <out>/batch-report.json and ' +
    'batch-report.csv. Exit 0 all valid, 4 some invalid (all packaged), 5 some failed. With --queue, one job per dossier goes to ' +
    'the queue for `sohoa worker` on any number of machines, and the run is followed to the same report and exit codes.'

  static override examples = [
    '<%= config.bin %> batch scans/2019 --procedure 1.001193 --agency 000.00.00.H56 --out out',
    '<%= config.bin %> batch --manifest dossiers.csv --agency 000.00.00.H56 --out out --jobs 2 --json',
    'SOHOA_SIGN_PASSWORD=… <%= config.bin %> batch scans/2019 -p 1.001193 --agency 000.00.00.H56 --out out --sign-p12 ~/keys/hoa.p12',
    '<%= config.bin %> batch status out',
    '<%= config.bin %> batch /mnt/share/scans/2019 -p 1.001193 --agency 000.00.00.H56 --out /mnt/share/out --queue redis://10.0.0.5:6379/0 --share /mnt/share',
  ]

  static override args = {
    root: Args.string({description: 'Folder whose subfolders (or multi-page files) are the dossiers.', required: false}),
  }

  static override flags = {
    out: outFlag,
    manifest: Flags.file({
      summary: 'CSV of dossiers: input,procedure[,agency,owner_id,split]; inputs relative to <root> or to the CSV.',
      exists: false,
    }),
    procedure: Flags.string({
      char: 'p',
      summary: 'Procedure code for dossiers the manifest does not give one (every dossier without --manifest).',
    }),
    agency: agencyFlag(),
    jobs: jobsFlag,
    split: splitFlag,
    ...preprocessFlags,
    'force-ocr': Flags.boolean({summary: 'OCR PDF pages even when they already have a text layer.', default: false}),
    'allow-low-dpi': Flags.boolean({summary: 'Accept pages under 200 dpi with a warning instead of an error.', default: false}),
    'timeout-per-page': Flags.integer({
      summary: 'Seconds a page may take in OCR before its dossier fails.',
      min: 1,
      default: 300,
      env: 'SOHOA_TIMEOUT_PER_PAGE',
    }),
    'data-dir': dataDirFlag,
    dir: procedureDirFlag,
    ...signingFlags,
    queue: queueFlag,
    share: shareFlag,
    'wait-redis': waitRedisFlag,
  }

  public async run(): Promise<BatchResult> {
    const {flags} = this
    if (!this.args.root && !flags.manifest) throw new UsageError('batch.root-required')
    const settings = await loadSettings()
    const agency = flags.agency ?? settings.agency
    if (!agency) throw new UsageError('run.agency-required')
    const lang = this.lang
    const common = {
      renderReview: reviewSheetRenderer(lang),
      root: this.args.root,
      manifest: flags.manifest,
      outDir: flags.out,
      procedure: flags.procedure,
      agency,
      split: flags.split,
      forceOcr: flags['force-ocr'],
      preprocess: preprocessOptions(flags),
      allowLowDpi: flags['allow-low-dpi'],
      timeoutPerPageMs: flags['timeout-per-page'] * 1000,
      dataDir: flags['data-dir'],
      software: this.software,
      progress: createBatchReporter(this.jsonEnabled(), this.t('batch.progress')),
      explain: (failure: DossierFailure) => translate(lang, failure.code, failure.params),
    }
    if (flags.queue) {
      if (flags.sign || flags['sign-p12'] || flags['sign-pkcs11']) throw new UsageError('queue.sign-on-worker')
      const queued = await runQueuedBatch({...common, queueUrl: flags.queue, share: flags.share, waitRedisMs: flags['wait-redis'] * 1000})
      return this.report(queued)
    }
    // The key is opened (password or PIN asked) before any dossier is read.
    const signingContext = {settings, lang, fallbackAgency: agency, appName: this.software}
    const result = await withFlagSigning(flags, signingContext, async (signing) =>
      runBatch({...common, jobs: flags.jobs, proceduresDir: flags.dir, signing}),
    )
    return this.report(result)
  }

  private report(result: BatchResult): BatchResult {
    if (!this.jsonEnabled()) {
      this.log(renderBatchTable(result.rows, this.lang))
      const {totals} = result
      const line = this.t('batch.summary', {...totals, seconds: result.seconds, rate: result.pagesPerMinute})
      this.log(result.exitCode === 0 ? chalk.green(line) : result.exitCode === 4 ? chalk.yellow(line) : chalk.red(line))
      this.log(chalk.dim(this.t('batch.reports', {json: result.reportJson, csv: result.reportCsv})))
    }
    this.setExitCode(result.exitCode)
    return result
  }
}
