import {Args} from '@oclif/core'
import chalk from 'chalk'

import {ExitCode} from '../../core/exit-codes.js'
import {maskIdsInText} from '../../core/citizen-id.js'
import {maskIdReport} from '../../core/id-value.js'
import {type IdReadResult, readIdCard} from '../../pipeline/id-read.js'
import {loadProvinces} from '../../tools/package-data.js'
import {BaseCommand} from '../../ui/base-command.js'
import {revealFlag} from '../../ui/shared-flags.js'
import {type WithRendered} from '../../ui/problems.js'

export type IdReadOutput = WithRendered<IdReadResult, 'problems'>

export default class IdRead extends BaseCommand<typeof IdRead> {
  static override summary = "Read the QR code of a chip ID card (CCCD) from a scan and print the card's fields."
  static override description =
    'Looks for the QR code on every page of the image or PDF, at the scan’s own resolution, and parses its payload like `sohoa id parse`. ID numbers are masked (001******345) unless --reveal. Exit 3 when no QR code is found, 4 when the payload is not valid.'

  static override examples = [
    '<%= config.bin %> <%= command.id %> scans/cccd.jpg',
    '<%= config.bin %> <%= command.id %> scans/cccd.pdf --reveal --json',
  ]

  static override args = {
    image: Args.string({description: 'scan of the ID card (JPEG, PNG, TIFF or PDF)', required: true}),
  }

  static override flags = {
    reveal: revealFlag,
  }

  public async run(): Promise<IdReadOutput> {
    const read = await readIdCard(this.args.image, {provinces: loadProvinces(), currentYear: new Date().getFullYear()})
    const shown: IdReadResult = this.flags.reveal ? read : {...read, ...maskIdReport(read), payload: maskIdsInText(read.payload)}
    const result: IdReadOutput = this.rendered(shown, 'problems')
    if (!this.jsonEnabled()) this.render(result)
    if (!result.valid) this.setExitCode(ExitCode.DossierInvalid)
    return result
  }

  private render(result: IdReadOutput): void {
    const label = (key: string): string => chalk.dim(`${this.t(`id.label.${key}`)}:`)
    this.log(chalk.dim(this.t('id-read.found', {file: `${result.file} p${result.page}`})))
    if (result.idNumber) this.log(`${label('number')} ${result.idNumber}`)
    if (result.province) this.log(`${label('province')} ${result.province.code} ${result.province.name}`)
    if (result.gender) this.log(`${label('gender')} ${this.t(`id.gender.${result.gender}`)}`)
    if (result.fields) {
      const {fullName, dateOfBirth, oldIdNumber, permanentAddress, issueDate} = result.fields
      this.log(`${label('full-name')} ${fullName}`)
      this.log(`${label('date-of-birth')} ${dateOfBirth}`)
      if (oldIdNumber) this.log(`${label('old-id')} ${oldIdNumber}`)
      if (permanentAddress) this.log(`${label('address')} ${permanentAddress}`)
      if (issueDate) this.log(`${label('issue-date')} ${issueDate}`)
    }
    for (const item of result.problems) this.log(`${chalk.red(this.t('label.error'))}: ${item.message}${item.hint ? chalk.dim(` (${item.hint})`) : ''}`)
    this.log(result.valid ? chalk.green(this.t('id.valid')) : chalk.red(this.t('id.invalid')))
  }
}
