/** A message in both languages; `{name}` placeholders are filled from the params. */
export interface Message {
  vi: string
  en: string
}

export type MessageTable = Record<string, Message>
