/** Process exit codes, SPEC §7. The only place these numbers are written. */
export const ExitCode = {
  Ok: 0,
  Internal: 1,
  Usage: 2,
  UnreadableInput: 3,
  DossierInvalid: 4,
  BatchPartlyFailed: 5,
  VerificationFailed: 6,
  MissingDependency: 7,
  CannotWriteOutput: 8,
  Interrupted: 130,
} as const

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
