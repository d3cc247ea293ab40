/**
 * A virtual terminal for driving interactive prompts (@inquirer) in-process, as a clerk at a
 * real terminal would: keys go in through a TTY-like input stream; what is written is played
 * onto a screen of lines (the cursor moves and erases inquirer uses), so a test can wait for a
 * question and read the screen as the clerk sees it.
 */
import {PassThrough, Writable} from 'node:stream'

const KEYS = {enter: '\r', down: '\x1b[B', up: '\x1b[A', backspace: '\x7f'} as const

export class VirtualTerminal {
  readonly input = Object.assign(new PassThrough(), {isTTY: true, setRawMode: () => {}})
  readonly output: Writable
  private lines: string[] = ['']
  private row = 0
  private col = 0
  private waiters: Array<() => void> = []

  constructor() {
    this.output = Object.assign(
      new Writable({
        write: (chunk: Buffer, _encoding, done) => {
          this.play(chunk.toString('utf8'))
          for (const wake of this.waiters.splice(0)) wake()
          done()
        },
      }),
      {isTTY: true, columns: 160, rows: 50},
    )
    // Each prompt pipes into the terminal and ends its pipe when done; a real terminal stays open.
    const terminal = this.output
    terminal.end = ((...args: unknown[]) => {
      const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined
      callback?.()
      return terminal
    }) as Writable['end']
  }

  /** Every line shown so far, trailing spaces trimmed. */
  screen(): string {
    return this.lines.map((line) => line.trimEnd()).join('\n')
  }

  type(text: string): void {
    this.input.write(text)
  }

  press(key: keyof typeof KEYS, times = 1): void {
    for (let count = 0; count < times; count += 1) this.input.write(KEYS[key])
  }

  /** How many times `text` is on the screen (answered prompts stay on it, so questions add up). */
  count(text: string): number {
    return this.screen().split(text).length - 1
  }

  /** What the screen shows between the (n-1)th and the nth time `text` appears (1-based). */
  before(text: string, nth: number): string {
    const parts = this.screen().split(text)
    return parts[nth - 1] ?? ''
  }

  /** Resolves once `text` is on the screen at least `times` times. */
  async waitFor(text: string, timeoutMs = 120_000, times = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs
    const found = (): boolean => this.count(text) >= times
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${text} ×${times}; screen:\n${this.screen()}`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 200)
      })
    }
  }

  private play(text: string): void {
    const pattern = /\x1b\[([?\d;]*)([A-Za-z])|\r|\n|[^\x1b\r\n]+/g
    for (const match of text.matchAll(pattern)) {
      const token = match[0]
      if (token === '\r') this.col = 0
      else if (token === '\n') this.moveTo(this.row + 1, 0)
      else if (match[2]) this.control(match[1] ?? '', match[2])
      else this.write(token)
    }
  }

  private control(args: string, command: string): void {
    const n = Number(args.split(';')[0] || 1)
    if (command === 'A') this.moveTo(Math.max(0, this.row - n), this.col)
    else if (command === 'B') this.moveTo(this.row + n, this.col)
    else if (command === 'G') this.col = Math.max(0, n - 1)
    else if (command === 'C') this.col += n
    else if (command === 'D') this.col = Math.max(0, this.col - n)
    else if (command === 'K') {
      const line = this.lines[this.row]!
      this.lines[this.row] = args === '2' ? '' : args === '1' ? ' '.repeat(this.col) + line.slice(this.col) : line.slice(0, this.col)
    } else if (command === 'J') this.lines.length = this.row + 1
  }

  private moveTo(row: number, col: number): void {
    while (this.lines.length <= row) this.lines.push('')
    this.row = row
    this.col = col
  }

  private write(text: string): void {
    const chars = [...text]
    const line = [...this.lines[this.row]!]
    while (line.length < this.col) line.push(' ')
    line.splice(this.col, chars.length, ...chars)
    this.lines[this.row] = line.join('')
    this.col += chars.length
  }
}
