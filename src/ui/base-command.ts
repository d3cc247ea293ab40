import {Command, Flags, type Interfaces} from '@oclif/core'
import chalk from 'chalk'

import {maskIdsInText} from '../core/citizen-id.js'
import {SohoaError} from '../core/errors.js'
import type {Problem} from '../core/problem.js'
import {ExitCode} from '../core/exit-codes.js'
import {installSignalHandlers, runCleanups} from '../tools/shutdown.js'
import {LANGS, type Lang, resolveLang, translate} from './i18n.js'
import {type WithRendered, withRendered} from './problems.js'
import {createReporter, type Reporter, silentReporter} from './reporter.js'

export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/** What `--json` prints when a command fails. */
export interface ErrorJson {
  code: string
  message: string
  exitCode: number
  params: Record<string, string | number>
}

/**
 * The one base command: owns `--json`, `--lang`, progress reporting, Ctrl-C, and the
 * mapping of every error to its exit code and a translated message.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true
  static override baseFlags = {
    lang: Flags.option({
      options: LANGS,
      env: 'SOHOA_LANG',
      helpGroup: 'GLOBAL',
      summary: 'Language of messages: vi or en (default from SOHOA_LANG or the locale).',
    })(),
  }

  protected flags!: CommandFlags<T>
  protected args!: CommandArgs<T>
  /** Every positional argument, for commands that take a list (`strict = false`). */
  protected argvList: string[] = []
  protected lang: Lang = 'en'
  protected reporter: Reporter = silentReporter

  public override async init(): Promise<void> {
    // Known before parsing so that parse errors are translated too.
    this.lang = resolveLang(langFromArgv(this.argv))
    await super.init()
    installSignalHandlers(() => {
      this.reporter.stop()
      this.logToStderr(this.t('run.interrupted'))
    })
    const {args, flags, argv} = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    })
    this.flags = flags as CommandFlags<T>
    this.args = args as CommandArgs<T>
    this.argvList = argv as string[]
    this.lang = resolveLang(this.flags.lang)
    this.reporter = createReporter(this.jsonEnabled())
  }

  /**
   * Every human line goes through here: ID numbers are masked (maskIdsInText) unless the
   * command was given --reveal. `--json` output is data and keeps codes whole, as the package
   * files do.
   */
  public override log(message = '', ...args: unknown[]): void {
    super.log(this.masked(message), ...args)
  }

  public override logToStderr(message = '', ...args: unknown[]): void {
    super.logToStderr(this.masked(message), ...args)
  }

  private masked(message: string): string {
    return (this.flags as {reveal?: boolean} | undefined)?.reveal === true ? message : maskIdsInText(message)
  }

  /** `value` with its problem list under `key` in the user's language. */
  protected rendered<V extends {[P in K]: readonly Problem[]}, K extends keyof V>(value: V, key: K): WithRendered<V, K> {
    return withRendered(value, key, this.lang)
  }

  /**
   * `sohoa/0.1.0`: the one name of this software wherever an output records it (PDF creator
   * and producer, the bag's Bag-Software-Agent, the record's toolVersion, the signature's app).
   */
  protected get software(): string {
    return `${this.config.name}/${this.config.version}`
  }

  protected t(code: string, params: Record<string, string | number> = {}): string {
    return translate(this.lang, code, params)
  }

  /** For expected bad outcomes (invalid dossier, some files unreadable): a result plus a code. */
  protected setExitCode(code: number): void {
    if (code !== ExitCode.Ok) process.exitCode = code
  }

  protected warnLine(text: string): void {
    this.logToStderr(`${chalk.yellow(this.t('label.warning'))}: ${text}`)
  }

  protected override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<unknown> {
    this.reporter.stop()
    await runCleanups()
    if (isOclifExit(err)) throw err
    const rendered = renderError(err, this.lang)
    process.exitCode = rendered.exitCode
    if (this.jsonEnabled()) this.logJson({error: rendered})
    else this.logToStderr(`${chalk.red(this.t('label.error'))}: ${rendered.message}`)
    return undefined
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    this.reporter.stop()
    return super.finally(err)
  }
}

export function renderError(err: Error & {exitCode?: number; oclif?: {exit?: number}}, lang: Lang): ErrorJson {
  if (err instanceof SohoaError) {
    return {code: err.code, message: translate(lang, err.code, err.params), exitCode: err.exitCode, params: err.params}
  }
  // oclif's own parse errors (unknown flag, missing argument, bad option) are usage errors.
  if (err.oclif?.exit !== undefined && err.oclif.exit !== 0) {
    const exitCode = err.oclif.exit === 1 ? ExitCode.Usage : err.oclif.exit
    return {code: 'usage.invalid', message: translate(lang, 'usage.invalid', {detail: condenseOclifMessage(err.message)}), exitCode, params: {}}
  }
  return {
    code: 'error.internal',
    message: translate(lang, 'error.internal', {detail: err.message}),
    exitCode: ExitCode.Internal,
    params: {},
  }
}

function isOclifExit(err: Error & {oclif?: {exit?: number}; code?: unknown}): boolean {
  return err.code === 'EEXIT'
}

/** oclif's parse errors span several lines with a preamble and a pointer to --help. */
function condenseOclifMessage(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^The following errors? occurred:?$/i.test(line) && !/^See more help with/i.test(line))
  return lines.join('; ') || text
}

function langFromArgv(argv: string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--lang') return argv[index + 1]
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length)
  }
  return undefined
}
