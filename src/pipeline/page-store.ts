/**
 * A dossier's work folder: each recognised page as soon as it is read, so that memory holds
 * one page at a time whatever the dossier's size, and a later stage (or a resumed batch)
 * reads pages back from disk. `pages/0001.json` is the page record; beside it the archival
 * image as delivered (`.jpg`) or as corrected pixels (`.raw.z`, deflated, lossless).
 */
import {mkdir, readFile} from 'node:fs/promises'
import path from 'node:path'
import {deflateSync, inflateSync} from 'node:zlib'


import type {PageRecord} from '../core/dossier-draft.js'
import type {ArchivalImage} from '../core/page.js'
import {writeFileAtomic, writeSynced} from '../tools/atomic-file.js'
import type {ImageSource} from '../tools/images.js'
import {type LoadedPdf, loadPdf} from '../tools/pdf.js'
import type {AnalysablePage} from './analyse.js'
import {pageColour} from './analyse.js'
import type {RecognisedPage} from './recognise.js'

export const PAGES_FILE = 'pages.json'

/** `pages/f0002-p0013`: the 13th page of the dossier's 2nd input file. */
export function pageName(fileIndex: number, pageIndex: number): string {
  return `pages/f${String(fileIndex + 1).padStart(4, '0')}-p${String(pageIndex + 1).padStart(4, '0')}`
}

/**
 * Saves one page (image, then its record) and returns the record; the page's pixels may then
 * be dropped. `index` is its place in the dossier, set once every file's page count is known.
 */
export async function savePage(workDir: string, name: string, page: RecognisedPage): Promise<PageRecord> {
  const stem = path.join(workDir, name)
  await mkdir(path.dirname(stem), {recursive: true})
  const archival = page.prepared.archival
  let ref: PageRecord['archival']
  if (archival.kind === 'image') {
    const image = archival.image
    if (image.kind !== 'raw') {
      const file = `${name}.${image.kind === 'jpeg' ? 'jpg' : 'tif'}`
      await writeSynced(path.join(workDir, file), image.bytes, 'w')
      ref = {kind: image.kind, file, width: image.width, height: image.height}
    } else {
      // Level 1: these files live for one dossier; speed matters more than size.
      await writeSynced(`${stem}.raw.z`, deflateSync(image.data, {level: 1}), 'w')
      ref = {kind: 'raw', file: `${name}.raw.z`, width: image.width, height: image.height, channels: image.channels}
    }
  } else {
    ref = {kind: 'pdf-page', input: page.file.path, index: archival.index, pixelToPdf: archival.pixelToPdf ?? null}
  }
  const colour = (await pageColour(page)) ?? null
  const record: PageRecord = {index: -1, inputFile: page.file.path, result: page.result, ocr: page.ocr ?? null, archival: ref, colour}
  await writeSynced(`${stem}.json`, JSON.stringify(record), 'w')
  return record
}

/** The stage's output, written once every page is saved: its presence means recognition finished. */
export async function savePageList(workDir: string, records: readonly PageRecord[]): Promise<void> {
  await writeFileAtomic(path.join(workDir, PAGES_FILE), JSON.stringify(records))
}

export async function loadPageList(workDir: string): Promise<PageRecord[]> {
  return JSON.parse(await readFile(path.join(workDir, PAGES_FILE), 'utf8')) as PageRecord[]
}

export async function loadArchivalImage(workDir: string, record: PageRecord): Promise<ArchivalImage | undefined> {
  const ref = record.archival
  if (ref.kind === 'pdf-page') return undefined
  const bytes = await readFile(path.join(workDir, ref.file))
  if (ref.kind !== 'raw') return {kind: ref.kind, bytes, width: ref.width, height: ref.height}
  return {kind: 'raw', data: inflateSync(bytes), width: ref.width, height: ref.height, channels: ref.channels}
}

/** Input PDFs whose pages are copied as they are, opened once per stage and shared by their pages. */
export class SourcePdfs {
  private readonly open = new Map<string, Promise<LoadedPdf>>()

  get(file: string): Promise<LoadedPdf> {
    let doc = this.open.get(file)
    if (!doc) {
      doc = readFile(file).then(async (bytes) => (await loadPdf(bytes)).doc)
      this.open.set(file, doc)
    }
    return doc
  }
}

/** A saved page as analysis reads it; an input PDF page is rendered (for its QR codes) only when asked. */
export function savedPage(
  workDir: string,
  render: (record: PageRecord) => Promise<ImageSource | undefined>,
): (record: PageRecord) => AnalysablePage {
  return (record: PageRecord): AnalysablePage => ({
    result: record.result,
    ocr: record.ocr ?? undefined,
    colour: async () => record.colour ?? undefined,
    image: async () => {
      if (record.archival.kind === 'pdf-page') return render(record)
      const image = await loadArchivalImage(workDir, record)
      if (!image) return undefined
      if (image.kind !== 'raw') return {bytes: image.bytes, page: 0}
      return {raw: {data: image.data, width: image.width, height: image.height, channels: image.channels}}
    },
  })
}
