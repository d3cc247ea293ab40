import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {ExitCode} from '../../core/exit-codes.js'
import {type ImportReport, importProcedures, type RecordReport} from '../../pipeline/procedure-import.js'
import {BaseCommand} from '../../ui/base-command.js'
import {type WithRendered} from '../../ui/problems.js'

export interface ImportResult extends Omit<ImportReport, 'records'> {
  records: Array<WithRendered<RecordReport, 'problems'>>
}

export default class ProceduresImport extends BaseCommand<typeof ProceduresImport> {
  static override summary = 'Import published procedure records as procedure schemas, one file per procedure.'
  static override description =
    'Reads the DVCQG portal crawl (JSON Lines), LayThuTuc-shaped JSON (MATTHC, THANHPHANHOSO, KETQUATHUCHIEN) or the procedures-database export (ma_tthc, tphs, kqth). Each schema is linted before it is written; the report lists, per record, what could not be read. Exit code 5 when some records could not be imported.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> templates/sources/dvcqg-crawl.procedures.jsonl.gz --out procedures/',
    '<%= config.bin %> <%= command.id %> thu-tuc.json --out procedures/ --json',
  ]

  static override args = {
    file: Args.string({description: 'records to import (.jsonl or .json)', required: true}),
  }

  static override flags = {
    out: Flags.directory({description: 'folder to write <code>.json files into (created if missing)', required: true}),
  }

  public async run(): Promise<ImportResult> {
    const report = await importProcedures({input: this.args.file, out: this.flags.out})
    const result: ImportResult = {
      ...report,
      records: report.records.map((record) => this.rendered(record, 'problems')),
    }
    if (!this.jsonEnabled()) this.render(result)
    if (report.failed > 0) this.setExitCode(report.written > 0 ? ExitCode.BatchPartlyFailed : ExitCode.DossierInvalid)
    return result
  }

  private render(result: ImportResult): void {
    for (const record of result.records) {
      if (record.status === 'written') continue
      const first = record.problems.find((item) => item.severity === 'error') ?? record.problems[0]
      this.logToStderr(
        chalk.yellow(this.t('import.record-failed', {index: record.index, code: record.code ?? '?', message: first?.message ?? record.status})),
      )
    }
    const percent = (result.coverage * 100).toFixed(1)
    this.log(this.t('import.summary', {written: result.written, total: result.total, out: result.out, percent, failed: result.failed}))
  }
}
