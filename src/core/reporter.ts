/**
 * Progress of a long job: the port through which stages report. Whether anything is drawn is
 * decided by the implementation in `src/ui` (only on a terminal, never under --json, in CI or
 * in tests); stages only call these methods.
 */
export interface Reporter {
  start(label: string, total?: number): void
  advance(detail?: string): void
  stop(): void
}

export const silentReporter: Reporter = {
  start() {},
  advance() {},
  stop() {},
}

/** Progress of a batch: dossiers and pages done, for a bar with pages/min and ETA. */
export interface BatchReporter {
  start(dossiers: number): void
  page(): void
  dossier(status: string): void
  stop(): void
}

export const silentBatchReporter: BatchReporter = {
  start() {},
  page() {},
  dossier() {},
  stop() {},
}
