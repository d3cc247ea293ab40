import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {PROCEDURE_LEVELS} from '../../core/procedure.js'
import {
  filterCatalogue,
  loadCatalogue,
  parseLevel,
  type Origin,
  type ProcedureSummary,
  type SkippedFile,
} from '../../pipeline/procedure-catalogue.js'
import {BaseCommand} from '../../ui/base-command.js'
import {procedureDirFlag} from '../../ui/shared-flags.js'

export interface ProceduresListResult {
  total: number
  /** How many procedures of the whole catalogue come from each origin (before filtering). */
  catalogue: Record<Origin, number>
  procedures: ProcedureSummary[]
  skipped: SkippedFile[]
}

export default class ProceduresList extends BaseCommand<typeof ProceduresList> {
  static override summary = 'Search the procedure catalogue: every national procedure, curated ones first in their own right.'
  static override description =
    'The whole catalogue: the national procedures published on the DVCQG portal and in the procedures database ' +
    '(shipped in templates/sources, built on first use into the user cache directory), the curated commune-level schemas ' +
    '(templates/procedures, which win over the national entry of the same code) and, with --dir, imported schemas. ' +
    'Search ignores diacritics ("cap phieu ly lich tu phap" finds "Cấp Phiếu lý lịch tư pháp"); ' +
    'procedures whose name holds the words as a phrase come first.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> "cap phieu ly lich tu phap"',
    '<%= config.bin %> <%= command.id %> "khai sinh" --level xa',
    '<%= config.bin %> <%= command.id %> --field "ho tich" --level xa --json',
    '<%= config.bin %> <%= command.id %> "dang ky thuong tru" --dir procedures/',
  ]

  static override args = {
    query: Args.string({description: 'words to look for in the code, name or field (diacritics optional)', required: false}),
  }

  static override flags = {
    field: Flags.string({description: 'only this field (lĩnh vực), e.g. "Hộ tịch" or "ho tich"'}),
    level: Flags.string({description: `only this level: ${PROCEDURE_LEVELS.join(', ')} (xã, tỉnh, "Cấp bộ"… accepted)`}),
    dir: procedureDirFlag,
  }

  public async run(): Promise<ProceduresListResult> {
    const level = this.flags.level === undefined ? undefined : parseLevel(this.flags.level)
    const catalogue = await loadCatalogue(this.flags.dir, {
      reporter: this.reporter,
      buildLabel: (file) => this.t('procedures.catalogue-building', {file}),
    })
    const procedures = filterCatalogue(catalogue.entries, {text: this.args.query, field: this.flags.field, level})
    const counts: Record<Origin, number> = {bundled: 0, imported: 0, national: 0}
    for (const entry of catalogue.entries) counts[entry.origin] += 1
    const result = {total: procedures.length, catalogue: counts, procedures, skipped: catalogue.skipped}
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
      const levels = (item.levels.length > 0 ? item.levels.join(',') : '—').padEnd(8)
      const field = item.field ? chalk.dim(` [${item.field}]`) : ''
      const name = item.name.length > 140 ? `${item.name.slice(0, 139)}…` : item.name
      this.log(`${chalk.bold(item.code.padEnd(10))} ${chalk.cyan(levels)} ${name}${field}`)
    }
    this.log(chalk.dim(this.t('procedures.count', {count: result.total})))
  }
}
