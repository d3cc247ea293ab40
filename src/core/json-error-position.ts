/**
 * Where a JSON text first goes wrong, as line and column (1-based). JSON.parse says what is
 * wrong but, depending on the Node version, not always where; schema authors need where.
 * A small recursive-descent reader of the JSON grammar (RFC 8259) that stops at the first
 * offending character.
 */
export interface TextPosition {
  offset: number
  line: number
  column: number
}

class Stop extends Error {
  constructor(readonly offset: number) {
    super('json')
  }
}

export function locateJsonError(text: string): TextPosition | undefined {
  let at = 0
  const fail = (): never => {
    throw new Stop(at)
  }
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1
  }
  const literal = (word: string): void => {
    for (const character of word) {
      if (text[at] !== character) fail()
      at += 1
    }
  }
  const string = (): void => {
    at += 1
    while (at < text.length) {
      const character = text[at]!
      if (character === '"') {
        at += 1
        return
      }
      if (character < ' ') fail()
      if (character === '\\') {
        at += 1
        if (text[at] === 'u') {
          for (let index = 1; index <= 4; index += 1) {
            if (/[0-9a-fA-F]/.test(text[at + index] ?? '')) continue
            at += index
            fail()
          }
          at += 5
        } else if ('"\\/bfnrt'.includes(text[at] ?? 'x')) at += 1
        else fail()
      } else at += 1
    }
    fail()
  }
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at))
    if (!match) fail()
    at += match![0].length
  }
  const value = (): void => {
    space()
    const character = text[at]
    if (character === '{') object()
    else if (character === '[') array()
    else if (character === '"') string()
    else if (character === 't') literal('true')
    else if (character === 'f') literal('false')
    else if (character === 'n') literal('null')
    else number()
  }
  const object = (): void => {
    at += 1
    space()
    if (text[at] === '}') {
      at += 1
      return
    }
    for (;;) {
      space()
      if (text[at] !== '"') fail()
      string()
      space()
      if (text[at] !== ':') fail()
      at += 1
      value()
      space()
      if (text[at] === ',') at += 1
      else if (text[at] === '}') {
        at += 1
        return
      } else fail()
    }
  }
  const array = (): void => {
    at += 1
    space()
    if (text[at] === ']') {
      at += 1
      return
    }
    for (;;) {
      value()
      space()
      if (text[at] === ',') at += 1
      else if (text[at] === ']') {
        at += 1
        return
      } else fail()
    }
  }
  try {
    value()
    space()
    if (at < text.length) fail()
    return undefined
  } catch (error) {
    if (!(error instanceof Stop)) throw error
    return positionOf(text, error.offset)
  }
}

function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset).split('\n')
  return {offset, line: before.length, column: (before.at(-1)?.length ?? 0) + 1}
}
