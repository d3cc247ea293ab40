/**
 * The batch progress bar (cli-progress) on stderr: dossiers done of all, pages read, pages
 * per minute and the time left. Only on a terminal, never under --json, in CI or in tests.
 */
import cliProgress from 'cli-progress'

import {type BatchReporter, silentBatchReporter} from '../core/reporter.js'
import {shouldShowProgress} from './reporter.js'

export function createBatchReporter(json: boolean, label: string): BatchReporter {
  return shouldShowProgress(json) ? new BarReporter(label) : silentBatchReporter
}

class BarReporter implements BatchReporter {
  private bar: cliProgress.SingleBar | undefined
  private pages = 0
  private started = 0

  constructor(private readonly label: string) {}

  start(dossiers: number): void {
    this.started = Date.now()
    this.bar = new cliProgress.SingleBar(
      {
        format: `${this.label} {bar} {value}/{total} | {pages} p | {rate} p/min | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    )
    this.bar.start(dossiers, 0, {pages: 0, rate: 0})
  }

  page(): void {
    this.pages += 1
    this.bar?.update({pages: this.pages, rate: this.rate()})
  }

  dossier(): void {
    this.bar?.increment(1, {pages: this.pages, rate: this.rate()})
  }

  stop(): void {
    this.bar?.stop()
    this.bar = undefined
  }

  private rate(): number {
    const minutes = (Date.now() - this.started) / 60_000
    return minutes > 0 ? Math.round(this.pages / minutes) : 0
  }
}
