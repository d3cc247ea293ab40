/**
 * Vietnamese text folded for search and matching: NFC first, then diacritics removed,
 * đ/Đ → d (đ is a letter of its own, not a d with a combining mark, so NFD leaves it),
 * lower case, runs of whitespace collapsed. "Đăng ký thường trú" → "dang ky thuong tru".
 */
export function foldVietnamese(text: string): string {
  return foldMarks(text).replace(/\s+/g, ' ').trim()
}

/** The one removal of diacritics: marks dropped, đ/Đ → d, lower case; spacing and punctuation kept. */
export function foldMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
}

/** How many diacritic marks (and đ/Đ) the text has: what folding takes away. */
export function diacriticCount(text: string): number {
  return (text.normalize('NFD').match(/\p{M}/gu)?.length ?? 0) + (text.match(/[đĐ]/g)?.length ?? 0)
}

/** True when every word of the query occurs, folded, in the text. */
export function matchesFolded(text: string, query: string): boolean {
  const haystack = foldVietnamese(text)
  return foldVietnamese(query)
    .split(' ')
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word))
}
