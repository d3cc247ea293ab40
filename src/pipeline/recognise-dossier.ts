/**
 * Stage 1 of a dossier, `recognise`: its input (a folder of page files or one multi-page
 * file) → page records in a work folder. Each page is preprocessed, OCRed on the engine it
 * is given (one pool can serve many dossiers) and saved at once, so memory does not grow with
 * the number of pages. The first unreadable file fails the dossier and stops its other pages.
 */
import pLimit, {type LimitFunction} from 'p-limit'

import type {PageRecord} from '../core/dossier-draft.js'
import {SohoaError, UnreadableInputError} from '../core/errors.js'
import type {ExitCode} from '../core/exit-codes.js'
import type {OcrEngine} from '../core/ocr-engine.js'
import {silentReporter, type Reporter} from '../core/reporter.js'
import {acquireFile, type AcquiredFile, resolveInputs} from './acquire.js'
import {pageName, savePage, savePageList} from './page-store.js'
import {failure, pagesInFlight, recognisePage, type RecogniseOptions} from './recognise.js'

export interface RecogniseDossierOptions extends Pick<RecogniseOptions, 'forceOcr' | 'preprocess' | 'timeoutPerPageMs' | 'followLinks'> {
  input: string
  workDir: string
  engine: OcrEngine
  /** Pages in flight; share one between dossiers recognised at once so they share the engine fairly. */
  pageSlots?: LimitFunction
  reporter?: Reporter
}

export async function recogniseDossier(options: RecogniseDossierOptions): Promise<PageRecord[]> {
  const reporter = options.reporter ?? silentReporter
  const {inputs, errors} = await resolveInputs([options.input], {followLinks: options.followLinks})
  if (errors[0]) throw errors[0]
  if (inputs.length === 0) throw new UnreadableInputError('input.no-pages', {file: options.input})
  const pageSlots = options.pageSlots ?? pLimit(pagesInFlight(options.engine.size))
  const fileSlots = pLimit(Math.max(1, options.engine.size))
  let failed: SohoaError | undefined
  const perFile = await Promise.allSettled(
    inputs.map((input, fileIndex) =>
      fileSlots(async (): Promise<PageRecord[]> => {
        if (failed) return []
        let file: AcquiredFile | undefined
        try {
          file = await acquireFile(input)
          const opened = file
          return await Promise.all(
            Array.from({length: opened.pageCount}, (_, pageIndex) =>
              pageSlots(async () => {
                if (failed) return undefined
                const page = await recognisePage(opened, pageIndex, () => Promise.resolve(options.engine), options)
                const record = await savePage(options.workDir, pageName(fileIndex, pageIndex), page)
                reporter.advance(`${input.name} p${pageIndex + 1}`)
                return record
              }),
            ),
          ).then((records) => records.filter((record): record is PageRecord => record !== undefined))
        } catch (error) {
          failed ??= asDossierError(input, error)
          throw error
        } finally {
          await file?.close()
        }
      }),
    ),
  )
  if (failed) throw failed
  const records = perFile.flatMap((entry) => (entry.status === 'fulfilled' ? entry.value : [])).map((record, index) => ({...record, index}))
  await savePageList(options.workDir, records)
  return records
}

/** Any failure as a typed error naming the file (an unexpected one included). */
function asDossierError(input: {path: string; name: string}, error: unknown): SohoaError {
  if (error instanceof SohoaError) return error
  const outcome = failure(input, error)
  const {code, params, exitCode} =
    outcome.status === 'failed' ? outcome.error : {code: 'input.unreadable', params: {file: input.path}, exitCode: 3}
  return new SohoaError(code, params, exitCode as ExitCode, {cause: error})
}
