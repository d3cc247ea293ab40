/**
 * Reading the signatures a PDF carries, with pdf-lib (which reads every revision of an
 * incrementally updated file, the later definitions winning): each signature field's
 * /ByteRange, /Contents, /SubFilter and /M, nothing checked yet.
 */
import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString} from 'pdf-lib'

export interface PdfSignatureEntry {
  field: string
  subFilter: string
  byteRange: number[]
  /** The CMS, with the placeholder's zero padding still at its end. */
  contents: Uint8Array
  /** /M: when the signer's software says it signed. */
  signingTime: Date | undefined
}

export async function readPdfSignatures(bytes: Uint8Array): Promise<PdfSignatureEntry[]> {
  const doc = await PDFDocument.load(bytes, {updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false})
  const form = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  const fields = form?.lookupMaybe(PDFName.of('Fields'), PDFArray)
  const entries: PdfSignatureEntry[] = []
  const visit = (node: PDFDict, parentName: string): void => {
    const ownName = node.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString)?.decodeText() ?? ''
    const name = parentName && ownName ? `${parentName}.${ownName}` : parentName || ownName
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    if (kids) for (const kid of kids.asArray()) visitRef(kid, name)
    const value = node.lookupMaybe(PDFName.of('V'), PDFDict)
    if (node.lookupMaybe(PDFName.of('FT'), PDFName)?.asString() !== '/Sig' || !value) return
    const range = value.lookupMaybe(PDFName.of('ByteRange'), PDFArray)
    const contents = value.lookupMaybe(PDFName.of('Contents'), PDFString, PDFHexString)
    const time = value.lookupMaybe(PDFName.of('M'), PDFString, PDFHexString)
    entries.push({
      field: name,
      subFilter: value.lookupMaybe(PDFName.of('SubFilter'), PDFName)?.decodeText() ?? '',
      byteRange: range ? range.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : Number.NaN)) : [],
      contents: contents ? contents.asBytes() : new Uint8Array(0),
      signingTime: time
        ? safeDate(() => (time instanceof PDFString ? time.decodeDate() : PDFString.of(time.decodeText()).decodeDate()))
        : undefined,
    })
  }
  const visitRef = (item: unknown, parentName: string): void => {
    const node = item instanceof PDFRef ? doc.context.lookup(item) : item
    if (node instanceof PDFDict) visit(node, parentName)
  }
  for (const field of fields?.asArray() ?? []) visitRef(field, '')
  return entries
}

function safeDate(read: () => Date): Date | undefined {
  try {
    const date = read()
    return Number.isNaN(date.getTime()) ? undefined : date
  } catch {
    return undefined
  }
}
