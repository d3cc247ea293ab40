/**
 * Every runtime dependency in package.json is used by the shipped code (src/, bin/): an
 * unused one (utif2 was) only adds install time and attack surface. oclif plugins are used by
 * being named in package.json's oclif.plugins: oclif loads them.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'

import {describe, expect, it} from 'vitest'

import {OCR_LANGUAGES} from '../src/tools/tesseract.js'
import {ROOT} from './helpers/cli.js'

function sources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sources(file)
    return /\.(ts|js)$/.test(entry.name) ? [readFileSync(file, 'utf8')] : []
  })
}

describe('package.json dependencies', () => {
  it('are each imported by src/ or bin/ or loaded as oclif plugins (the OCR language data packages are resolved by language code)', () => {
    const text = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'bin'))].join('\n')
    const languageData = new Set(OCR_LANGUAGES.map((code) => `@tesseract.js-data/${code}`))
    expect(text).toContain('`@tesseract.js-data/${code}')
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
    const dependencies = Object.keys(manifest.dependencies as Record<string, string>)
    const plugins = new Set(manifest.oclif.plugins as string[])
    for (const plugin of plugins) expect(dependencies).toContain(plugin)
    const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    const unused = dependencies.filter((name) => !languageData.has(name) && !plugins.has(name) && !new RegExp(`['"]${escape(name)}(/[^'"]*)?['"]`).test(text))
    expect(unused).toEqual([])
  })
})
