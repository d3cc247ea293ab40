/**
 * Generates the bundled sample dossier in samples/ho-so-khai-sinh/: a birth-registration
 * application (photocopy-like JPEG at 300 dpi, slightly skewed, on tinted paper) and a page
 * of the civil-status law (clean PNG at 200 dpi). Run: npm run samples
 */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {renderPage} from './lib/page-render.js'
import {FORM_PAGE, LAW_PAGE} from './lib/vietnamese-text.js'

const dir = path.join(import.meta.dirname, '..', 'samples', 'ho-so-khai-sinh')
await mkdir(dir, {recursive: true})
const pages: [string, Buffer][] = [
  [
    'trang-1.jpg',
    await renderPage({
      lines: FORM_PAGE,
      dpi: 300,
      format: 'jpeg',
      paper: {r: 250, g: 246, b: 236},
      degrade: {rotate: 0.6, blurSigma: 0.7, noise: 0, contrast: 0.85, seed: 7},
    }),
  ],
  ['trang-2.png', await renderPage({lines: LAW_PAGE, dpi: 200, format: 'png'})],
]
for (const [name, bytes] of pages) {
  await writeFile(path.join(dir, name), bytes)
  console.log(`${path.join('samples', 'ho-so-khai-sinh', name)}: ${Math.round(bytes.length / 1024)} KiB`)
}
