import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {filterCatalogue, loadCatalogue, parseLevel, type ProcedureSummary, type SkippedFile} from '../../pipeline/procedure-catalogue.js'
import {BaseCommand} from '../../ui/base-command.js'
import {procedureDirFlag} from '../../ui/shared-flags.js'

export interface ProceduresListResult {
  total: number
  procedures: ProcedureSummary[]
  skipped: SkippedFile[]
}

export default class ProceduresList extends BaseCommand<typeof ProceduresList> {
  static override summary = 'List the procedures of the catalogue.'
  static override description =
    'The bundled catalogue (templates/procedures) plus, with --dir, imported schemas. Text search ignores diacritics: "dang ky thuong tru" finds "Đăng ký thường trú".'

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> "khai sinh"',
    '<%= config.bin %> <%= command.id %> --field "ho tich" --level xa --json',
    '<%= config.bin %> <%= command.id %> "dang ky thuong tru" --dir procedures/',
  ]

  static override args = {
    query: Args.string({description: 'words to look for in the code, name or field', required: false}),
  }

  static override flags = {
    field: Flags.string({description: 'only this field (lĩnh vực), e.g. "Hộ tịch" or "ho tich"'}),
    level: Flags.string({description: 'only this level: xa, huyen, tinh, bo or khac (xã, tỉnh… accepted)'}),
    dir: procedureDirFlag,
  }

  public async run(): Promise<ProceduresListResult> {
    const catalogue = await loadCatalogue(this.flags.dir)
    const procedures = filterCatalogue(catalogue.entries, {
      text: this.args.query,
      field: this.flags.field,
      level: this.flags.level === undefined ? undefined : parseLevel(this.flags.level),
    })
    const result = {total: procedures.length, procedures, skipped: catalogue.skipped}
    if (!this.jsonEnabled()) this.render(result)
    return result
  }

  private render(result: ProceduresListResult): void {
    for (const skipped of result.skipped) if (skipped.reason !== 'shadowed') this.warnLine(this.t('procedures.skipped', {...skipped}))
    if (result.total === 0) {
      this.log(this.t('procedures.none-found'))
      return
    }
    for (const item of result.procedures) {
      const field = item.field ? chalk.dim(` [${item.field}]`) : ''
      this.log(`${chalk.bold(item.code.padEnd(10))} ${item.name}${field}`)
    }
    this.log(chalk.dim(this.t('procedures.count', {count: result.total})))
  }
}
