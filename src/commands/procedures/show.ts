import {Args} from '@oclif/core'
import chalk from 'chalk'

import type {Component, ProcessingChannel, ProcedureSchema} from '../../core/procedure.js'
import {lookupProcedure, type Origin} from '../../pipeline/procedure-catalogue.js'
import {BaseCommand} from '../../ui/base-command.js'
import {procedureDirFlag} from '../../ui/shared-flags.js'

export interface ProceduresShowResult {
  origin: Origin
  file: string
  procedure: ProcedureSchema
}

export default class ProceduresShow extends BaseCommand<typeof ProceduresShow> {
  static override summary = 'Show one procedure: levels, field, channels with time and fees, results and dossier components by case.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> 1.001193',
    '<%= config.bin %> <%= command.id %> 3.000333 --json',
    '<%= config.bin %> <%= command.id %> 2.000815 --dir procedures/',
  ]

  static override args = {
    code: Args.string({description: 'procedure code, e.g. 1.001193 (any code of the catalogue)', required: true}),
  }

  static override flags = {
    dir: procedureDirFlag,
  }

  public async run(): Promise<ProceduresShowResult> {
    const entry = await lookupProcedure(this.args.code, this.flags.dir, {
      reporter: this.reporter,
      buildLabel: (file) => this.t('procedures.catalogue-building', {file}),
    })
    const result = {origin: entry.origin, file: entry.file, procedure: entry.schema}
    if (!this.jsonEnabled()) this.render(entry.schema, entry.origin)
    return result
  }

  private render(schema: ProcedureSchema, origin: Origin): void {
    this.log(chalk.bold(`${schema.code}  ${schema.name}`))
    if (schema.levels?.length) this.log(`${this.t('procedures.label.levels')}: ${schema.levels.join(', ')}`)
    if (schema.field) this.log(`${this.t('procedures.label.field')}: ${schema.field}${schema.fieldCode ? ` (${schema.fieldCode})` : ''}`)
    for (const result of schema.results) this.log(`${this.t('procedures.label.results')}: ${result.code ?? '—'}  ${result.name}`)
    if (schema.processing?.length) {
      this.log(`${this.t('procedures.label.processing')}:`)
      for (const channel of schema.processing) this.log(`  • ${this.channelLine(channel)}`)
    }
    for (const entry of schema.cases) {
      this.log('')
      this.log(chalk.underline(`${this.t('procedures.label.case')}: ${entry.name || this.t('procedures.label.default-case')}`))
      for (const component of entry.components) this.log(this.componentLine(component))
    }
    const source = [this.t(`procedures.label.origin.${origin}`), schema.source?.url].filter(Boolean).join(' · ')
    this.log(chalk.dim(`\n${this.t('procedures.label.source')}: ${source}`))
  }

  private channelLine(channel: ProcessingChannel): string {
    const time = channel.time
      ? this.t('procedures.label.time', {time: `${channel.time.value} ${this.t(`procedures.label.unit.${channel.time.unit}`)}`})
      : this.t('procedures.label.no-time')
    const fees = channel.fees
      ? this.t('procedures.label.fees', {
          fees: channel.fees.map((fee) => `${fee.name} ${fee.amount.toLocaleString('vi-VN')} ${fee.currency}`).join('; '),
        })
      : this.t('procedures.label.no-fees')
    return `${this.t(`procedures.label.channel.${channel.channel}`)}: ${time} · ${fees}`
  }

  private componentLine(component: Component): string {
    const code = component.codeSource === 'local' ? `${component.code} (${this.t('procedures.label.local-code')})` : component.code
    const flags = [
      this.t(`procedures.label.${component.mode}`),
      this.t(component.required ? 'procedures.label.required' : 'procedures.label.optional'),
      this.t('procedures.label.counts', {originals: component.originals, copies: component.copies}),
      ...(component.kinds.length > 0 ? [component.kinds.join('/')] : []),
    ]
    const name = component.name.length > 160 ? `${component.name.slice(0, 159)}…` : component.name
    return `  • ${chalk.cyan(code)}  ${name}\n    ${chalk.dim(flags.join(' · '))}`
  }
}
