import {Args} from '@oclif/core'
import chalk from 'chalk'

import {UsageError} from '../../core/errors.js'
import {type BatchStatus, batchStatus} from '../../pipeline/batch/status.js'
import {type QueueStatus, queueStatus} from '../../pipeline/queue/status.js'
import {BaseCommand} from '../../ui/base-command.js'
import {renderBatchTable} from '../../ui/batch-table.js'
import {queueFlag, shareFlag, waitRedisFlag} from '../../ui/queue-flags.js'

export default class BatchStatusCommand extends BaseCommand<typeof BatchStatusCommand> {
  static override summary = 'Show what a running or finished batch has done: from its journal in <out>/.sohoa-batch, or from the queue.'
  static override examples = [
    '<%= config.bin %> batch status out',
    '<%= config.bin %> batch status out --json',
    '<%= config.bin %> batch status --queue redis://10.0.0.5:6379/0',
    '<%= config.bin %> batch status /mnt/share/out --queue redis://10.0.0.5:6379/0 --share /mnt/share',
  ]

  static override args = {
    out: Args.directory({description: 'The --out folder of the batch (with --queue: only that batch’s jobs).', required: false}),
  }

  static override flags = {
    queue: queueFlag,
    share: shareFlag,
    'wait-redis': waitRedisFlag,
  }

  public async run(): Promise<BatchStatus | QueueStatus> {
    const {flags} = this
    if (flags.queue) return this.showQueue(await queueStatus({queueUrl: flags.queue, waitRedisMs: flags['wait-redis'] * 1000, out: this.args.out, share: flags.share}))
    if (!this.args.out) throw new UsageError('queue.status-needs-out')
    const status = await batchStatus(this.args.out)
    if (!this.jsonEnabled()) {
      const head =
        status.state === 'running'
          ? this.t('batch.status-running', {pid: status.holder!.pid, since: status.holder!.startedAt})
          : this.t(status.state === 'finished' ? 'batch.status-finished' : 'batch.status-stopped')
      this.log(chalk.bold(head))
      this.log(this.t('batch.status-counts', {...status.totals, runs: status.runs}))
      this.log(renderBatchTable(status.rows, this.lang))
    }
    return status
  }

  private showQueue(status: QueueStatus): QueueStatus {
    if (!this.jsonEnabled()) {
      this.log(chalk.bold(this.t('queue.status-counts', {queue: status.queue, ...status.counts})))
      this.log(renderBatchTable(status.jobs.map((job) => job.row), this.lang))
    }
    return status
  }
}
