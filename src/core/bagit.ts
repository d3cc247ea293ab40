/**
 * BagIt (RFC 8493) as plain text in and out: the tag files' contents, manifest lines, the
 * Payload-Oxum, and the path rules that keep every manifest entry inside its bag. No I/O.
 */

export const BAGIT_VERSION = '1.0'
export const MANIFEST = 'manifest-sha256.txt'
export const TAG_MANIFEST = 'tagmanifest-sha256.txt'
export const BAG_DECLARATION = 'bagit.txt'
export const BAG_INFO = 'bag-info.txt'

export interface ManifestEntry {
  /** Relative to the bag root, `/`-separated, NFC (e.g. `data/hoso.json`). */
  path: string
  sha256: string
}

export function bagDeclaration(): string {
  return `BagIt-Version: ${BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n`
}

/** Payload-Oxum: `<total octets>.<number of files>` of the payload (data/). */
export function payloadOxum(sizes: readonly number[]): string {
  return `${sizes.reduce((sum, size) => sum + size, 0)}.${sizes.length}`
}

/** bag-info.txt in the order given; values are single-line (RFC 8493 §2.2.2 allows folding, we never need it). */
export function bagInfo(fields: ReadonlyArray<[string, string]>): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/\s*\n\s*/g, ' ')}`).join('\n') + '\n'
}

export function parseBagInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  let last: string | undefined
  for (const line of text.split(/\r?\n/)) {
    if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)} ${line.trim()}`)
    const match = /^([^:\s][^:]*):\s?(.*)$/.exec(line)
    if (match) {
      last = match[1]!
      fields.set(last, match[2]!)
    }
  }
  return fields
}

/** Percent-encodes what RFC 8493 §2.1.3 says must be: CR, LF and `%` in a manifest path. */
function encodePath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function decodePath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

export function manifest(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => `${entry.sha256}  ${encodePath(entry.path)}\n`)
    .join('')
}

export interface ManifestLineProblem {
  line: number
  text: string
}

export function parseManifest(text: string): {entries: ManifestEntry[]; malformed: ManifestLineProblem[]} {
  const entries: ManifestEntry[] = []
  const malformed: ManifestLineProblem[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    const match = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line)
    if (match) entries.push({sha256: match[1]!.toLowerCase(), path: decodePath(match[2]!)})
    else malformed.push({line: index + 1, text: line})
  })
  return {entries, malformed}
}

/**
 * A manifest path is safe when it stays inside the bag: relative, no `..` or `.` segments,
 * no backslashes or drive letters, no empty segments, NFC. (RFC 8493 §2.1.3 and §3.)
 */
export function isSafeBagPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false
  if (path !== path.normalize('NFC') || path.includes('\0')) return false
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}
