/**
 * `sohoa scan`: pages from a scanner (through the Scanner port) into a folder as p0001.png,
 * p0002.png … in scan order, each stating its dpi and each written atomically. A second scan
 * into the same folder appends after the pages already there (the citizen brought one more paper).
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import {type ConfigValues, parseConfigInteger} from '../core/config-keys.js'
import {type SohoaError, UsageError} from '../core/errors.js'
import {
  DEFAULT_RESOLUTION,
  nextScanNumber,
  SCAN_SOURCES,
  type ScanMode,
  type Scanner,
  scanPageName,
  type ScanRequest,
  type ScanSource,
} from '../core/scanner.js'
import {checkWritableFolder, writeFileAtomic} from '../tools/atomic-file.js'
import {pngWithDensity} from '../tools/images.js'
import {registerCleanup} from '../tools/shutdown.js'

export interface ScanOptions extends Omit<ScanRequest, 'workDir'> {
  outDir: string
}

export interface ScanResult {
  device: string
  outDir: string
  pages: Array<{file: string; dpi: number}>
  /** Why the batch stopped before the feeder was empty (a jam), when it did. */
  interruption?: SohoaError
}

export async function scanToFolder(options: ScanOptions, scanner: Scanner): Promise<ScanResult> {
  await checkWritableFolder(options.outDir)
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-scan-'))
  const unregister = registerCleanup(() => rm(workDir, {recursive: true, force: true}))
  try {
    const {outDir, ...request} = options
    const outcome = await scanner.scan({...request, workDir})
    let number = nextScanNumber(await readdir(outDir))
    const pages: ScanResult['pages'] = []
    for (const page of outcome.pages) {
      const file = path.join(outDir, scanPageName(number++))
      await writeFileAtomic(file, await pngWithDensity(await readFile(page.file), page.dpi))
      pages.push({file, dpi: page.dpi})
    }
    return {device: outcome.device, outDir, pages, ...(outcome.interruption ? {interruption: outcome.interruption} : {})}
  } finally {
    await rm(workDir, {recursive: true, force: true})
    unregister()
  }
}

export interface ScanChoice {
  device?: string
  source?: ScanSource
  resolution?: number
  mode?: ScanMode
  pages?: number
}

/** Flags over stored settings (scanner.device, scanner.source, scanner.resolution) over defaults. */
export function scanRequestFrom(given: ScanChoice, settings: ConfigValues): Omit<ScanRequest, 'workDir'> {
  const source = given.source ?? settings['scanner.source'] ?? 'flatbed'
  if (!(SCAN_SOURCES as readonly string[]).includes(source)) {
    throw new UsageError('scan.bad-setting', {key: 'scanner.source', value: source, expected: SCAN_SOURCES.join(', ')})
  }
  const storedResolution = settings['scanner.resolution']
  const resolution = given.resolution ?? (storedResolution === undefined ? DEFAULT_RESOLUTION : parseConfigInteger(storedResolution))
  if (resolution === undefined || resolution < 50 || resolution > 1200) {
    throw new UsageError('scan.bad-setting', {key: 'scanner.resolution', value: storedResolution ?? '', expected: '50–1200 dpi'})
  }
  const device = given.device ?? settings['scanner.device']
  return {
    ...(device ? {device} : {}),
    source: source as ScanSource,
    resolution,
    mode: given.mode ?? 'color',
    ...(given.pages === undefined ? {} : {pages: given.pages}),
  }
}
