import {Args} from '@oclif/core'

import type {ResolvedSetting} from '../../core/config-keys.js'
import {getConfig} from '../../pipeline/config.js'
import {BaseCommand} from '../../ui/base-command.js'

export default class ConfigGet extends BaseCommand<typeof ConfigGet> {
  static override summary = 'Show the value a setting has now, and where it comes from (environment or file).'
  static override examples = ['<%= config.bin %> config get signer.name', '<%= config.bin %> config get agency --json']

  static override args = {
    key: Args.string({description: 'Setting name, e.g. signer.name.', required: true}),
  }

  public async run(): Promise<ResolvedSetting & {file: string}> {
    const result = await getConfig(this.args.key)
    if (result.value === undefined) this.log(this.t('config.not-set', {key: result.key, env: result.env}))
    else this.log(result.value)
    return result
  }
}
