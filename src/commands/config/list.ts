import {type ConfigListing, listConfig} from '../../pipeline/config.js'
import {BaseCommand} from '../../ui/base-command.js'

export default class ConfigList extends BaseCommand<typeof ConfigList> {
  static override summary = 'List every setting with its value and where it comes from.'
  static override examples = ['<%= config.bin %> config list', '<%= config.bin %> config list --json']

  public async run(): Promise<ConfigListing> {
    const result = await listConfig()
    this.log(this.t('config.file', {file: result.file}))
    for (const setting of result.settings) {
      const fromEnv = setting.source === 'env' ? this.t('config.from-env', {env: setting.env}) : undefined
      const source = fromEnv ?? (setting.source === 'file' ? this.t('config.from-file') : '')
      this.log(`${setting.key} = ${setting.value ?? '-'}${source ? `  (${source})` : ''}`)
    }
    return result
  }
}
