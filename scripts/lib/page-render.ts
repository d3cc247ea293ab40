/**
 * Renders Vietnamese text onto a white page the way a scanner would deliver it, for test
 * fixtures, samples and benchmarks. Text is set by sharp (Pango) with a DejaVu font file
 * from the `dejavu-fonts-ttf` npm package, so the ground truth is exactly the input lines.
 */
import {createRequire} from 'node:module'
import path from 'node:path'

import sharp, {type OverlayOptions} from 'sharp'

const require = createRequire(import.meta.url)
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

export const FONTS = {
  serif: {file: path.join(fontDir, 'DejaVuSerif.ttf'), family: 'DejaVu Serif'},
  sans: {file: path.join(fontDir, 'DejaVuSans.ttf'), family: 'DejaVu Sans'},
  condensed: {file: path.join(fontDir, 'DejaVuSansCondensed.ttf'), family: 'DejaVu Sans Condensed'},
} as const

export type FontName = keyof typeof FONTS

export interface PageSpec {
  /** The page's text; an empty list gives a blank page (with whatever marks are asked for). */
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
  /** Text of the other side showing through, mirrored, faint and soft (duplex bleed-through). */
  bleedThrough?: {lines: string[]; strength?: number}
  /** Punched filing holes in the left margin, seen as dark discs (the scanner lid behind them). */
  punchHoles?: 2 | 4
  /** A pen scribble standing in for a handwritten signature. */
  signature?: {seed?: number; xMm?: number; yMm?: number; widthMm?: number}
  /** Where the text block starts; 0.8 inch by default. */
  marginMm?: number
  /**
   * The scanner's dark surround: the page (after `degrade.rotate`) lies on a dark lid that
   * shows this many millimetres beyond each page edge, and the page edges next to it are
   * shadowed over `shadowMm`.
   */
  border?: {top?: number; right?: number; bottom?: number; left?: number; shade?: number; shadowMm?: number}
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
  const margin = spec.marginMm === undefined ? Math.round(dpi * 0.8) : mm(spec.marginMm, dpi)
  const textBlock = async (lines: string[]): Promise<Buffer> =>
    sharp({
      text: {
        text: `<span font_family="${font.family}" size="${spec.sizePt ?? 12}pt">${escapeMarkup(lines.join('\n'))}</span>`,
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
  const layers: OverlayOptions[] = []
  if (spec.bleedThrough && spec.bleedThrough.lines.length > 0) {
    layers.push({input: await bleedLayer(await textBlock(spec.bleedThrough.lines), width, height, margin, spec.bleedThrough.strength ?? 0.15), blend: 'multiply'})
  }
  if (spec.lines.length > 0) layers.push({input: await textBlock(spec.lines), left: margin, top: margin})
  if (spec.signature) layers.push({input: Buffer.from(signatureSvg(width, height, dpi, spec.signature)), left: 0, top: 0})
  if (spec.punchHoles) layers.push({input: Buffer.from(punchHoleSvg(width, height, dpi, spec.punchHoles)), left: 0, top: 0})
  let image = sharp({create: {width, height, channels: 3, background: paper}}).composite(layers)
  let buffer: Buffer = await image.png().toBuffer()
  if (spec.border?.shadowMm) buffer = await shadowEdges(buffer, spec.border, dpi)
  if (spec.degrade || spec.border) buffer = await degrade(buffer, spec.degrade ?? {}, paper, spec.border, dpi)
  image = sharp(buffer).withMetadata({density: dpi})
  return spec.format === 'jpeg' ? image.jpeg({quality: 85}).toBuffer() : image.png().toBuffer()
}

function mm(value: number, dpi: number): number {
  return Math.round((value / MM_PER_INCH) * dpi)
}

/** The other side's text, mirrored, blurred and faded to `strength` of full ink. */
async function bleedLayer(text: Buffer, width: number, height: number, margin: number, strength: number): Promise<Buffer> {
  const top = margin + Math.round(margin / 3)
  const meta = await sharp(text).metadata()
  // Only what fits on the page shows through.
  const clipped = await sharp(text)
    .extract({left: 0, top: 0, width: Math.min(meta.width!, width - margin), height: Math.min(meta.height!, height - top)})
    .png()
    .toBuffer()
  const front = await sharp({create: {width, height, channels: 3, background: '#ffffff'}})
    .composite([{input: clipped, left: margin, top}])
    .png()
    .toBuffer()
  // sharp composites last, so the mirror needs a page of its own.
  const page = await sharp(front)
    .flop()
    .blur(2)
    .greyscale()
    .raw()
    .toBuffer({resolveWithObject: true})
  const {data} = page
  for (let i = 0; i < data.length; i += 1) data[i] = Math.round(255 - (255 - data[i]!) * strength)
  return sharp(data, {raw: {width, height, channels: page.info.channels}}).toColourspace('srgb').png().toBuffer()
}

function punchHoleSvg(width: number, height: number, dpi: number, count: 2 | 4): string {
  const r = mm(3, dpi)
  const cx = mm(12, dpi)
  const pitch = mm(80, dpi)
  const centres = count === 2 ? [-pitch / 2, pitch / 2] : [-1.5 * pitch, -pitch / 2, pitch / 2, 1.5 * pitch]
  const discs = centres.map((dy) => `<circle cx="${cx}" cy="${Math.round(height / 2 + dy)}" r="${r}" fill="#202020"/>`).join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${discs}</svg>`
}

/** A few connected loops and a flourish, like a quick handwritten signature, from a seed. */
function signatureSvg(width: number, height: number, dpi: number, s: NonNullable<PageSpec['signature']>): string {
  const random = mulberry32(s.seed ?? 3)
  const x0 = mm(s.xMm ?? 120, dpi)
  const y0 = mm(s.yMm ?? 230, dpi)
  const w = mm(s.widthMm ?? 45, dpi)
  const h = w * 0.35
  let d = `M ${x0} ${Math.round(y0 + h * 0.6)}`
  const loops = 5 + Math.floor(random() * 3)
  for (let i = 1; i <= loops; i += 1) {
    const x = x0 + (w * i) / loops
    const up = y0 + h * (0.1 + 0.3 * random())
    const down = y0 + h * (0.6 + 0.4 * random())
    d += ` C ${Math.round(x - w / loops / 2)} ${Math.round(up - h * 0.3)}, ${Math.round(x - w / loops)} ${Math.round(down)}, ${Math.round(x)} ${Math.round((up + down) / 2)}`
  }
  d += ` Q ${x0 + w * 0.5} ${Math.round(y0 + h * 1.4)}, ${x0 - mm(3, dpi)} ${Math.round(y0 + h * 0.9)}`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><path d="${d}" fill="none" stroke="#1a2a6c" stroke-width="${Math.max(1, mm(0.5, dpi))}" stroke-linecap="round"/></svg>`
}

/** Darkens the strip of the page next to each bordered edge, as the lid's cast shadow does. */
async function shadowEdges(input: Buffer, border: NonNullable<PageSpec['border']>, dpi: number): Promise<Buffer> {
  const {data, info} = await sharp(input).raw().toBuffer({resolveWithObject: true})
  const reach = Math.max(1, mm(border.shadowMm ?? 0, dpi))
  const {width, height, channels} = info
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let distance = reach
      if (border.left) distance = Math.min(distance, x)
      if (border.right) distance = Math.min(distance, width - 1 - x)
      if (border.top) distance = Math.min(distance, y)
      if (border.bottom) distance = Math.min(distance, height - 1 - y)
      if (distance >= reach) continue
      const factor = 0.55 + 0.45 * (distance / reach)
      const i = (y * width + x) * channels
      for (let c = 0; c < Math.min(3, channels); c += 1) data[i + c] = Math.round(data[i + c]! * factor)
    }
  }
  return sharp(data, {raw: {width, height, channels}}).png().toBuffer()
}

async function degrade(
  input: Buffer,
  d: Degradation,
  paper: {r: number; g: number; b: number},
  border: PageSpec['border'],
  dpi: number,
): Promise<Buffer> {
  const shade = border?.shade ?? 35
  const lid = {r: shade, g: shade, b: shade}
  let image = sharp(input)
  if (d.rotate) image = image.rotate(d.rotate, {background: border ? lid : paper})
  if (border) {
    image = sharp(await image.png().toBuffer()).extend({
      top: mm(border.top ?? 0, dpi),
      right: mm(border.right ?? 0, dpi),
      bottom: mm(border.bottom ?? 0, dpi),
      left: mm(border.left ?? 0, dpi),
      background: lid,
    })
  }
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
