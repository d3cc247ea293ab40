/**
 * Reads the catalogues shipped in templates/ and schemas/ (SPEC §3: rules are versioned
 * data, not code). Each file is read once per process.
 */
import {readdirSync, readFileSync} from 'node:fs'

import type {Level1Agency} from '../core/agency.js'
import type {Province} from '../core/citizen-id.js'
import type {DocumentKind} from '../core/document-kind.js'
import {SohoaError} from '../core/errors.js'
import {ExitCode} from '../core/exit-codes.js'
import type {KindHints} from '../core/kind-hints.js'
import {type HolidayCalendar, holidayCalendar, type HolidayCalendarData} from '../core/working-days.js'
import {packagePath} from './package-root.js'

const cache = new Map<string, unknown>()

/** A JSON file of the package, by its path under the root (`templates/agencies.json`). */
export function readPackageJson<T>(relativePath: string): T {
  if (!cache.has(relativePath)) {
    try {
      cache.set(relativePath, JSON.parse(readFileSync(packagePath(relativePath), 'utf8')))
    } catch (error) {
      // A broken install, not a user mistake.
      throw new SohoaError('package.data-missing', {file: relativePath, detail: (error as Error).message}, ExitCode.MissingDependency, {cause: error})
    }
  }
  return cache.get(relativePath) as T
}

export function loadProvinces(): Province[] {
  return readPackageJson<{provinces: Province[]}>('templates/citizen-id-provinces.json').provinces
}

/** Vietnamese family names with their diacritics (extract.ts restores them on names OCR read in capitals). */
export function loadSurnames(): string[] {
  return readPackageJson<{surnames: string[]}>('templates/vietnamese-surnames.json').surnames
}

export function loadLevel1Agencies(): Level1Agency[] {
  return readPackageJson<{level1: Level1Agency[]}>('templates/agencies.json').level1
}

export interface DocumentKindId {
  id: string
  name: string
}

export function loadDocumentKindIds(): DocumentKindId[] {
  return readPackageJson<{kinds: DocumentKindId[]}>('templates/document-kind-ids.json').kinds
}

export function loadKindHints(): KindHints {
  return readPackageJson<KindHints>('templates/component-kind-hints.json')
}

/** Public holidays and swapped days per year (templates/vietnam-holidays.json). */
export function loadHolidayCalendar(): HolidayCalendar {
  return holidayCalendar(readPackageJson<HolidayCalendarData>('templates/vietnam-holidays.json'))
}

/** The classifier's catalogue: every templates/document-kinds/<id>.json, in file-name order. */
export function loadDocumentKinds(): DocumentKind[] {
  const dir = 'templates/document-kinds'
  let names: string[]
  try {
    names = readdirSync(packagePath(dir)).filter((name) => name.endsWith('.json')).sort()
  } catch (error) {
    throw new SohoaError('package.data-missing', {file: dir, detail: (error as Error).message}, ExitCode.MissingDependency, {cause: error})
  }
  return names.map((name) => readPackageJson<DocumentKind>(`${dir}/${name}`))
}
