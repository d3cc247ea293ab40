/**
 * Keys given twice in one JSON object. JSON.parse keeps the last silently, so a schema author
 * who pasted a component twice, or a code under an old and a new value, never learns which
 * one counts. Runs on text that JSON.parse has already accepted.
 */
import {jsonPointer} from './problem.js'

export interface DuplicateKey {
  /** JSON pointer of the repeated member. */
  pointer: string
  key: string
}

export function findDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = []
  let at = 0
  const space = (): void => {
    while (at < text.length && ' \t\n\r\ufeff'.includes(text[at]!)) at += 1
  }
  const string = (): string => {
    const start = at
    at += 1
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1
    at += 1
    return JSON.parse(text.slice(start, at)) as string
  }
  const value = (path: Array<string | number>): void => {
    space()
    const char = text[at]
    if (char === '{') {
      at += 1
      const keys = new Set<string>()
      space()
      while (text[at] !== '}') {
        space()
        const key = string()
        if (keys.has(key)) found.push({pointer: jsonPointer(...path, key), key})
        keys.add(key)
        space()
        at += 1 // ':'
        value([...path, key])
        space()
        if (text[at] === ',') at += 1
        space()
      }
      at += 1
    } else if (char === '[') {
      at += 1
      space()
      for (let index = 0; text[at] !== ']'; index += 1) {
        value([...path, index])
        space()
        if (text[at] === ',') at += 1
        space()
      }
      at += 1
    } else if (char === '"') {
      string()
    } else {
      while (at < text.length && !',]} \t\n\r'.includes(text[at]!)) at += 1
    }
  }
  value([])
  return found
}
