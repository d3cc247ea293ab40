import {Flags} from '@oclif/core'

import {SCAN_MODES, SCAN_SOURCES, type ScannerDevice} from '../core/scanner.js'
import {UsageError} from '../core/errors.js'
import {loadSettings} from '../pipeline/config.js'
import {scanRequestFrom, type ScanResult, scanToFolder} from '../pipeline/scan.js'
import {saneScanner} from '../tools/sane.js'
import {BaseCommand} from '../ui/base-command.js'

export type ScanCommandResult = {devices: ScannerDevice[]} | (Omit<ScanResult, 'interruption'> & {interruption?: string})

export default class Scan extends BaseCommand<typeof Scan> {
  static override summary = 'Scan pages from a SANE scanner into a folder as p0001.png, p0002.png … (each with its dpi).'
  static override description =
    'Runs SANE scanimage (Debian package sane-utils). The device, source and resolution default to the stored settings ' +
    '(sohoa config set scanner.device|scanner.source|scanner.resolution), then to the first device, the flatbed and 300 dpi. ' +
    'From a feeder it scans until the feeder is empty unless --pages is given. Pages already in --out are kept; new ones follow them.'

  static override examples = [
    '<%= config.bin %> scan --list',
    '<%= config.bin %> scan --out scans/hoso-17 --source adf',
    '<%= config.bin %> scan --out scans/hoso-17 --device test:0 --source adf --pages 3 --mode gray --resolution 300',
  ]

  static override flags = {
    out: Flags.directory({char: 'o', summary: 'Folder for the pages (created if missing).', env: 'SOHOA_OUT'}),
    list: Flags.boolean({summary: 'List the scanners SANE finds, and scan nothing.', default: false}),
    device: Flags.string({char: 'd', summary: 'SANE device name (see --list); default: the stored one, else the first found.'}),
    source: Flags.option({options: SCAN_SOURCES, summary: 'Where the paper is: flatbed, adf (feeder) or duplex.'})(),
    resolution: Flags.integer({char: 'r', summary: 'Resolution in dpi (default: the stored one, else 300).', min: 50, max: 1200}),
    mode: Flags.option({options: SCAN_MODES, summary: 'color or gray.', default: 'color' as const})(),
    pages: Flags.integer({char: 'n', summary: 'Scan at most this many pages (default: until the feeder is empty).', min: 1}),
  }

  public async run(): Promise<ScanCommandResult> {
    const {flags} = this
    const scanner = saneScanner()
    if (flags.list) {
      const devices = await scanner.list()
      if (devices.length === 0) this.log(this.t('scan.devices-none'))
      for (const device of devices) this.log(this.t('scan.device-line', {...device}))
      return {devices}
    }
    if (!flags.out) throw new UsageError('scan.out-required')
    const request = scanRequestFrom(flags, await loadSettings())
    const result = await scanToFolder({...request, outDir: flags.out}, scanner)
    this.log(this.t('scan.done', {count: result.pages.length, device: result.device, folder: result.outDir}))
    for (const page of result.pages) this.log(this.t('scan.page', {file: page.file, dpi: page.dpi}))
    const {interruption, ...rest} = result
    if (!interruption) return rest
    const message = this.t(interruption.code, interruption.params)
    this.warnLine(message)
    this.setExitCode(interruption.exitCode)
    return {...rest, interruption: message}
  }
}
