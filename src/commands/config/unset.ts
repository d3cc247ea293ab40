import {Args} from '@oclif/core'

import {type ConfigChange, unsetConfig} from '../../pipeline/config.js'
import {BaseCommand} from '../../ui/base-command.js'

export default class ConfigUnset extends BaseCommand<typeof ConfigUnset> {
  static override summary = 'Remove a stored setting.'
  static override examples = ['<%= config.bin %> config unset signer.p12']

  static override args = {
    key: Args.string({description: 'Setting name, e.g. signer.p12.', required: true}),
  }

  public async run(): Promise<ConfigChange> {
    const result = await unsetConfig(this.args.key)
    this.log(this.t('config.unset', {key: result.key, file: result.file}))
    return result
  }
}
