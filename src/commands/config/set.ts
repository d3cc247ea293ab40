import {Args} from '@oclif/core'

import {type ConfigChange, setConfig} from '../../pipeline/config.js'
import {BaseCommand} from '../../ui/base-command.js'

export default class ConfigSet extends BaseCommand<typeof ConfigSet> {
  static override summary = 'Store a setting (agency, signer profile) in the user config file.'
  static override description =
    'Keys: agency, signer.name, signer.agency, signer.p12, signer.pkcs11-module, signer.slot, signer.key-label, ' +
    'scanner.device, scanner.source (flatbed, adf, duplex), scanner.resolution. ' +
    'Each can also come from its SOHOA_* variable (which wins over the file); command flags win over both. ' +
    'Passwords and PINs are never stored.'

  static override examples = [
    '<%= config.bin %> config set signer.name "Nguyễn Thị Hoa"',
    '<%= config.bin %> config set signer.agency "UBND xã Đông Sơn"',
    '<%= config.bin %> config set signer.pkcs11-module /usr/lib/x86_64-linux-gnu/libviettel-ca.so',
  ]

  static override args = {
    key: Args.string({description: 'Setting name, e.g. signer.name.', required: true}),
    value: Args.string({description: 'Its value.', required: true}),
  }

  public async run(): Promise<ConfigChange> {
    const result = await setConfig(this.args.key, this.args.value)
    this.log(this.t('config.set', {key: result.key, value: result.value!, file: result.file}))
    return result
  }
}
