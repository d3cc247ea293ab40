/**
 * Where sohoa keeps what it can rebuild (the national procedure catalogue built from
 * templates/sources): SOHOA_CACHE_DIR, else the user's cache directory (env-paths:
 * ~/.cache/sohoa on Linux). Never the current directory.
 */
import envPaths from 'env-paths'

export function resolveCacheDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? (env.SOHOA_CACHE_DIR || envPaths('sohoa', {suffix: ''}).cache)
}
