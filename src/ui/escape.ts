/**
 * User input echoed to a terminal (a typed ID, a QR payload, a file name) must not drive the
 * terminal: control characters (ESC sequences, BEL, backspace), invisible format characters
 * (zero-width space, bidi overrides such as U+202E) and line or paragraph separators are shown
 * as escapes (`\x1b`, `\u202e`) instead of being sent raw.
 */
const NON_PRINTING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\ud800-\udfff]/gu

export function escapeNonPrinting(text: string): string {
  return text.replace(NON_PRINTING, (char) => {
    const code = char.codePointAt(0)!
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
