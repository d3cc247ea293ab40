import {Args, Flags} from '@oclif/core'
import chalk from 'chalk'

import {parseIsoDay} from '../../core/calendar.js'
import {UsageError} from '../../core/errors.js'
import {ExitCode} from '../../core/exit-codes.js'
import {inspectIdValue, type IdValueReport, maskIdReport} from '../../core/id-value.js'
import {loadProvinces} from '../../tools/package-data.js'
import {BaseCommand} from '../../ui/base-command.js'
import {escapeNonPrinting} from '../../ui/escape.js'
import {revealFlag} from '../../ui/shared-flags.js'
import {type WithRendered} from '../../ui/problems.js'

export type IdParseResult = WithRendered<IdValueReport, 'problems'>

export default class IdParse extends BaseCommand<typeof IdParse> {
  static override summary = 'Read a personal ID number, an old CMND number or an ID-card QR payload.'
  static override description =
    'Prints the birth-registration province, century, gender and birth year, or why the value is invalid (exit code 4). ID numbers are masked (001******345) unless --reveal.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> 001090012345',
    '<%= config.bin %> <%= command.id %> 001090012345 --dob 1990-05-01 --gender male --json',
    `<%= config.bin %> <%= command.id %> '001090012345||Nguyễn Văn An|01051990|Nam|Hà Nội|10102022' --reveal`,
  ]

  static override args = {
    value: Args.string({description: '12-digit personal ID, 9-digit CMND, or the text of the ID-card QR code', required: true}),
  }

  static override flags = {
    reveal: revealFlag,
    dob: Flags.string({description: 'date of birth to check the ID against (YYYY-MM-DD)'}),
    gender: Flags.option({options: ['male', 'female'] as const, description: 'gender to check the ID against'})(),
  }

  public async run(): Promise<IdParseResult> {
    if (this.flags.dob !== undefined && !parseIsoDay(this.flags.dob)) throw new UsageError('id.bad-dob', {value: this.flags.dob})
    const given = this.flags.dob !== undefined || this.flags.gender !== undefined
    const facts = given ? {dateOfBirth: this.flags.dob, gender: this.flags.gender} : undefined
    const report = inspectIdValue(this.args.value, {provinces: loadProvinces(), currentYear: new Date().getFullYear(), facts})
    const shown = this.flags.reveal ? report : maskIdReport(report)
    const result: IdParseResult = this.rendered(shown, 'problems')
    if (!this.jsonEnabled()) this.render(result)
    if (!result.valid) this.setExitCode(ExitCode.DossierInvalid)
    return result
  }

  /** Every value shown comes from what the user typed or scanned: escaped (src/ui/escape.ts). */
  private render(result: IdParseResult): void {
    const shown = (value: string | undefined): string => escapeNonPrinting(value ?? '')
    const label = (key: string): string => chalk.dim(`${this.t(`id.label.${key}`)}:`)
    this.log(`${label('kind')} ${this.t(`id.kind.${result.kind}`)}`)
    if (result.idNumber) this.log(`${label('number')} ${shown(result.idNumber)}`)
    if (result.province) this.log(`${label('province')} ${result.province.code} ${result.province.name}`)
    if (result.century !== undefined) this.log(`${label('century')} ${result.century}–${result.century + 99}`)
    if (result.gender) this.log(`${label('gender')} ${this.t(`id.gender.${result.gender}`)}`)
    if (result.birthYear !== undefined) this.log(`${label('birth-year')} ${result.birthYear}`)
    if (result.fields) {
      const {fullName, dateOfBirth, oldIdNumber, permanentAddress, issueDate} = result.fields
      this.log(`${label('full-name')} ${shown(fullName)}`)
      this.log(`${label('date-of-birth')} ${shown(dateOfBirth)}`)
      if (oldIdNumber) this.log(`${label('old-id')} ${shown(oldIdNumber)}`)
      if (permanentAddress) this.log(`${label('address')} ${shown(permanentAddress)}`)
      if (issueDate) this.log(`${label('issue-date')} ${shown(issueDate)}`)
    }
    for (const item of result.problems) {
      this.log(`${chalk.red(this.t('label.error'))}: ${item.message}${item.hint ? chalk.dim(` (${item.hint})`) : ''}`)
    }
    this.log(result.valid ? chalk.green(this.t('id.valid')) : chalk.red(this.t('id.invalid')))
  }
}
