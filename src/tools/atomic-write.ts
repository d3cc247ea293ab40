/**
 * Outputs appear whole or not at all: written to a hidden temporary name in the target's
 * own folder (so the rename stays on one file system), flushed, then renamed into place.
 */
import {randomBytes} from 'node:crypto'
import {mkdir, open, rename, rm} from 'node:fs/promises'
import path from 'node:path'

import {OutputError} from '../core/errors.js'
import {registerCleanup} from './shutdown.js'

export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = path.dirname(target)
  const temporary = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  // Interrupted mid-write (Ctrl-C), the half-written temporary file is removed too.
  const unregister = registerCleanup(() => rm(temporary, {force: true}))
  try {
    await mkdir(dir, {recursive: true})
    const handle = await open(temporary, 'wx')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw new OutputError('output.cannot-write', {file: target, reason: (error as Error).message}, {cause: error})
  } finally {
    unregister()
  }
}
