import {Flags} from '@oclif/core'

import {reseedFromBags, type ReseedResult} from '../../pipeline/queue/reseed.js'
import {BaseCommand} from '../../ui/base-command.js'
import {requiredQueueFlag, waitRedisFlag} from '../../ui/queue-flags.js'
import {dataDirFlag} from '../../ui/shared-flags.js'

export default class CodeReseed extends BaseCommand<typeof CodeReseed> {
  static override summary = 'Rebuild the dossier-code sequence in Redis from the bags, after Redis lost its data.'
  static override description =
    'Reads the code of every bag in the --from folders (bag-info External-Identifier) and raises each agency-and-day counter to ' +
    'the highest number found (never lowers one), gives each queued dossier its code back, and marks the sequence as usable again.'

  static override examples = ['<%= config.bin %> code reseed --from /mnt/share/out --queue redis://10.0.0.5:6379/0']

  static override flags = {
    from: Flags.directory({summary: 'Folder of bags (repeat for several).', required: true, multiple: true, exists: true}),
    queue: requiredQueueFlag,
    'wait-redis': waitRedisFlag,
    'data-dir': dataDirFlag,
  }

  public async run(): Promise<ReseedResult> {
    const {flags} = this
    const result = await reseedFromBags({from: flags.from, queueUrl: flags.queue, waitRedisMs: flags['wait-redis'] * 1000, dataDir: flags['data-dir']})
    if (!this.jsonEnabled()) {
      const counters = result.counters.map((counter) => `${counter.agency}-${counter.day}-${String(counter.last).padStart(4, '0')}`).join(', ')
      this.log(this.t('code.reseeded', {bags: result.bags, counters: counters || '-'}))
    }
    return result
  }
}
