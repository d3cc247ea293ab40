import {Args} from '@oclif/core'
import chalk from 'chalk'

import {ExitCode} from '../../core/exit-codes.js'
import {lintFiles, type LintReport} from '../../pipeline/schema-lint.js'
import {BaseCommand} from '../../ui/base-command.js'
import {problemLine, type RenderedProblem} from '../../ui/problems.js'

export interface SchemaLintResult extends Omit<LintReport, 'files'> {
  files: Array<{file: string; valid: boolean; problems: RenderedProblem[]}>
}

export default class SchemaLint extends BaseCommand<typeof SchemaLint> {
  static override summary = 'Check procedure schema files: structure (JSON Schema) and meaning.'
  static override description =
    'Each problem comes with its JSON pointer, the rule broken and a hint. Exit code 4 when any file has an error, 3 when a file cannot be read.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> templates/procedures/1.001193.json',
    '<%= config.bin %> <%= command.id %> my-procedures/*.json --json',
  ]

  static override strict = false
  static override args = {
    files: Args.string({description: 'procedure schema files (JSON)', required: true}),
  }

  public async run(): Promise<SchemaLintResult> {
    const {argv} = await this.parse(SchemaLint)
    const report = await lintFiles(argv as string[])
    const result: SchemaLintResult = {
      ...report,
      files: report.files.map(({file, valid, problems}) => this.rendered({file, valid, problems}, 'problems')),
    }
    if (!this.jsonEnabled()) this.render(result)
    if (report.files.some((file) => file.unreadable)) this.setExitCode(ExitCode.UnreadableInput)
    else if (!report.valid) this.setExitCode(ExitCode.DossierInvalid)
    return result
  }

  private render(result: SchemaLintResult): void {
    for (const file of result.files) {
      if (file.problems.length === 0) {
        this.log(chalk.green(this.t('lint.file-ok', {file: file.file})))
        continue
      }
      this.log(chalk.bold(file.file))
      for (const item of file.problems) {
        const label = this.t(`label.severity.${item.severity}`)
        this.log(problemLine(item, item.severity === 'error' ? chalk.red(label) : chalk.yellow(label)))
      }
    }
    this.log(this.t('lint.summary', {files: result.files.length, errors: result.errors, warnings: result.warnings}))
  }
}
