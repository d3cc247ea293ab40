import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The project root, where schemas/ and templates/ live. This file runs from src/tools
 * (tests, tsx) or dist/tools (the built CLI); both sit two levels under the root.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments)
}
