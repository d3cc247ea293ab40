/**
 * Search of the procedure catalogue, diacritics optional ("cap phieu ly lich tu phap" finds
 * "Cấp Phiếu lý lịch tư pháp"). Every word of the query must start a word of the code, name
 * or field; the hits are ranked: the code itself, then the query as a phrase in the name
 * (earlier first), then all words in the name, then the rest; ties by shorter name, then code.
 */
import {componentCount, type ProcedureLevel, type ProcedureSchema} from './procedure.js'
import {foldVietnamese} from './text-fold.js'

export interface SearchFilter {
  text?: string
  /** Field (lĩnh vực), matched as a phrase of whole words: "ho tich" finds "Hộ tịch". */
  field?: string
  level?: ProcedureLevel
}

/** What a list shows of a procedure. */
export interface ProcedureListing {
  code: string
  name: string
  levels: ProcedureLevel[]
  field?: string
  results: number
  components: number
}

/** What a list and a search need of a procedure, with its name and field folded once. */
export interface ProcedureIndexEntry extends ProcedureListing {
  /** Folded words of the name, space-separated. */
  nameWords: string
  fieldWords: string
}

/** Folded text as words (letters and digits; "1.001193" stays one word), space-separated. */
export function foldWords(text: string): string {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word !== '')
    .join(' ')
}

export function indexEntry(schema: ProcedureSchema): ProcedureIndexEntry {
  return {
    code: schema.code,
    name: schema.name,
    levels: schema.levels ?? [],
    ...(schema.field ? {field: schema.field} : {}),
    results: schema.results.length,
    components: componentCount(schema),
    nameWords: foldWords(schema.name),
    fieldWords: foldWords(schema.field ?? ''),
  }
}

interface Ranked<T> {
  item: T
  tier: number
  position: number
  length: number
}

// Split once per entry and search: a catalogue is searched many times in one process (intake).
const split = new WeakMap<ProcedureIndexEntry, {name: string[]; all: string[]}>()
function wordsOf(item: ProcedureIndexEntry): {name: string[]; all: string[]} {
  let known = split.get(item)
  if (!known) {
    const name = item.nameWords.split(' ')
    known = {name, all: [...name, ...item.fieldWords.split(' '), item.code.toLowerCase()]}
    split.set(item, known)
  }
  return known
}

const startsAWord = (haystack: readonly string[], word: string): boolean => haystack.some((candidate) => candidate.startsWith(word))

export function searchProcedures<T extends ProcedureIndexEntry>(items: readonly T[], filter: SearchFilter): T[] {
  const field = filter.field === undefined ? undefined : ` ${foldWords(filter.field)} `
  const query =
    filter.text === undefined
      ? []
      : foldWords(filter.text)
          .split(' ')
          .filter((word) => word !== '')
  const phrase = query.join(' ')
  const ranked: Array<Ranked<T>> = []
  for (const item of items) {
    if (filter.level !== undefined && !item.levels.includes(filter.level)) continue
    if (field !== undefined && !` ${item.fieldWords} `.includes(field)) continue
    if (query.length === 0) {
      ranked.push({item, tier: 0, position: 0, length: 0})
      continue
    }
    const {name: nameWords, all} = wordsOf(item)
    const code = item.code.toLowerCase()
    if (query.length === 1 && code.startsWith(phrase)) {
      ranked.push({item, tier: 0, position: 0, length: nameWords.length})
      continue
    }
    if (!query.every((word) => startsAWord(all, word))) continue
    const at = ` ${item.nameWords}`.indexOf(` ${phrase}`)
    const tier = at >= 0 ? 1 : query.every((word) => startsAWord(nameWords, word)) ? 2 : 3
    ranked.push({item, tier, position: Math.max(at, 0), length: nameWords.length})
  }
  ranked.sort((a, b) => a.tier - b.tier || a.position - b.position || a.length - b.length || a.item.code.localeCompare(b.item.code))
  return ranked.map((entry) => entry.item)
}
