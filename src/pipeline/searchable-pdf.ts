/** Assembles recognised pages, in the order given, into one searchable PDF. */
import {type PdfMetadata, SearchablePdf} from '../tools/pdf.js'
import type {RecognisedPage} from './recognise.js'

export async function assemblePdf(pages: readonly RecognisedPage[], metadata: PdfMetadata): Promise<Uint8Array> {
  const pdf = await SearchablePdf.create(metadata)
  for (const {prepared, ocr, file} of pages) {
    const archival = prepared.archival
    if (archival.kind === 'image') {
      await pdf.addImagePage(archival.image, prepared.dpi, ocr, {width: prepared.width, height: prepared.height})
    } else {
      await pdf.addSourcePage(file.pdf!, archival.index, ocr, archival.pixelToPdf ?? [1, 0, 0, 1, 0, 0])
    }
  }
  return pdf.save()
}
