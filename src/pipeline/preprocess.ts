/**
 * Preprocess: from an acquired page to the two images the rest of the pipeline needs: the
 * archival colour copy (kept as delivered wherever possible) and the grey image OCR reads.
 */
import type {ArchivalImage, PageSource} from '../core/page.js'
import {archivalImage, ocrImage, type OcrImage} from '../tools/images.js'
import type {Matrix} from '../tools/pdf.js'
import {type AcquiredPage, imageError} from './acquire.js'

export type ArchivalPage = {kind: 'image'; image: ArchivalImage} | {kind: 'pdf-page'; index: number; pixelToPdf: Matrix | undefined}

export interface PreparedPage {
  source: PageSource
  dpi: number
  dpiSource: 'file' | 'assumed' | 'pdf'
  width: number
  height: number
  archival: ArchivalPage
  /** The image to OCR; absent when the page's own text layer is kept. */
  ocr: OcrImage | undefined
  existingText: string | undefined
}

export interface PreprocessOptions {
  forceOcr: boolean
}

export async function preparePage(page: AcquiredPage, options: PreprocessOptions): Promise<PreparedPage> {
  const base = {source: page.source, dpi: page.dpi, dpiSource: page.dpiSource}
  if (page.kind === 'image') {
    try {
      const ocr = await ocrImage(page.image, page.dpi)
      const image = await archivalImage(page.image, page.keepJpegBytes)
      return {...base, width: ocr.width, height: ocr.height, archival: {kind: 'image', image}, ocr, existingText: undefined}
    } catch (error) {
      throw imageError(page.path, error)
    }
  }
  if (page.existingText !== '' && !options.forceOcr) {
    return {
      ...base,
      width: page.width,
      height: page.height,
      archival: {kind: 'pdf-page', index: page.pdfIndex, pixelToPdf: undefined},
      ocr: undefined,
      existingText: page.existingText,
    }
  }
  const rendered = await page.render(page.dpi)
  const ocr = await ocrImage({raw: {data: rendered.data, width: rendered.width, height: rendered.height, channels: 4}}, page.dpi)
  return {
    ...base,
    width: rendered.width,
    height: rendered.height,
    archival: {kind: 'pdf-page', index: page.pdfIndex, pixelToPdf: rendered.pixelToPdf},
    ocr,
    existingText: undefined,
  }
}
