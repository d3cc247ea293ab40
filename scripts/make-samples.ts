/**
 * Generates the bundled sample dossier in samples/ho-so-khai-sinh/: a complete birth
 * registration (1.001193) as a clerk scans it — the application form, the hospital's birth
 * certificate and a photocopy of the parent's ID card with its QR code — made by the same
 * generator as the accuracy benchmark, from a fixed seed. Run: npm run samples [-- --seed N]
 */
import {readFile, readdir, rm} from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {generateDossier, mulberry32} from '../bench/corpus/generate.js'
import type {ProcedureSchema} from '../src/core/procedure.js'

const {values} = parseArgs({options: {seed: {type: 'string', default: '20'}}})
const root = path.join(import.meta.dirname, '..')
const dir = path.join(root, 'samples', 'ho-so-khai-sinh')
const procedure = JSON.parse(await readFile(path.join(root, 'templates', 'procedures', '1.001193.json'), 'utf8')) as ProcedureSchema
await rm(dir, {recursive: true, force: true})
const truth = await generateDossier(dir, procedure, mulberry32(Number(values.seed)), ['to-khai-khai-sinh', 'giay-chung-sinh', 'cccd'])
for (const name of await readdir(dir)) console.log(path.join('samples', 'ho-so-khai-sinh', name))
console.log(`documents: ${truth.documents.map((document) => document.kind).join(', ')}`)
