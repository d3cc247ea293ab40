import {Flags} from '@oclif/core'

import {parseIsoDay} from '../../core/calendar.js'
import {UsageError} from '../../core/errors.js'
import {allocateDossierCodes, type AllocationResult} from '../../pipeline/dossier-code-allocator.js'
import {BaseCommand} from '../../ui/base-command.js'
import {agencyFlag, dataDirFlag} from '../../ui/shared-flags.js'

export default class CodeAllocate extends BaseCommand<typeof CodeAllocate> {
  static override summary = 'Hand out the next dossier code(s) of an agency for a day: <agency>-<YYMMDD>-<NNNN>.'
  static override description =
    'Numbers are never reused, also when several processes allocate at once or one crashed. The sequences live in the data directory (SOHOA_DATA_DIR, default: the user data directory).'

  static override examples = [
    '<%= config.bin %> <%= command.id %> --agency 000.00.00.H56',
    '<%= config.bin %> <%= command.id %> --agency H56.24 --date 2024-03-15 --count 3 --json',
  ]

  static override flags = {
    agency: agencyFlag({required: true}),
    date: Flags.string({description: 'reception day YYYY-MM-DD (default: today, Asia/Ho_Chi_Minh)'}),
    count: Flags.integer({description: 'how many consecutive codes', default: 1, min: 1, max: 9999}),
    'data-dir': dataDirFlag,
  }

  public async run(): Promise<AllocationResult> {
    const day = this.flags.date === undefined ? undefined : parseIsoDay(this.flags.date)
    if (this.flags.date !== undefined && !day) throw new UsageError('code.bad-date', {value: this.flags.date})
    const result = await allocateDossierCodes({agency: this.flags.agency, day, count: this.flags.count, dataDir: this.flags['data-dir']})
    if (!this.jsonEnabled()) for (const code of result.codes) this.log(code)
    return result
  }
}
