/**
 * Analyse: recognised pages → documents (split → classify → extract). What `classify` and
 * `run` call; each document keeps its recognised pages so that `run` can build its PDF.
 * The one impure step is reading ID-card QR codes off the page images, done here before
 * split so that an ID-card page is known by its QR code too.
 */
import type {AnalysisPage, Document, SplitMode, TextLine} from '../core/dossier.js'
import {documentPage, NAME_FIELDS, UNKNOWN_KIND} from '../core/dossier.js'
import type {DocumentKind} from '../core/document-kind.js'
import type {DroppedPage, OcrResult, PageResult} from '../core/page.js'
import {foldVietnamese} from '../core/text-fold.js'
import {findPhrase} from '../core/text-match.js'
import {cardSide, classifyDocument, readableLines, titleKindOnPage} from '../core/documents/classify.js'
import {extractDocument} from '../core/documents/extract.js'
import {spellNamesAlike} from '../core/documents/name-readings.js'
import {splitPages} from '../core/documents/split.js'
import {imageFacts, type ImageSource} from '../tools/images.js'
import {loadDocumentKinds, loadProvinces, loadSurnames} from '../tools/package-data.js'
import {readPageQrCodes} from './page-qr.js'
import type {RecognisedPage} from './recognise.js'

export interface AnalyseOptions {
  split: SplitMode
  /** The catalogue; read from templates/document-kinds when absent. */
  kinds?: readonly DocumentKind[]
  /** Look for ID-card QR codes on page images (on by default). */
  readQr?: boolean
  /** `--keep-blank`: a blank page stays a page of its document instead of a dropped separator. */
  keepBlank?: boolean
}

export interface AnalysedDocument<P = RecognisedPage> {
  document: Document
  /** The recognised pages of the document, in order (same order as document.pages). */
  pages: P[]
}

export interface AnalysedDossier<P = RecognisedPage> {
  documents: AnalysedDocument<P>[]
  /** Blank pages left out (separator sheets included), SPEC §2 step 2. */
  pagesDropped: DroppedPage[]
}

/**
 * What analysis needs of a recognised page, whether it is held in memory (`classify`) or was
 * saved to a work folder (`run`, `batch`): its result, its OCR, and its image on demand.
 */
export interface AnalysablePage {
  result: PageResult
  ocr: OcrResult | undefined
  colour(): Promise<'colour' | 'grey' | undefined>
  /** The page's pixels (an input PDF page rendered), for QR codes; undefined when there are none. */
  image(): Promise<ImageSource | undefined>
}

interface Page<P> extends AnalysisPage {
  recognised: P
}

export async function analyseDossier(pages: readonly RecognisedPage[], options: AnalyseOptions): Promise<AnalysedDossier> {
  return analysePages(pages, options, inMemory)
}

/** analyseDossier over any page holder; `view` says how to read one. Images are loaded one page at a time. */
export async function analysePages<P>(
  pages: readonly P[],
  options: AnalyseOptions,
  view: (page: P) => AnalysablePage,
): Promise<AnalysedDossier<P>> {
  const kinds = options.kinds ?? loadDocumentKinds()
  const provinces = loadProvinces()
  const surnames = loadSurnames()
  const analysed: Page<P>[] = []
  for (const recognised of pages) {
    const analysable = view(recognised)
    const page: Page<P> = {...(await analysisPage(analysable)), recognised}
    if (options.keepBlank) page.blank = false
    if (options.readQr !== false && !page.blank) page.qr = await readPageQr(analysable, page, kinds)
    analysed.push(page)
  }
  // Scanners often write one file per page, so a blank file is a separator sheet like any blank page.
  const pagesDropped: DroppedPage[] = analysed.filter((page) => page.blank).map((page) => ({source: page.source, reason: 'blank'}))
  const documents = splitPages(analysed, options.split, kinds).map((group): AnalysedDocument<P> => {
    const classification = classifyDocument(group.pages, kinds)
    const kind = kinds.find((entry) => entry.id === classification.kind && entry.id !== UNKNOWN_KIND)
    const extraction = extractDocument(group.pages, kind, {provinces, surnames})
    const review = [...new Set([...classification.review, ...extraction.review])]
    const document: Document = {
      kind: classification.kind,
      confidence: classification.confidence,
      evidence: classification.evidence,
      pages: group.pages.map(documentPage),
      fields: extraction.fields,
      splitReason: group.reason,
    }
    if (review.length > 0) document.review = review
    return {document, pages: group.pages.map((page) => page.recognised)}
  })
  spellNamesAsCards(documents.map((entry) => entry.document))
  spellNamesAlike(documents.map((entry) => entry.document))
  return {documents, pagesDropped}
}

/**
 * OCR often loses or confuses the diacritics of capitalised names ("NGUYEN" for "NGUYỄN",
 * "THỦY" for "THÙY"). A name on a form whose letters are those of a name read from an ID
 * card's QR code in the same dossier is that person: it is written as the card spells it,
 * the OCR reading kept beside it.
 */
export function spellNamesAsCards(documents: Document[]): void {
  const cardNames = documents.flatMap((doc, index) => (doc.fields.fullName?.source === 'qr' ? [{name: doc.fields.fullName.value, index}] : []))
  if (cardNames.length === 0) return
  for (const doc of documents) {
    for (const key of NAME_FIELDS) {
      const field = doc.fields[key]
      if (!field || field.source !== 'ocr') continue
      const card = cardNames.find((entry) => foldVietnamese(entry.name) === foldVietnamese(field.value))
      if (!card || card.name === field.value) continue
      const upper = field.value === field.value.toLocaleUpperCase('vi')
      const spelled = upper ? card.name.toLocaleUpperCase('vi') : card.name
      if (spelled === field.value) continue
      doc.fields[key] = {...field, value: spelled, ocrValue: field.value, spelledAs: {document: card.index + 1, field: 'fullName'}}
    }
  }
}

/** What analysis reads of a recognised page: its lines with their boxes, and how it was scanned. */
export async function analysisPage(recognised: AnalysablePage): Promise<AnalysisPage> {
  const {result, ocr} = recognised
  const lines: TextLine[] = ocr
    ? ocr.lines
        .map((line) => ({
          text: line.words.map((word) => word.text).join(' ').normalize('NFC'),
          bbox: line.bbox,
          confidence: line.words.length ? line.words.reduce((sum, word) => sum + word.confidence, 0) / line.words.length : undefined,
        }))
        .filter((line) => line.text.trim() !== '')
    : result.text.split('\n').map((text) => ({text}))
  const page: AnalysisPage = {
    source: result.source,
    text: result.text,
    lines,
    confidence: result.confidence,
    // Preprocessing decides from the pixels; a page OCR found nothing on is a separator too.
    blank: result.blank || (result.textSource === 'ocr' && !/[\p{L}\p{N}]{2}/u.test(result.text)),
    dpi: result.dpi,
    width: result.width,
    height: result.height,
    rotation: result.rotation,
    skew: result.skew,
  }
  const colour = await recognised.colour()
  if (colour) page.colour = colour
  return page
}

/** The view of a page still held in memory, with its acquired file open. */
export function inMemory(recognised: RecognisedPage): AnalysablePage {
  return {
    result: recognised.result,
    ocr: recognised.ocr,
    colour: async () => pageColour(recognised),
    image: async () => imageSource(recognised) ?? (await pdfPageSource(recognised)),
  }
}

export async function pageColour(recognised: Pick<RecognisedPage, 'prepared'>): Promise<'colour' | 'grey' | undefined> {
  const archival = recognised.prepared.archival
  if (archival.kind !== 'image') return undefined
  const image = archival.image
  if (image.kind === 'raw') return image.channels === 1 ? 'grey' : 'colour'
  const facts = await imageFacts(image.bytes).catch(() => undefined)
  return facts ? (facts.channels === 1 ? 'grey' : 'colour') : undefined
}

function imageSource(recognised: RecognisedPage): ImageSource | undefined {
  const archival = recognised.prepared.archival
  if (archival.kind !== 'image') return undefined
  const image = archival.image
  return image.kind !== 'raw' ? {bytes: image.bytes, page: 0} : {raw: {data: image.data, width: image.width, height: image.height, channels: image.channels}}
}

async function pdfPageSource(recognised: RecognisedPage): Promise<ImageSource | undefined> {
  try {
    const acquired = await recognised.file.page(recognised.result.source.page - 1)
    if (acquired.kind !== 'pdf') return undefined
    const rendered = await acquired.render(acquired.dpi)
    return {raw: {data: rendered.data, width: rendered.width, height: rendered.height, channels: 4}}
  } catch {
    return undefined
  }
}

/**
 * The QR payloads on a page. Pages headed by a form's title are not looked at (forms carry no
 * ID-card QR); others are read whole at their own resolution, and a page that reads like an
 * ID card but gave no code is read again corner by corner (readPageQrCodes, as `id read` does).
 */
export async function readPageQr(recognised: AnalysablePage, page: AnalysisPage, kinds: readonly DocumentKind[]): Promise<string[]> {
  const cardKinds = kinds.filter((kind) => kind.hasQr)
  if (cardKinds.length === 0) return []
  const title = titleKindOnPage(page, kinds)
  if (title && !title.kind.hasQr) return []
  const source = await recognised.image()
  if (!source) return []
  const cardLike = (kind: DocumentKind): boolean =>
    cardSide(page, kind) !== undefined || findPhrase(readableLines(page), kind.titlePatterns[0] ?? '', {joinLines: 2}) !== undefined
  try {
    return await readPageQrCodes(source, {inParts: title !== undefined || cardKinds.some(cardLike)})
  } catch {
    // An image the reader cannot take is a page without a readable code; OCR still reads it.
  }
  return []
}
