import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {ExitCode} from '../core/exit-codes.js'
import {type RecordValidation, validateRecord} from '../pipeline/validate-record.js'
import {BaseCommand} from '../ui/base-command.js'
import {problemLine, type WithRendered} from '../ui/problems.js'
import {procedureDirFlag} from '../ui/shared-flags.js'

export type ValidateOutput = WithRendered<RecordValidation, 'issues'>

export default class Validate extends BaseCommand<typeof Validate> {
  static override summary = 'Check a dossier (a package or its sohoa.json record) against its procedure schema.'
  static override description =
    'Reports missing required components, counts, pages under 200 dpi or without colour, malformed ID numbers and dates, and a requester whose name or ID number disagrees with the ID card. Exit 4 when the dossier is not valid.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> out/000.00.00.H56-240315-0001',
    '<%= config.bin %> <%= command.id %> sohoa.json --procedure 1.001193 --json',
  ]

  static override args = {
    target: Args.string({description: 'a package folder (BagIt) or a sohoa.json record', required: true}),
  }

  static override flags = {
    procedure: Flags.string({description: 'procedure code to check against (default: the one in the record)'}),
    dir: procedureDirFlag,
  }

  public async run(): Promise<ValidateOutput> {
    const report = await validateRecord(this.args.target, {procedure: this.flags.procedure, proceduresDir: this.flags.dir})
    const result: ValidateOutput = this.rendered(report, 'issues')
    if (!this.jsonEnabled()) this.render(result)
    if (!result.valid) this.setExitCode(ExitCode.DossierInvalid)
    return result
  }

  private render(result: ValidateOutput): void {
    this.log(chalk.bold(`${result.procedure}  ${result.procedureName}`))
    if (result.caseName) this.log(chalk.dim(this.t('validate.case', {name: result.caseName})))
    for (const issue of result.issues) {
      const label = issue.severity === 'error' ? chalk.red(this.t('label.error')) : chalk.yellow(this.t('label.warning'))
      this.log(problemLine(issue, label))
    }
    const errors = result.issues.filter((issue) => issue.severity === 'error').length
    const warnings = result.issues.length - errors
    if (!result.valid) this.log(chalk.red(this.t('validate.invalid', {errors, warnings})))
    else if (warnings > 0) this.log(chalk.yellow(this.t('validate.with-warnings', {warnings})))
    else this.log(chalk.green(this.t('validate.valid', {documents: result.documents})))
  }
}
