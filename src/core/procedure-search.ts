/**
 * Search of the procedure catalogue, diacritics optional ("cap phieu ly lich tu phap" finds
 * "Cấp Phiếu lý lịch tư pháp"). Every word of the query must start a word of the code, name
 * or field; the hits are ranked: the code itself, then the query as a phrase in the name
 * (earlier first), then all words in the name, then the rest; ties by shorter name, then code.
 */
import type {ProcedureLevel, ProcedureSchema} from './procedure.js'
import {foldVietnamese} from './text-fold.js'

export interface SearchFilter {
  text?: string
  /** Field (lĩnh vực), folded, matched as a phrase: "ho tich" finds "Hộ tịch". */
  field?: string
  level?: ProcedureLevel
}

export interface Searchable {
  schema: Pick<ProcedureSchema, 'code' | 'name' | 'field' | 'levels'>
}

/** Folded text split into words (letters and digits; "1.001193" stays one word). */
export function words(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}.]+/u)
    .map((word) => word.replace(/^\.+|\.+$/g, ''))
    .filter((word) => word !== '')
}

interface Ranked<T> {
  item: T
  tier: number
  position: number
  length: number
}

const startsAWord = (haystack: readonly string[], word: string): boolean => haystack.some((candidate) => candidate.startsWith(word))

export function searchProcedures<T extends Searchable>(items: readonly T[], filter: SearchFilter): T[] {
  const field = filter.field === undefined ? undefined : words(filter.field).join(' ')
  const query = filter.text === undefined ? [] : words(filter.text)
  const phrase = query.join(' ')
  const ranked: Array<Ranked<T>> = []
  for (const item of items) {
    const {schema} = item
    if (filter.level !== undefined && !(schema.levels ?? []).includes(filter.level)) continue
    if (field !== undefined && !` ${words(schema.field ?? '').join(' ')} `.includes(` ${field}`)) continue
    const nameWords = words(schema.name)
    if (query.length === 0) {
      ranked.push({item, tier: 0, position: 0, length: 0})
      continue
    }
    const code = schema.code.toLowerCase()
    if (query.length === 1 && (code === phrase || code.startsWith(phrase))) {
      ranked.push({item, tier: 0, position: 0, length: nameWords.length})
      continue
    }
    const all = [...nameWords, ...words(schema.field ?? ''), code]
    if (!query.every((word) => startsAWord(all, word))) continue
    const name = ` ${nameWords.join(' ')}`
    const at = name.indexOf(` ${phrase}`)
    if (at >= 0) ranked.push({item, tier: 1, position: at, length: nameWords.length})
    else if (query.every((word) => startsAWord(nameWords, word))) ranked.push({item, tier: 2, position: 0, length: nameWords.length})
    else ranked.push({item, tier: 3, position: 0, length: nameWords.length})
  }
  ranked.sort((a, b) => a.tier - b.tier || a.position - b.position || a.length - b.length || a.item.schema.code.localeCompare(b.item.schema.code))
  return ranked.map((entry) => entry.item)
}
