import {Flags} from '@oclif/core'
import chalk from 'chalk'
import os from 'node:os'

import {loadSettings} from '../pipeline/config.js'
import {runWorker, type WorkerSummary} from '../pipeline/queue/worker.js'
import {BaseCommand} from '../ui/base-command.js'
import {translate} from '../ui/i18n.js'
import {requiredQueueFlag, shareFlag, waitRedisFlag} from '../ui/queue-flags.js'
import {reviewSheetRenderer} from '../ui/review-sheet.js'
import {jobsFlag, procedureDirFlag} from '../ui/shared-flags.js'
import {signingFlags, withFlagSigning} from '../ui/signing-flags.js'

export default class Worker extends BaseCommand<typeof Worker> {
  static override summary = 'Take dossier jobs from the queue (BullMQ on Redis) and package them; run one on each machine.'
  static override description =
    'Runs each queued dossier like a local batch: OCR, analysis, the bag written atomically into the shared --out. Codes come from ' +
    'the sequence in the same Redis. While Redis is away the worker waits. Ctrl-C or SIGTERM hands the jobs in hand back to the queue ' +
    'and stops (exit 130); a worker killed outright has its jobs taken back by another after the lock runs out (--lock-seconds).'

  static override examples = [
    '<%= config.bin %> worker --queue redis://10.0.0.5:6379/0 --share /mnt/share --jobs 2',
    'SOHOA_QUEUE=redis://127.0.0.1:6379/0 <%= config.bin %> worker --until-empty --json',
  ]

  static override flags = {
    queue: requiredQueueFlag,
    share: shareFlag,
    jobs: jobsFlag,
    concurrency: Flags.integer({summary: 'Dossiers worked on at once (they share the OCR workers).', min: 1, max: 16, default: 2}),
    'lock-seconds': Flags.integer({
      summary: "Seconds a job's lock lasts unrenewed: a killed worker's job goes to another within about twice this.",
      min: 1,
      default: 30,
      env: 'SOHOA_LOCK_SECONDS',
    }),
    'until-empty': Flags.boolean({summary: 'Stop once the queue has nothing waiting or running.', default: false}),
    'wait-redis': waitRedisFlag,
    dir: procedureDirFlag,
    ...signingFlags,
  }

  public async run(): Promise<WorkerSummary> {
    const {flags} = this
    const settings = await loadSettings()
    const lang = this.lang
    const say = (line: string): void => {
      if (!this.jsonEnabled()) this.logToStderr(line)
    }
    const signingContext = {settings, lang, fallbackAgency: settings.agency ?? '', appName: this.software}
    const concurrency = flags.concurrency
    const summary = await withFlagSigning(flags, signingContext, async (signing) =>
      runWorker({
        queueUrl: flags.queue,
        share: flags.share,
        jobs: flags.jobs,
        concurrency,
        lockSeconds: flags['lock-seconds'],
        connectMs: flags['wait-redis'] * 1000,
        untilEmpty: flags['until-empty'],
        proceduresDir: flags.dir,
        software: this.software,
        renderReview: reviewSheetRenderer(lang),
        signing,
        events: {
          ready: (url) => say(this.t('queue.worker-ready', {worker: `${os.hostname()}:${process.pid}`, url, jobs: flags.jobs, concurrency})),
          done: (job, result) =>
            say(
              result.adopted
                ? this.t('queue.job-adopted', {id: job.id, code: result.code})
                : chalk.green(this.t('queue.job-done', {id: job.id, code: result.code, pages: result.pages, seconds: result.seconds, ...result.timings})),
            ),
          failed: (job, failure) =>
            say(
              chalk.red(
                this.t('queue.job-failed', {
                  id: job.id,
                  reason: failure instanceof Error ? failure.message : translate(lang, failure.code, failure.params),
                }),
              ),
            ),
          redisLost: (url) => say(chalk.yellow(this.t('queue.redis-waiting', {url}))),
          redisBack: (url) => say(this.t('queue.redis-back', {url})),
          returned: (keys) => say(this.t('queue.returned', {count: keys.length})),
        },
      }),
    )
    if (!this.jsonEnabled()) this.log(this.t('queue.worker-summary', {...summary}))
    return summary
  }
}
