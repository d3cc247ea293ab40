import {ExitCode} from './exit-codes.js'

export type MessageParams = Record<string, string | number>

/**
 * A domain error: a message key (translated at the edge, see src/ui/messages) with its
 * parameters and the exit code it maps to. The core throws these and never formats text
 * for a terminal; the base command renders them.
 */
export class SohoaError extends Error {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
    readonly exitCode: ExitCode = ExitCode.Internal,
    options?: {cause?: unknown},
  ) {
    super(`${code} ${JSON.stringify(params)}`, options)
    this.name = 'SohoaError'
  }
}

/** An input file we cannot read: exit 3. `params.file` names it. */
export class UnreadableInputError extends SohoaError {
  constructor(code: string, params: MessageParams & {file: string}, options?: {cause?: unknown}) {
    super(code, params, ExitCode.UnreadableInput, options)
    this.name = 'UnreadableInputError'
  }
}

export class UsageError extends SohoaError {
  constructor(code: string, params: MessageParams = {}) {
    super(code, params, ExitCode.Usage)
    this.name = 'UsageError'
  }
}

export class MissingDependencyError extends SohoaError {
  constructor(code: string, params: MessageParams = {}, options?: {cause?: unknown}) {
    super(code, params, ExitCode.MissingDependency, options)
    this.name = 'MissingDependencyError'
  }
}

export class OutputError extends SohoaError {
  constructor(code: string, params: MessageParams & {file: string}, options?: {cause?: unknown}) {
    super(code, params, ExitCode.CannotWriteOutput, options)
    this.name = 'OutputError'
  }
}

export class InterruptedError extends SohoaError {
  constructor() {
    super('run.interrupted', {}, ExitCode.Interrupted)
    this.name = 'InterruptedError'
  }
}
