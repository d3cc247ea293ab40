/**
 * Natural name order for page files: `p2` before `p10`, Vietnamese names compared after
 * NFC normalisation so that NFC and NFD spellings of one name sort together.
 */
const collator = new Intl.Collator('vi', {numeric: true, sensitivity: 'base'})

export function compareNatural(a: string, b: string): number {
  return collator.compare(a.normalize('NFC'), b.normalize('NFC')) || (a < b ? -1 : a > b ? 1 : 0)
}

export function sortNatural(names: readonly string[]): string[] {
  return [...names].sort(compareNatural)
}
