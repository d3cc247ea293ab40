/**
 * Where sohoa keeps its own state (dossier-code sequences): `--data-dir`, else
 * SOHOA_DATA_DIR, else the user's data directory (env-paths: ~/.local/share/sohoa on Linux).
 */
import envPaths from 'env-paths'

export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.SOHOA_DATA_DIR ?? envPaths('sohoa', {suffix: ''}).data
}
