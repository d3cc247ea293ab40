/**
 * Pages laid out in blocks, as administrative papers are: full-width runs of lines and rows
 * of side-by-side blocks (an agency block beside the national header, two signature blocks,
 * the Bên nữ / Bên nam columns of a marriage declaration). The ground truth reads each block
 * whole, left block first, as a reader (and pdftotext) would.
 */
import sharp, {type OverlayOptions} from 'sharp'

import {FONTS, type FontName, mulberry32} from '../../scripts/lib/page-render.js'

/** Blocks side by side; each is a list of lines, wrapped to its own width. */
export interface Columns {
  columns: string[][]
}

/** A page: lines (full width) and rows of columns, top to bottom. */
export type PageItem = string | Columns
export type PageContent = PageItem[]

export const isColumns = (item: PageItem): item is Columns => typeof item !== 'string'

/** The text of a page in reading order: each block whole, left before right. */
export function readingText(page: PageContent): string {
  return page.flatMap((item) => (isColumns(item) ? item.columns.flat() : [item])).join('\n')
}

/** Degradation profiles: how tired the copier was. */
export type Profile = 'clean' | 'mild' | 'hard'

export interface PageStyle {
  font: FontName
  sizePt: number
  dpi: number
  jpeg: boolean
  profile: Profile
  rotate: number
  blur: number
  noise: number
  contrast: number
  seed: number
}

const MM_PER_INCH = 25.4
const mm = (value: number, dpi: number) => Math.round((value / MM_PER_INCH) * dpi)
export const PAPER = {r: 252, g: 250, b: 244}

async function textBlock(lines: string[], s: PageStyle, widthPx: number): Promise<Buffer | undefined> {
  if (lines.length === 0) return undefined
  const font = FONTS[s.font]
  const markup = lines.join('\n').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return sharp({
    text: {
      text: `<span font_family="${font.family}" size="${s.sizePt}pt">${markup}</span>`,
      fontfile: font.file,
      dpi: s.dpi,
      rgba: true,
      width: widthPx,
      wrap: 'word',
      spacing: Math.round(s.dpi * 0.08),
    },
  })
    .png()
    .toBuffer()
}

/** Renders the page on A4 paper, then degrades it by its style. */
export async function renderLayoutPage(page: PageContent, s: PageStyle): Promise<Buffer> {
  const width = mm(210, s.dpi)
  const height = mm(297, s.dpi)
  const margin = Math.round(s.dpi * 0.8)
  const gap = mm(10, s.dpi)
  const blockGap = Math.round(s.dpi * 0.12)
  const layers: OverlayOptions[] = []
  let top = margin
  const runs: PageItem[][] = []
  for (const item of page) {
    const last = runs.at(-1)
    if (!isColumns(item) && last && !isColumns(last[0]!)) last.push(item)
    else runs.push([item])
  }
  for (const run of runs) {
    const first = run[0]!
    if (!isColumns(first)) {
      const block = await textBlock(run as string[], s, width - 2 * margin)
      if (!block) continue
      layers.push({input: block, left: margin, top})
      top += (await sharp(block).metadata()).height! + blockGap
      continue
    }
    const count = first.columns.length
    const columnWidth = Math.floor((width - 2 * margin - gap * (count - 1)) / count)
    let bottom = top
    for (const [index, lines] of first.columns.entries()) {
      const block = await textBlock(lines, s, columnWidth)
      if (!block) continue
      layers.push({input: block, left: margin + index * (columnWidth + gap), top})
      bottom = Math.max(bottom, top + (await sharp(block).metadata()).height!)
    }
    top = bottom + blockGap
  }
  if (top > height - mm(10, s.dpi)) throw new Error(`page content runs off the page (${top} > ${height})`)
  const buffer = await sharp({create: {width, height, channels: 3, background: PAPER}}).composite(layers).png().toBuffer()
  return degradePage(buffer, s)
}

/** Turn, blur, wash out and add grain, as a copier and scanner do; then encode as the style says. */
export async function degradePage(input: Buffer, s: PageStyle): Promise<Buffer> {
  let image = sharp(input)
  if (s.rotate) image = image.rotate(s.rotate, {background: PAPER})
  if (s.blur >= 0.3) image = image.blur(s.blur)
  const {data, info} = await image.raw().toBuffer({resolveWithObject: true})
  const random = mulberry32(s.seed)
  for (let i = 0; i < data.length; i += info.channels) {
    const grain = s.noise ? gaussian(random) * s.noise : 0
    for (let c = 0; c < Math.min(3, info.channels); c += 1) {
      const value = 255 - (255 - data[i + c]!) * s.contrast + grain
      data[i + c] = Math.max(0, Math.min(255, Math.round(value)))
    }
  }
  const out = sharp(data, {raw: {width: info.width, height: info.height, channels: info.channels}}).withMetadata({density: s.dpi})
  return s.jpeg ? out.jpeg({quality: s.profile === 'hard' ? 70 : 85}).toBuffer() : out.png().toBuffer()
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}
