/** One searchable PDF per document of a draft, assembled from the pages saved in the work folder. */
import type {PageRecord} from '../core/dossier-draft.js'
import {type PdfMetadata, SearchablePdf} from '../tools/pdf.js'
import {loadArchivalImage, SourcePdfs} from './page-store.js'

export async function assembleDraftPdf(
  workDir: string,
  pages: readonly PageRecord[],
  metadata: PdfMetadata,
  sources: SourcePdfs,
): Promise<Uint8Array> {
  const pdf = await SearchablePdf.create(metadata)
  for (const page of pages) {
    const ocr = page.ocr ?? undefined
    if (page.archival.kind === 'pdf-page') {
      await pdf.addSourcePage(
        await sources.get(page.archival.input),
        page.archival.index,
        ocr,
        page.archival.pixelToPdf ?? [1, 0, 0, 1, 0, 0],
      )
    } else {
      const image = (await loadArchivalImage(workDir, page))!
      await pdf.addImagePage(image, page.result.dpi, ocr, {width: page.result.width, height: page.result.height})
    }
  }
  return pdf.save()
}
