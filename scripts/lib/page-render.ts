/**
 * Renders Vietnamese text onto a white page the way a scanner would deliver it, for test
 * fixtures, samples and benchmarks. Text is set by sharp (Pango) with a DejaVu font file
 * from the `dejavu-fonts-ttf` npm package, so the ground truth is exactly the input lines.
 */
import {createRequire} from 'node:module'
import path from 'node:path'

import sharp from 'sharp'

const require = createRequire(import.meta.url)
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

export const FONTS = {
  serif: {file: path.join(fontDir, 'DejaVuSerif.ttf'), family: 'DejaVu Serif'},
  sans: {file: path.join(fontDir, 'DejaVuSans.ttf'), family: 'DejaVu Sans'},
  condensed: {file: path.join(fontDir, 'DejaVuSansCondensed.ttf'), family: 'DejaVu Sans Condensed'},
} as const

export type FontName = keyof typeof FONTS

export interface PageSpec {
  lines: string[]
  dpi?: number
  font?: FontName
  sizePt?: number
  /** Page size in millimetres; A4 by default. */
  pageMm?: {width: number; height: number}
  degrade?: Degradation
  format?: 'png' | 'jpeg'
  /** Colour of the paper; a faint tint makes "colour kept" checks meaningful. */
  paper?: {r: number; g: number; b: number}
}

export interface Degradation {
  /** Degrees, positive = clockwise. */
  rotate?: number
  blurSigma?: number
  /** Standard deviation of added grey noise, 0–255 scale. */
  noise?: number
  /** 0–1: 1 keeps the contrast, 0.6 washes it out like a tired photocopier. */
  contrast?: number
  seed?: number
}

const MM_PER_INCH = 25.4

export async function renderPage(spec: PageSpec): Promise<Buffer> {
  const dpi = spec.dpi ?? 300
  const font = FONTS[spec.font ?? 'serif']
  const page = spec.pageMm ?? {width: 210, height: 297}
  const width = Math.round((page.width / MM_PER_INCH) * dpi)
  const height = Math.round((page.height / MM_PER_INCH) * dpi)
  const margin = Math.round(dpi * 0.8)
  const text = await sharp({
    text: {
      text: `<span font_family="${font.family}" size="${spec.sizePt ?? 12}pt">${escapeMarkup(spec.lines.join('\n'))}</span>`,
      fontfile: font.file,
      dpi,
      rgba: true,
      width: width - 2 * margin,
      wrap: 'word',
      spacing: Math.round(dpi * 0.08),
    },
  })
    .png()
    .toBuffer()
  const paper = spec.paper ?? {r: 255, g: 255, b: 255}
  let image = sharp({create: {width, height, channels: 3, background: paper}}).composite([
    {input: text, left: margin, top: margin},
  ])
  let buffer: Buffer = await image.png().toBuffer()
  if (spec.degrade) buffer = await degrade(buffer, spec.degrade, paper)
  image = sharp(buffer).withMetadata({density: dpi})
  return spec.format === 'jpeg' ? image.jpeg({quality: 85}).toBuffer() : image.png().toBuffer()
}

async function degrade(input: Buffer, d: Degradation, paper: {r: number; g: number; b: number}): Promise<Buffer> {
  let image = sharp(input)
  if (d.rotate) image = image.rotate(d.rotate, {background: paper})
  if (d.blurSigma) image = image.blur(d.blurSigma)
  const {data, info} = await image.raw().toBuffer({resolveWithObject: true})
  const random = mulberry32(d.seed ?? 1)
  const contrast = d.contrast ?? 1
  const noise = d.noise ?? 0
  for (let i = 0; i < data.length; i += info.channels) {
    const grain = noise ? gaussian(random) * noise : 0
    for (let c = 0; c < Math.min(3, info.channels); c += 1) {
      const value = 255 - (255 - data[i + c]!) * contrast + grain
      data[i + c] = Math.max(0, Math.min(255, Math.round(value)))
    }
  }
  return sharp(data, {raw: {width: info.width, height: info.height, channels: info.channels}})
    .png()
    .toBuffer()
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Small seeded PRNG so that every generated page is reproducible from its seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}
