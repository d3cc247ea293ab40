/**
 * Cleanup on Ctrl-C / SIGTERM: long-lived resources (worker pools, temporary folders)
 * register here so an interrupted run leaves no orphan workers or half-written outputs.
 */
type Cleanup = () => Promise<void> | void

const cleanups = new Set<Cleanup>()
let installed = false
let interrupting = false

/** True once Ctrl-C or SIGTERM arrived: no new output may be started. */
export function interrupted(): boolean {
  return interrupting
}

export function registerCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup)
  return () => cleanups.delete(cleanup)
}

export async function runCleanups(): Promise<void> {
  const pending = [...cleanups]
  cleanups.clear()
  await Promise.allSettled(pending.map(async (cleanup) => cleanup()))
}

/** Exit code 130 after cleaning up, as SPEC §7 asks for an interrupted run. */
export function installSignalHandlers(onInterrupt: () => void = () => {}): void {
  if (installed) return
  installed = true
  const handler = (): void => {
    interrupting = true
    onInterrupt()
    void runCleanups().finally(() => process.exit(130))
  }
  process.once('SIGINT', handler)
  process.once('SIGTERM', handler)
}
