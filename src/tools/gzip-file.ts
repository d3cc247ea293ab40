/** Reads a file that may be gzip-compressed (by its `.gz` name), as UTF-8 text. */
import {readFile} from 'node:fs/promises'
import {promisify} from 'node:util'
import {gunzip} from 'node:zlib'

const gunzipAsync = promisify(gunzip)

export async function readMaybeGzipText(file: string): Promise<string> {
  const bytes = await readFile(file)
  return (file.endsWith('.gz') ? await gunzipAsync(bytes) : bytes).toString('utf8')
}
