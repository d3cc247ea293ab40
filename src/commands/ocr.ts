import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import type {DroppedPage, PageResult} from '../core/page.js'
import {type OcrRun, ocrFiles} from '../pipeline/ocr.js'
import {BaseCommand} from '../ui/base-command.js'
import {followLinksFlag, jobsFlag, outFlag, preprocessFlags, preprocessOptions} from '../ui/shared-flags.js'

export default class Ocr extends BaseCommand<typeof Ocr> {
  static override summary = 'Make searchable PDFs and text from scanned pages (JPEG, PNG, TIFF, PDF).'
  static override description =
    'Each input file (or each file in an input folder; symbolic links only with --follow-links) becomes <name>.pdf with an invisible Vietnamese text layer over the original image, and <name>.txt (UTF-8, NFC). Runs fully offline. Pages of PDFs that already carry text are kept as they are unless --force-ocr. Scanned pages are turned upright, straightened and freed of dark scanner borders first (each correction is listed per page in --json); blank pages (duplex backs) are left out and listed under pagesDropped, also where they are a file of their own (that file gets no output and the status "blank"); --keep-blank keeps them. An existing output is not replaced without --force, and an input never; two inputs of the same name get page.pdf and page-2.pdf.'

  static override examples = [
    '<%= config.bin %> ocr scans/trang1.jpg scans/trang2.jpg --out out',
    '<%= config.bin %> ocr scans/ --out out --jobs 2',
    '<%= config.bin %> ocr hoso.pdf --out out --force-ocr --json',
    '<%= config.bin %> ocr scans/ --out out --no-deskew --keep-blank',
  ]

  static override strict = false
  static override args = {
    files: Args.string({description: 'Files or folders of page images / PDFs.', required: true}),
  }

  static override flags = {
    out: outFlag,
    jobs: jobsFlag,
    'force-ocr': Flags.boolean({summary: 'OCR PDF pages even when they already have a text layer.', default: false}),
    force: Flags.boolean({summary: 'Replace outputs that already exist in --out (an input is never overwritten).', default: false}),
    'follow-links': followLinksFlag,
    ...preprocessFlags,
  }

  public async run(): Promise<OcrRun> {
    const result = await ocrFiles(this.argvList, {
      outDir: this.flags.out,
      jobs: this.flags.jobs,
      forceOcr: this.flags['force-ocr'],
      force: this.flags.force,
      followLinks: this.flags['follow-links'],
      preprocess: preprocessOptions(this.flags),
      software: this.software,
      reporter: this.reporter,
      progressLabel: this.t('ocr.progress'),
    })
    if (!this.jsonEnabled()) this.render(result)
    this.setExitCode(result.exitCode)
    return this.withMessages(result)
  }

  /** Failures carry their translated message next to the stable code. */
  private withMessages(result: OcrRun): OcrRun {
    const files = result.files.map((outcome) =>
      outcome.status === 'failed' ? {...outcome, error: {...outcome.error, message: this.t(outcome.error.code, outcome.error.params)}} : outcome,
    )
    return {...result, files}
  }

  private render(result: OcrRun): void {
    for (const outcome of result.files) {
      if (outcome.status === 'failed') {
        this.logToStderr(`${chalk.red(this.t('label.error'))}: ${this.t(outcome.error.code, outcome.error.params)}`)
        continue
      }
      if (outcome.status === 'blank') {
        this.log(chalk.yellow(this.t('ocr.file-blank', {file: outcome.file, pages: outcome.pagesDropped.length})))
        continue
      }
      const ocrPages = outcome.pages.filter((page) => page.confidence !== null)
      for (const page of outcome.pages.filter((p) => p.textSource === 'existing')) {
        this.log(chalk.dim(this.t('ocr.page-has-text', {file: page.source.file, page: page.source.page})))
      }
      this.renderCorrections(outcome.pages, outcome.pagesDropped)
      const done = {file: outcome.file, pages: outcome.pages.length, output: outcome.pdf}
      if (ocrPages.length === 0) this.log(this.t('ocr.file-done-unread', done))
      else this.log(this.t('ocr.file-done', {...done, confidence: Math.round(ocrPages.reduce((sum, page) => sum + page.confidence!, 0) / ocrPages.length)}))
    }
    const ok = result.files.filter((outcome) => outcome.status !== 'failed').length
    this.log(this.t('ocr.summary', {ok, total: result.files.length, seconds: result.seconds}))
  }

  /** One dim line per page that preprocessing changed, a warning per page it was unsure of. */
  private renderCorrections(pages: PageResult[], dropped: DroppedPage[]): void {
    for (const page of pages) {
      const where = {file: page.source.file, page: page.source.page}
      if (page.rotation !== 0) this.log(chalk.dim(this.t('preprocess.page-rotated', {...where, rotation: page.rotation})))
      if (page.skew !== 0) this.log(chalk.dim(this.t('preprocess.page-deskewed', {...where, skew: page.skew})))
      if (page.crop) this.log(chalk.dim(this.t('preprocess.page-cropped', where)))
      if (page.orientationUncertain) {
        this.logToStderr(chalk.yellow(this.t('preprocess.orientation-uncertain', {...where, confidence: page.orientationConfidence ?? '-'})))
      }
    }
    for (const page of dropped) this.log(chalk.yellow(this.t('preprocess.page-dropped', {file: page.source.file, page: page.source.page})))
    if (pages.length > 0 && pages.every((page) => page.blank) && dropped.length === 0 && pages.some((page) => page.textSource === 'none')) {
      this.log(chalk.yellow(this.t('preprocess.all-blank', {file: pages[0]!.source.file})))
    }
  }
}
