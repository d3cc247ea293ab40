/**
 * Where a PDF signature's /ByteRange may point (ISO 32000-1 12.8.1, ETSI EN 319 142-1 5.1):
 * from byte 0 to the '<' of /Contents, and from after its '>' to the end of the revision it
 * signs. Only the last signature may end at the end of the file; an earlier one ends at the
 * %%EOF of an earlier revision.
 */
export type ByteRangeFinding = {ok: true; end: number} | {ok: false; reason: 'shape' | 'gap' | 'beyond-file' | 'not-a-revision'}

export function checkByteRange(bytes: Uint8Array, range: number[]): ByteRangeFinding {
  if (range.length !== 4 || range.some((value) => !Number.isSafeInteger(value) || value < 0)) return {ok: false, reason: 'shape'}
  const [start, firstLength, second, secondLength] = range as [number, number, number, number]
  const end = second + secondLength
  if (start !== 0 || second < firstLength) return {ok: false, reason: 'shape'}
  if (end > bytes.length) return {ok: false, reason: 'beyond-file'}
  // The gap must be exactly the hex string <…> of /Contents: nothing else may stay unsigned.
  if (bytes[firstLength] !== 0x3c || bytes[second - 1] !== 0x3e) return {ok: false, reason: 'gap'}
  for (let index = firstLength + 1; index < second - 1; index++) if (!isHexDigit(bytes[index]!)) return {ok: false, reason: 'gap'}
  if (end !== bytes.length && !endsRevision(bytes, end)) return {ok: false, reason: 'not-a-revision'}
  return {ok: true, end}
}

/** The signed part `[0, a) + [b, b+c)` of the file. */
export function signedBytes(bytes: Uint8Array, range: number[]): Uint8Array {
  const [, firstLength, second, secondLength] = range as [number, number, number, number]
  const out = new Uint8Array(firstLength + secondLength)
  out.set(bytes.subarray(0, firstLength), 0)
  out.set(bytes.subarray(second, second + secondLength), firstLength)
  return out
}

function endsRevision(bytes: Uint8Array, end: number): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, end - 8), end))
  return /%%EOF\s*$/.test(tail)
}

function isHexDigit(byte: number): boolean {
  const digit = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  // White space inside a hex string is allowed and ignored (ISO 32000-1 7.3.4.3).
  return digit || byte === 0x20 || byte === 0x0a || byte === 0x0d
}
