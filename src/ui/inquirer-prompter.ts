/**
 * The Prompter port on a terminal, with @inquirer/prompts: messages translated to the clerk's
 * language, ID numbers masked in what is shown unless revealed. The streams can be given (a
 * test drives it through a virtual terminal, as a clerk would at a real one).
 */
import type {Readable, Writable} from 'node:stream'

import {confirm, input, search, select} from '@inquirer/prompts'

import {maskIdsInText} from '../core/citizen-id.js'
import {InterruptedError} from '../core/errors.js'
import type {PromptChoice, Prompter, Say} from '../core/prompter.js'
import {type Lang, translate} from './i18n.js'
import {intakeViewLines} from './intake-view.js'

export interface TerminalStreams {
  input?: Readable
  output?: Writable
}

export function inquirerPrompter(lang: Lang, streams: TerminalStreams = {}): Prompter {
  const output = streams.output ?? process.stdout
  const context = {input: streams.input ?? process.stdin, output}
  const say = (message: Say): string => {
    const params = {...message.params}
    for (const name of message.translated ?? []) params[name] = translate(lang, String(params[name]))
    return translate(lang, message.code, params)
  }
  const label = <T>(choice: PromptChoice<T>): string => maskIdsInText('text' in choice.label ? choice.label.text : say(choice.label))
  const asked = async <T>(prompt: Promise<T>): Promise<T> => {
    try {
      return await prompt
    } catch (error) {
      // Ctrl-C or a closed terminal: the session is saved after every step, so it can be resumed.
      if ((error as Error).name === 'ExitPromptError' || (error as Error).name === 'AbortPromptError') throw new InterruptedError()
      throw error
    }
  }
  return {
    search: (message, source) =>
      asked(
        search(
          {
            message: say(message),
            source: async (term) => (await source(term ?? '')).map((choice) => ({value: choice.value, name: label(choice)})),
            pageSize: 8,
          },
          context,
        ),
      ),
    select: (message, choices) => {
      const named = choices.map((choice) => ({value: choice.value, name: label(choice)}))
      return asked(select({message: say(message), choices: named, pageSize: 12}, context))
    },
    input: (message, validate) =>
      asked(
        input(
          {
            message: say(message),
            validate: (value) => {
              const problem = validate?.(value)
              return problem ? say(problem) : true
            },
          },
          context,
        ),
      ),
    confirm: (message, defaultValue) => {
      // The answer is echoed in the clerk's language (inquirer's own echo is "Yes"/"No").
      const transformer = (yes: boolean): string => translate(lang, yes ? 'intake.answer-yes' : 'intake.answer-no')
      return asked(confirm({message: say(message), default: defaultValue, transformer}, context))
    },
    tell: (message) => void output.write(`${maskIdsInText(say(message))}\n`),
    show: (view) => void output.write(`${intakeViewLines(view, lang).join('\n')}\n`),
  }
}
