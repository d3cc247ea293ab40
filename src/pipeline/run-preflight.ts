/**
 * What `run` can check in a second before minutes of OCR: the owner ID given, that every
 * entry of the input is a page file to read, and that the output and state folders are
 * writable. Each failure is the error the later stage would have raised, only sooner.
 */
import {isOwnerId} from '../core/codes.js'
import {UsageError} from '../core/errors.js'
import {checkWritableFolder} from '../tools/atomic-file.js'
import {resolveDataDir} from '../tools/data-dir.js'
import {resolveInputs} from './acquire.js'

export interface PreflightOptions {
  input: string
  outDir: string
  dataDir?: string
  ownerId?: string
  followLinks?: boolean
}

export async function preflightRun(options: PreflightOptions): Promise<void> {
  if (options.ownerId !== undefined && !isOwnerId(options.ownerId)) throw new UsageError('run.owner-id-format', {value: options.ownerId})
  const {errors} = await resolveInputs([options.input], {followLinks: options.followLinks})
  if (errors[0]) throw errors[0]
  await checkWritableFolder(resolveDataDir(options.dataDir))
  await checkWritableFolder(options.outDir)
}
