/**
 * Child process for test/atomic-file.test.ts: installs the CLI's signal handlers, writes one
 * file atomically, then sends itself SIGINT as the next write begins, and keeps writing.
 */
import path from 'node:path'

import {writeFileAtomic} from '../../src/tools/atomic-file.js'
import {installSignalHandlers} from '../../src/tools/shutdown.js'

const dir = process.argv[2]!
installSignalHandlers()
const data = new Uint8Array(8 * 1024 * 1024).fill(7)
for (let index = 0; index < 1000; index += 1) {
  if (index === 1) process.kill(process.pid, 'SIGINT')
  await writeFileAtomic(path.join(dir, `f${index}.bin`), data).catch(() => {})
}
