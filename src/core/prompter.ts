/**
 * The prompter port: how `intake` asks the clerk and tells them things. The flow speaks in
 * message keys and data (no text); src/ui/inquirer-prompter.ts translates and asks on the
 * terminal, a test can answer through the same seam.
 */
import type {MessageParams} from './errors.js'
import type {IntakeView} from './intake-view.js'

export interface Say {
  code: string
  params?: MessageParams
  /** Parameters whose values are message keys themselves (a field's name), translated first. */
  translated?: string[]
}

export interface PromptChoice<T> {
  value: T
  /** A message, or text that is data (a procedure's name, a file name). */
  label: Say | {text: string}
}

export interface Prompter {
  /** Type to narrow the choices (the procedure search). */
  search<T>(message: Say, source: (term: string) => Promise<Array<PromptChoice<T>>>): Promise<T>
  select<T>(message: Say, choices: Array<PromptChoice<T>>): Promise<T>
  input(message: Say, validate?: (value: string) => Say | undefined): Promise<string>
  confirm(message: Say, defaultValue: boolean): Promise<boolean>
  tell(message: Say): void
  /** The checklist, documents with their fields, and the issues. */
  show(view: IntakeView): void
}
