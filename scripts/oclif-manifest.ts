/**
 * Writes oclif.manifest.json after the build: the command list with flags and help, so that
 * `sohoa --version`, `--help` or one command loads only what it runs instead of importing
 * every command (and pdfjs, sharp, tesseract with them) to learn their flags. It is what the
 * `oclif manifest` command of the oclif CLI writes, done with @oclif/core's own Plugin loader
 * so as not to add the whole oclif CLI as a dependency.
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'

import {Plugin} from '@oclif/core'

const root = path.resolve(import.meta.dirname, '..')
const plugin = new Plugin({root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true})
await plugin.load()
await writeFile(path.join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`)
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`)
