import {Args} from '@oclif/core'
import chalk from 'chalk'

import {type BatchStatus, batchStatus} from '../../pipeline/batch/status.js'
import {BaseCommand} from '../../ui/base-command.js'
import {renderBatchTable} from '../../ui/batch-table.js'

export default class BatchStatusCommand extends BaseCommand<typeof BatchStatusCommand> {
  static override summary = 'Show what a running or finished batch has done, from its journal in <out>/.sohoa-batch.'
  static override examples = ['<%= config.bin %> batch status out', '<%= config.bin %> batch status out --json']

  static override args = {
    out: Args.directory({description: 'The --out folder of the batch.', required: true}),
  }

  public async run(): Promise<BatchStatus> {
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
}
