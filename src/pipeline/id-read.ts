/**
 * `sohoa id read`: the ID-card QR code on a scan (image or PDF) → its payload, parsed
 * (SPEC §3.6). Every page is read at its own resolution, whole and then corner by corner (page-qr.ts).
 */
import {UnreadableInputError} from '../core/errors.js'
import type {Province} from '../core/citizen-id.js'
import {type IdValueReport, inspectIdValue} from '../core/id-value.js'
import {isIdCardPayload} from '../core/documents/classify.js'
import type {ImageSource} from '../tools/images.js'
import {acquireFile, type AcquiredPage} from './acquire.js'
import {readPageQrCodes} from './page-qr.js'

export interface IdReadResult extends IdValueReport {
  file: string
  page: number
  payload: string
}

export async function readIdCard(file: string, options: {provinces: readonly Province[]; currentYear: number}): Promise<IdReadResult> {
  const acquired = await acquireFile({path: file, name: file})
  try {
    for (let index = 0; index < acquired.pageCount; index += 1) {
      const source = await pageSource(await acquired.page(index))
      const payload = await findIdPayload(source)
      if (payload === undefined) continue
      return {file, page: index + 1, payload, ...inspectIdValue(payload, {provinces: options.provinces, currentYear: options.currentYear})}
    }
  } finally {
    await acquired.close()
  }
  throw new UnreadableInputError('id-read.no-qr', {file})
}

async function pageSource(page: AcquiredPage): Promise<ImageSource> {
  if (page.kind === 'image') return page.image
  const rendered = await page.render(Math.max(page.dpi, 300))
  return {raw: {data: rendered.data, width: rendered.width, height: rendered.height, channels: 4}}
}

/** The first ID-card payload on the page, else the first QR text of any kind. */
export async function findIdPayload(source: ImageSource): Promise<string | undefined> {
  const found = await readPageQrCodes(source)
  return found.find(isIdCardPayload) ?? found[0]
}
