import {Args} from '@oclif/core'

import {loadSettings} from '../pipeline/config.js'
import {packWorkdir, type PackResult} from '../pipeline/pack-workdir.js'
import {BaseCommand} from '../ui/base-command.js'
import {outFlag} from '../ui/shared-flags.js'
import {signingFlags, withFlagSigning} from '../ui/signing-flags.js'

export default class Pack extends BaseCommand<typeof Pack> {
  static override summary = 'Build a dossier package (BagIt bag) from a work folder.'
  static override description =
    "The work folder holds what goes into the bag's data/: sohoa.json, documents/<code>.pdf, text/<code>.txt and optionally hoso.json (rebuilt from sohoa.json when absent). The bag is named by the dossier code and appears in --out only when complete."

  static override examples = [
    '<%= config.bin %> pack work/hoso-khai-sinh --out out',
    '<%= config.bin %> pack work/hoso-khai-sinh --out out --json',
    '<%= config.bin %> pack work/hoso-khai-sinh --out out --sign',
  ]

  static override args = {
    workdir: Args.directory({description: 'Folder with sohoa.json, documents/ and text/.', required: true, exists: true}),
  }

  static override flags = {out: outFlag, ...signingFlags}

  public async run(): Promise<PackResult> {
    const settings = await loadSettings()
    // The stamp's agency falls back on the record's agency code, known only once it is read.
    const signingContext = {settings, lang: this.lang, fallbackAgency: settings.agency ?? '', appName: this.software}
    const result = await withFlagSigning(this.flags, signingContext, (signing) =>
      packWorkdir({workdir: this.args.workdir, outDir: this.flags.out, software: this.software, signing}),
    )
    this.log(this.t('pack.done', {code: result.dossierCode, path: result.path, files: result.files, oxum: result.payloadOxum}))
    return result
  }
}
