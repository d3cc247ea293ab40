import path from 'node:path'

import {Flags} from '@oclif/core'

import {UsageError} from '../core/errors.js'
import {loadSettings} from '../pipeline/config.js'
import {type IntakeResult, runIntake} from '../pipeline/intake.js'
import {resolveDataDir} from '../tools/data-dir.js'
import {saneScanner} from '../tools/sane.js'
import {BaseCommand} from '../ui/base-command.js'
import {inquirerPrompter} from '../ui/inquirer-prompter.js'
import {reviewSheetRenderer} from '../ui/review-sheet.js'
import {agencyFlag, dataDirFlag, jobsFlag, outFlag, procedureDirFlag} from '../ui/shared-flags.js'
import {signingFlags, withFlagSigning} from '../ui/signing-flags.js'

export default class Intake extends BaseCommand<typeof Intake> {
  static override summary = 'Take in one dossier at the desk, step by step: procedure, papers (scanner or files), checklist, fixes, package.'
  static override description =
    'Asks in Vietnamese (English with --lang en). Every step is saved in a session folder under the data directory, ' +
    'so a closed terminal loses nothing: `sohoa intake --resume` continues the last unfinished session. ' +
    'A missing required paper stops packaging with a "thiếu giấy tờ" list unless the clerk confirms. ' +
    'Needs a terminal; from scripts use `sohoa run`.'

  static override examples = [
    '<%= config.bin %> intake --agency 000.00.00.H56 --out hoso',
    '<%= config.bin %> intake --resume --out hoso',
    '<%= config.bin %> intake --out hoso --lang en',
  ]

  static override flags = {
    agency: agencyFlag(),
    out: outFlag,
    resume: Flags.boolean({summary: 'Continue the last unfinished intake session.', default: false}),
    reveal: Flags.boolean({summary: 'Show ID numbers in full (they are masked otherwise).', default: false}),
    jobs: jobsFlag,
    'data-dir': dataDirFlag,
    dir: procedureDirFlag,
    ...signingFlags,
  }

  public async run(): Promise<IntakeResult> {
    const {flags} = this
    if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('intake.no-terminal')
    // The desk works in Vietnamese unless told otherwise (--lang or SOHOA_LANG), whatever the locale.
    const lang = flags.lang ?? (process.env.SOHOA_LANG ? this.lang : 'vi')
    const settings = await loadSettings()
    const agency = flags.agency ?? settings.agency
    // A resumed session keeps the agency it was started with.
    if (!agency && !flags.resume) throw new UsageError('run.agency-required')
    const dataDir = resolveDataDir(flags['data-dir'])
    // The key is opened (password or PIN asked) before the citizen's papers are taken.
    const signingContext = {settings, lang, fallbackAgency: agency ?? '', appName: this.software}
    return withFlagSigning(flags, signingContext, (signing) => runIntake({
      prompter: inquirerPrompter(lang),
      scanner: saneScanner(),
      sessionsDir: path.join(dataDir, 'intake'),
      resume: flags.resume,
      agency: agency ?? '',
      outDir: flags.out,
      settings,
      jobs: flags.jobs,
      dataDir,
      proceduresDir: flags.dir,
      software: this.software,
      renderReview: reviewSheetRenderer(lang),
      reveal: flags.reveal,
      signing,
    }))
  }
}
