/**
 * `sohoa id read`: the ID-card QR code on a scan (image or PDF) → its payload, parsed
 * (SPEC §3.6). Every page is read at its own resolution, whole and then in quarters.
 */
import {UnreadableInputError} from '../core/errors.js'
import type {Province} from '../core/citizen-id.js'
import {type IdValueReport, inspectIdValue} from '../core/id-value.js'
import {type ImageSource, rgbaPixels} from '../tools/images.js'
import {decodeQrCodes} from '../tools/qr.js'
import {acquireFile, type AcquiredPage} from './acquire.js'
import {isIdCardPayload} from '../core/documents/classify.js'

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
  const whole = await rgbaPixels(source)
  const found = await decodeQrCodes(whole)
  const pick = (texts: string[]): string | undefined => texts.find(isIdCardPayload) ?? texts[0]
  if (found.length > 0) return pick(found)
  const {width, height} = whole
  for (const [x, y] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
    const box = {x0: (x * width) / 2, y0: (y * height) / 2, x1: ((x + 1) * width) / 2, y1: ((y + 1) * height) / 2}
    const texts = await decodeQrCodes(await rgbaPixels(source, box))
    if (texts.length > 0) return pick(texts)
  }
  return undefined
}
