/** Text and page sizes of a PDF as an independent reader (pdfjs) sees them. */
import {readFile} from 'node:fs/promises'

import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'

export interface PdfPageText {
  width: number
  height: number
  text: string
}

export async function readPdfText(file: string): Promise<{version: string; pages: PdfPageText[]}> {
  const bytes = new Uint8Array(await readFile(file))
  const version = new TextDecoder('latin1').decode(bytes.subarray(0, 8))
  const doc = await getDocument({data: bytes, verbosity: 0}).promise
  const pages: PdfPageText[] = []
  for (let number = 1; number <= doc.numPages; number += 1) {
    const page = await doc.getPage(number)
    const {width, height} = page.getViewport({scale: 1})
    const content = await page.getTextContent()
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('')
    pages.push({width, height, text})
  }
  await doc.destroy()
  return {version, pages}
}
