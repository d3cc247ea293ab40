import type {InputFormat} from './page.js'

/** The format a file's first bytes announce, whatever its name says. */
export function sniffFormat(head: Uint8Array): InputFormat | undefined {
  const starts = (...bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte)
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff'
  if (starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b)) return 'tiff'
  // PDF allows junk before the header within the first kilobyte.
  const text = new TextDecoder('latin1').decode(head.subarray(0, 1024))
  if (text.includes('%PDF-')) return 'pdf'
  return undefined
}

const EXTENSIONS: Record<string, InputFormat> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff',
  pdf: 'pdf',
}

export function formatFromExtension(fileName: string): InputFormat | undefined {
  const extension = fileName.toLowerCase().split('.').pop() ?? ''
  return EXTENSIONS[extension]
}

export const FORMAT_LABEL: Record<InputFormat, string> = {jpeg: 'JPEG', png: 'PNG', tiff: 'TIFF', pdf: 'PDF'}
