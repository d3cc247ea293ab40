import {Args} from '@oclif/core'
import chalk from 'chalk'

import {type ClassifyRun, classifyFiles} from '../pipeline/classify-files.js'
import {BaseCommand} from '../ui/base-command.js'
import {jobsFlag, preprocessFlags, preprocessOptions, splitFlag, revealFlag} from '../ui/shared-flags.js'

export default class Classify extends BaseCommand<typeof Classify> {
  static override summary = 'Split scanned pages into documents and tell each document’s kind, with evidence and fields.'
  static override description =
    'The files are read as one stack of pages, in the order given (a folder in natural name order). Documents end at blank separator sheets and start at a title page or an ID card (--split auto), or are one per file (--split per-file). A document whose kind is not clear is `unknown` and marked for review. ID numbers are masked unless --reveal.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> scans/',
    '<%= config.bin %> <%= command.id %> to-khai.pdf cccd.jpg --split per-file --json',
  ]

  static override strict = false
  static override args = {
    files: Args.string({description: 'Files or folders of page images / PDFs.', required: true}),
  }

  static override flags = {
    jobs: jobsFlag,
    split: splitFlag,
    reveal: revealFlag,
    ...preprocessFlags,
  }

  public async run(): Promise<ClassifyRun> {
    const result = await classifyFiles(this.argvList, {
      jobs: this.flags.jobs,
      split: this.flags.split,
      reveal: this.flags.reveal,
      preprocess: preprocessOptions(this.flags),
      reporter: this.reporter,
      progressLabel: this.t('classify.progress'),
    })
    const shown = {...result, failures: result.failures.map((failure) => ({...failure, message: this.t(failure.code, failure.params)}))}
    if (!this.jsonEnabled()) this.render(shown)
    this.setExitCode(result.exitCode)
    return shown
  }

  private render(result: ClassifyRun): void {
    for (const failure of result.failures) this.logToStderr(`${chalk.red(this.t('label.error'))}: ${failure.message}`)
    for (const doc of result.documents) {
      const pages = doc.pages.map((page) => `${page.file}#${page.page}`).join(', ')
      const line = this.t('classify.document', {index: doc.index, kind: doc.kind, confidence: doc.confidence.toFixed(2), pages})
      this.log(doc.review.length > 0 ? `${chalk.yellow(line)}  ${chalk.dim(this.t('classify.review', {reasons: doc.review.join(', ')}))}` : chalk.bold(line))
      for (const item of doc.evidence.filter((entry) => entry.weight > 0).slice(0, 3)) {
        this.log(chalk.dim(`    ${item.type} "${item.found}" (p${item.page} l${item.line}, ${item.match})`))
      }
      for (const [key, field] of Object.entries(doc.fields)) this.log(`    ${key}: ${field!.value} ${chalk.dim(`[${field!.source} p${field!.page}]`)}`)
    }
    if (result.pagesDropped.length > 0) {
      this.log(chalk.dim(this.t('classify.dropped', {pages: result.pagesDropped.map((page) => `${page.source.file}#${page.source.page}`).join(', ')})))
    }
  }
}
