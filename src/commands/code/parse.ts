import {Args} from '@oclif/core'
import chalk from 'chalk'

import {type CodeReport, inspectCode} from '../../core/code-kind.js'
import {ExitCode} from '../../core/exit-codes.js'
import {maskIdsInText} from '../../core/citizen-id.js'
import {loadLevel1Agencies} from '../../tools/package-data.js'
import {BaseCommand} from '../../ui/base-command.js'
import {type WithRendered} from '../../ui/problems.js'

export type CodeParseResult = WithRendered<CodeReport, 'problems'>

export default class CodeParse extends BaseCommand<typeof CodeParse> {
  static override summary = 'Check a code of SPEC §3: dossier, result, digitisation, procedure, result-type or agency code.'
  static override description = 'Prints its kind and parts, or why it is malformed (exit code 4). Owner IDs inside digitisation codes are masked.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 000.00.00.H56-240315-0001',
    '<%= config.bin %> <%= command.id %> 000.00.00.H56-240315-0001-KQ1 --json',
    '<%= config.bin %> <%= command.id %> 001090012345.1.001193.000.00.00.G15-KQ004389.01',
  ]

  static override args = {
    code: Args.string({description: 'the code to check', required: true}),
  }

  public async run(): Promise<CodeParseResult> {
    const report = inspectCode(this.args.code, loadLevel1Agencies())
    const masked: CodeReport = {
      ...report,
      value: maskIdsInText(report.value),
      ...(report.parts ? {parts: Object.fromEntries(Object.entries(report.parts).map(([key, part]) => [key, typeof part === 'string' ? maskIdsInText(part) : part]))} : {}),
    }
    const result: CodeParseResult = this.rendered(masked, 'problems')
    if (!this.jsonEnabled()) this.render(result)
    if (!result.valid) this.setExitCode(ExitCode.DossierInvalid)
    return result
  }

  private render(result: CodeParseResult): void {
    if (result.kind) this.log(`${chalk.bold(this.t(`code.kind.${result.kind}`))}: ${result.value}`)
    for (const [key, part] of Object.entries(result.parts ?? {})) this.log(`  ${chalk.dim(`${key}:`)} ${part}`)
    for (const item of result.problems) this.log(`${chalk.red(this.t('label.error'))}: ${item.message}${item.hint ? chalk.dim(` (${item.hint})`) : ''}`)
  }
}
