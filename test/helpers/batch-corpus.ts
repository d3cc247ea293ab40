/** Generated batch roots: small dossiers of rendered pages, and bad ones mixed in. */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import {renderPage} from '../../scripts/lib/page-render.js'

/** A small page (A7, 200 dpi) with a few lines: cheap to decode and preprocess. */
export async function smallPage(lines: readonly string[] = ['TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Trang hồ sơ']): Promise<Buffer> {
  return renderPage({lines: [...lines], pageMm: {width: 74, height: 105}, dpi: 200, sizePt: 8, marginMm: 6, font: 'sans'})
}

/** `count` dossiers `d01`…, each a folder of `pages` PNG pages; returns their folder names. */
export async function writeGoodDossiers(root: string, count: number, pages = 1, prefix = 'd'): Promise<string[]> {
  const page = await smallPage()
  const names: string[] = []
  for (let index = 1; index <= count; index += 1) {
    const name = `${prefix}${String(index).padStart(2, '0')}`
    await mkdir(path.join(root, name), {recursive: true})
    for (let p = 1; p <= pages; p += 1) await writeFile(path.join(root, name, `p${p}.png`), page)
    names.push(name)
  }
  return names
}
