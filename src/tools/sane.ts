/**
 * SANE's `scanimage`, the one external program sohoa runs (Debian package `sane-utils`). It
 * lists devices, reads a device's source and mode names (they differ between backends), and
 * scans a batch of PNG pages into a private folder; its failures become typed errors.
 */
import {spawn} from 'node:child_process'
import {readdir} from 'node:fs/promises'
import path from 'node:path'

import {MissingDependencyError, SohoaError, UsageError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import type {ScanMode, ScanOutcome, Scanner, ScannerDevice, ScanRequest, ScanSource} from '../core/scanner.js'
import {registerCleanup} from './shutdown.js'

const PROGRAM = 'scanimage'

interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

function runScanimage(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROGRAM, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
    const unregister = registerCleanup(() => void child.kill('SIGTERM'))
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', (error: NodeJS.ErrnoException) => {
      unregister()
      reject(error.code === 'ENOENT' ? new MissingDependencyError('scan.no-scanimage', {program: PROGRAM, package: 'sane-utils'}) : error)
    })
    child.on('close', (code) => {
      unregister()
      resolve({code, stdout, stderr})
    })
  })
}

/** `test:0|Noname|frontend-tester|virtual device` lines, as `scanimage -f` prints them. */
export function parseDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line) => {
      const [name = '', vendor = '', model = '', type = ''] = line.split('|')
      return {name, vendor, model, type}
    })
}

/** The values an option takes, from `scanimage -A`: `--source Flatbed|Automatic Document Feeder [Flatbed]`. */
export function optionValues(help: string, option: string): string[] {
  const match = new RegExp(`^\\s*--${option} ([^\\n]*?)(?: \\[[^\\]]*\\])?$`, 'm').exec(help)
  return match ? match[1]!.split('|').map((value) => value.trim()) : []
}

const SOURCE_NAMES: Record<ScanSource, (name: string) => boolean> = {
  flatbed: (name) => /flatbed|platen|normal/i.test(name),
  adf: (name) => /adf|feeder/i.test(name) && !/duplex|back/i.test(name),
  duplex: (name) => /duplex/i.test(name),
}

const MODE_NAMES: Record<ScanMode, (name: string) => boolean> = {
  color: (name) => /^colou?r$/i.test(name) || /colou?r/i.test(name),
  gray: (name) => /gr[ae]y/i.test(name),
}

/** The device's own name for a source or mode; undefined when the device has no such option (it has one source). */
export function pickValue<K extends string>(
  values: string[],
  wanted: K,
  names: Record<K, (name: string) => boolean>,
  option: string,
): string | undefined {
  if (values.length === 0) return undefined
  const found = values.find((value) => names[wanted](value))
  if (!found) throw new UsageError('scan.option-unsupported', {option, value: wanted, values: values.join(', ')})
  return found
}

/**
 * What a failed or short scan means. A feeder that runs out after some pages ends a batch
 * normally; out of paper before the first page, a jam, a cover open are the clerk's to fix.
 */
export function scanFailure(stderr: string, pagesScanned: number, device: string): SohoaError | undefined {
  if (/out of documents|no documents/i.test(stderr)) {
    return pagesScanned > 0 ? undefined : new SohoaError('scan.feeder-empty', {device}, ExitCode.MissingDependency)
  }
  if (/jammed/i.test(stderr)) return new SohoaError('scan.jammed', {device, pages: pagesScanned}, ExitCode.MissingDependency)
  if (/cover (is )?open/i.test(stderr)) return new SohoaError('scan.cover-open', {device}, ExitCode.MissingDependency)
  if (/open of device .* failed|no SANE devices found|device busy/i.test(stderr)) {
    return new MissingDependencyError('scan.device-failed', {device, detail: lastLine(stderr)})
  }
  return undefined
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n')
  return lines[lines.length - 1]?.replace(/^scanimage: /, '') ?? ''
}

export function saneScanner(env: NodeJS.ProcessEnv = process.env): Scanner {
  const list = async (): Promise<ScannerDevice[]> => {
    const listed = await runScanimage(['-f', '%d|%v|%m|%t%n'], env)
    if (listed.code !== 0) throw new MissingDependencyError('scan.device-failed', {device: '-', detail: lastLine(listed.stderr)})
    return parseDeviceList(listed.stdout)
  }
  return {
    list,
    async scan(request: ScanRequest): Promise<ScanOutcome> {
      const device = request.device ?? (await list())[0]?.name
      if (!device) throw new MissingDependencyError('scan.no-device')
      const help = await runScanimage(['-d', device, '-A'], env)
      const failed = help.code === 0 ? undefined : scanFailure(help.stderr, 0, device)
      if (failed) throw failed
      if (help.code !== 0) throw new MissingDependencyError('scan.device-failed', {device, detail: lastLine(help.stderr)})
      const source = pickValue(optionValues(help.stdout, 'source'), request.source, SOURCE_NAMES, 'source')
      const mode = pickValue(optionValues(help.stdout, 'mode'), request.mode, MODE_NAMES, 'mode')
      // A flatbed holds one sheet; asked for no count, it scans one page rather than the same glass forever.
      const count = request.pages ?? (request.source === 'flatbed' ? 1 : undefined)
      const args = [
        '-d', device,
        ...(source ? ['--source', source] : []),
        ...(mode ? ['--mode', mode] : []),
        '--resolution', String(request.resolution),
        '--format=png',
        `--batch=${path.join(request.workDir, 'scan%04d.png')}`,
        ...(count === undefined ? [] : [`--batch-count=${count}`]),
      ]
      const scanned = await runScanimage(args, env)
      const files = (await readdir(request.workDir)).filter((name) => /^scan\d+\.png$/.test(name)).sort()
      const problem = scanFailure(scanned.stderr, files.length, device)
      if (problem && files.length === 0) throw problem
      if (scanned.code !== 0 && files.length === 0) {
        throw new MissingDependencyError('scan.device-failed', {device, detail: lastLine(scanned.stderr)})
      }
      const pages = files.map((name) => ({file: path.join(request.workDir, name), dpi: request.resolution}))
      return {device, pages, ...(problem ? {interruption: problem} : {})}
    },
  }
}
