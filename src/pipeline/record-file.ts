/**
 * A digitisation record file (`data/sohoa.json`, SPEC §6) read and checked against
 * schemas/record.schema.json: what `sohoa pack` and `sohoa validate` take, so that neither
 * trusts a hand-edited record further than the schema says.
 */
import {readFile} from 'node:fs/promises'

import {UnreadableInputError} from '../core/errors.js'
import type {DigitisationRecord} from '../core/record.js'
import {validateAgainstSchema} from '../tools/schemas.js'

export async function readRecordFile(file: string): Promise<DigitisationRecord> {
  const value = await readJsonFile(file, 'record.unreadable')
  const problems = validateAgainstSchema('record', value)
  if (problems.length > 0) {
    const first = problems[0]!
    throw new UnreadableInputError('record.invalid', {file, path: first.path || '/', detail: first.message ?? first.code})
  }
  return value as DigitisationRecord
}

/** A JSON file's value; a missing file is `input.not-found`, an unreadable or malformed one `unreadableCode`. */
export async function readJsonFile(file: string, unreadableCode: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UnreadableInputError('input.not-found', {file})
    throw new UnreadableInputError(unreadableCode, {file, detail: (error as Error).message}, {cause: error})
  }
}
