/**
 * Vietnamese text folded for search and matching: NFC first, then diacritics removed,
 * đ/Đ → d (đ is a letter of its own, not a d with a combining mark, so NFD leaves it),
 * lower case, runs of whitespace collapsed. "Đăng ký thường trú" → "dang ky thuong tru".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** True when every word of the query occurs, folded, in the text. */
export function matchesFolded(text: string, query: string): boolean {
  const haystack = foldVietnamese(text)
  return foldVietnamese(query)
    .split(' ')
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word))
}
