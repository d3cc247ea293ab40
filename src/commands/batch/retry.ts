import {Args, Flags} from '@oclif/core'

import {type RetryResult, retryQueued} from '../../pipeline/queue/status.js'
import {BaseCommand} from '../../ui/base-command.js'
import {requiredQueueFlag, shareFlag, waitRedisFlag} from '../../ui/queue-flags.js'

export default class BatchRetry extends BaseCommand<typeof BatchRetry> {
  static override summary = 'Put finished jobs of the queue back to waiting: failed ones (--failed), or failed and done ones.'
  static override description =
    'A retried job that was packaged before only checks its bag (same code, no second bag). With <out>, only the jobs of that batch.'

  static override examples = [
    '<%= config.bin %> batch retry --queue redis://10.0.0.5:6379/0 --failed',
    '<%= config.bin %> batch retry /mnt/share/out --queue redis://10.0.0.5:6379/0 --share /mnt/share',
  ]

  static override args = {
    out: Args.directory({description: 'The --out folder of the batch whose jobs to retry (default: every job).', required: false}),
  }

  static override flags = {
    queue: requiredQueueFlag,
    failed: Flags.boolean({summary: 'Only the failed jobs.', default: false}),
    share: shareFlag,
    'wait-redis': waitRedisFlag,
  }

  public async run(): Promise<RetryResult> {
    const {flags} = this
    const result = await retryQueued({
      queueUrl: flags.queue,
      waitRedisMs: flags['wait-redis'] * 1000,
      out: this.args.out,
      share: flags.share,
      failedOnly: flags.failed,
    })
    if (!this.jsonEnabled()) this.log(this.t('queue.retried', {count: result.retried.length}))
    return result
  }
}
