import ora, {type Ora} from 'ora'

import {type Reporter, silentReporter} from '../core/reporter.js'

export {type Reporter, silentReporter} from '../core/reporter.js'

export function shouldShowProgress(json: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return !json && Boolean(process.stderr.isTTY) && !env.CI && !env.VITEST && env.NODE_ENV !== 'test'
}

export function createReporter(json: boolean): Reporter {
  return shouldShowProgress(json) ? new SpinnerReporter() : silentReporter
}

class SpinnerReporter implements Reporter {
  private spinner: Ora | undefined
  private label = ''
  private total: number | undefined
  private done = 0

  start(label: string, total?: number): void {
    this.stop()
    this.label = label
    this.total = total
    this.done = 0
    this.spinner = ora({text: this.text(), stream: process.stderr}).start()
  }

  advance(detail?: string): void {
    this.done += 1
    if (this.spinner) this.spinner.text = this.text(detail)
  }

  stop(): void {
    this.spinner?.stop()
    this.spinner = undefined
  }

  private text(detail?: string): string {
    const count = this.total === undefined ? `${this.done}` : `${this.done}/${this.total}`
    return `${this.label} ${count}${detail ? ` ${detail}` : ''}`
  }
}
