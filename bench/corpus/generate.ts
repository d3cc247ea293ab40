/**
 * Synthetic dossiers of the SPEC procedures for the accuracy benchmark: page files in a
 * folder per dossier, and the truth (documents, kinds, fields, page texts) beside them.
 * Everything depends on the seed; vary it to keep rules from fitting one sample.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'

import QRCode from 'qrcode'
import sharp, {type OverlayOptions} from 'sharp'

import {mulberry32, renderPage} from '../../scripts/lib/page-render.js'
import type {ProcedureSchema} from '../../src/core/procedure.js'
import {blankIdCardForm, generateDocument} from './documents.js'
import {degradePage, PAPER, type PageStyle, type Profile, readingText, renderLayoutPage} from './layout.js'
import {person, pick, type Random} from './people.js'

export interface TruthPage {
  file: string
  text: string
  blank: boolean
  dpi: number
  /** `form`: a paper of lines and blocks; `card`: an ID-card copy. */
  type: 'form' | 'card'
  profile: Profile
}

export interface TruthDocument {
  kind: string
  files: string[]
  fields: Record<string, string>
  hasQr: boolean
}

export interface TruthDossier {
  dir: string
  procedure: string
  pages: TruthPage[]
  documents: TruthDocument[]
}

/** The blank ID-card application form: truth kind `unknown`. */
const CC01 = 'cc01'

/** Kinds no SPEC procedure asks for but a dossier may carry, so that every kind is seen. */
const EXTRA_KINDS = [
  'giay-khai-sinh',
  'giay-chung-nhan-ket-hon',
  'to-khai-lltp',
  'van-ban-uy-quyen',
  'xac-nhan-tinh-trang-hon-nhan',
  'hop-dong-thue-nha',
  'ct07',
  CC01,
]

export function dossierKinds(random: Random, procedure: ProcedureSchema): string[] {
  const cases = procedure.cases.filter((entry) => entry.components.some((component) => component.kinds.length > 0))
  const chosen = cases.length > 0 ? pick(random, cases) : procedure.cases[0]!
  const kinds: string[] = []
  for (const component of chosen.components) {
    if (component.kinds.length === 0) continue
    if (component.required || random() < 0.35) kinds.push(component.kinds[0]!)
  }
  if (!kinds.includes('cccd')) kinds.push('cccd')
  if (procedure.code === '1.000894' || random() < 0.2) kinds.push('cccd')
  if (random() < 0.5) kinds.push(pick(random, EXTRA_KINDS))
  // Order varies: forms first usually, cards anywhere.
  return kinds.sort(() => random() - 0.5)
}

type Style = PageStyle

/** A third of the pages each: clean, mildly and badly degraded (noisy, skewed, washed out). */
function style(random: Random): Style {
  const roll = random()
  const profile: Profile = roll < 0.34 ? 'clean' : roll < 0.67 ? 'mild' : 'hard'
  const base = {
    font: pick(random, ['serif', 'sans', 'condensed'] as const),
    sizePt: 10 + Math.round(random() * 3),
    dpi: random() < 0.2 ? 200 : 300,
    profile,
  }
  const seed = Math.floor(random() * 1e9)
  if (profile === 'clean') return {
    ...base,
    jpeg: random() < 0.5,
    rotate: (random() - 0.5) * 0.6,
    blur: 0,
    noise: random() * 4,
    contrast: 1,
    seed,
  }
  if (profile === 'mild') {
    return {
      ...base,
      jpeg: random() < 0.6,
      rotate: (random() - 0.5) * 3,
      blur: random() < 0.5 ? 0.3 + random() * 0.3 : 0,
      noise: 4 + random() * 6,
      contrast: 0.85 + random() * 0.15,
      seed,
    }
  }
  const sign = random() < 0.5 ? -1 : 1
  return {
    ...base,
    jpeg: random() < 0.7,
    rotate: sign * (1.5 + random() * 2),
    blur: 0.5 + random() * 0.4,
    noise: 10 + random() * 8,
    contrast: 0.65 + random() * 0.15,
    seed,
  }
}

const mmToPx = (mm: number, dpi: number) => Math.round((mm / 25.4) * dpi)

/**
 * One side of a card, 95 × 72 mm (the renderer's line spacing needs more than a real card's 54 mm),
 * with its QR code at the top right on the front.
 */
async function cardSide(lines: string[], s: Style, qr?: string): Promise<Buffer> {
  const side = await renderPage({lines, font: s.font === 'serif' ? 'sans' : s.font, sizePt: 7, dpi: s.dpi, pageMm: {width: 95, height: 72}, marginMm: 3, paper: {r: 240, g: 246, b: 250}})
  const layers: OverlayOptions[] = []
  if (qr) {
    const size = mmToPx(15, s.dpi)
    const code = await QRCode.toBuffer(qr, {errorCorrectionLevel: 'M', margin: 1, width: size})
    layers.push({input: code, left: mmToPx(95 - 3 - 16, s.dpi), top: mmToPx(3, s.dpi)})
  }
  const {width, height} = await sharp(side).metadata()
  const frame = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="1" y="1" width="${width! - 2}" height="${height! - 2}" rx="${mmToPx(3, s.dpi)}" fill="none" stroke="#555" stroke-width="2"/></svg>`)
  layers.push({input: frame, left: 0, top: 0})
  return sharp(side).composite(layers).png().toBuffer()
}

/** A photocopy of a card: the side(s) on an A4 page, then the page's own degradation. */
async function cardPage(sides: Buffer[], s: Style): Promise<Buffer> {
  const width = mmToPx(210, s.dpi)
  const height = mmToPx(297, s.dpi)
  const layers = sides.map((input, index) => ({input, left: mmToPx(25, s.dpi), top: mmToPx(25 + index * 80, s.dpi)}))
  const page = await sharp({create: {width, height, channels: 3, background: PAPER}}).composite(layers).png().toBuffer()
  // A card's small type suffers more from the copier; keep its grain at the mild end.
  return degradePage(page, {...s, noise: Math.min(s.noise, 12)})
}

/** `kinds` fixes the documents (in order) instead of drawing them, e.g. for the bundled sample. */
export async function generateDossier(
  dir: string,
  procedure: ProcedureSchema,
  random: Random,
  kinds?: readonly string[],
): Promise<TruthDossier> {
  await mkdir(dir, {recursive: true})
  const requester = person(random)
  const others = {
    child: person(random, {fromYear: 2023, toYear: 2025}),
    deceased: person(random, {fromYear: 1930, toYear: 1960}),
    partner: person(random, {gender: requester.gender === 'male' ? 'female' : 'male'}),
  }
  const truth: TruthDossier = {dir, procedure: procedure.code, pages: [], documents: []}
  const chosenKinds = kinds ?? dossierKinds(random, procedure)
  let cards = 0
  const write = async (bytes: Buffer, text: string, s: Style, type: TruthPage['type'], blank = false): Promise<string> => {
    const ext = s.jpeg ? 'jpg' : 'png'
    const file = `p${truth.pages.length + 1}.${ext}`
    await writeFile(path.join(dir, file), bytes)
    truth.pages.push({file, text, blank, dpi: s.dpi, type, profile: s.profile})
    return file
  }
  for (const [index, kind] of chosenKinds.entries()) {
    // The blank CC01 form starts no document by its title, so it comes after a separator sheet.
    if (index > 0 && !kinds && (kind === CC01 || random() < 0.25)) {
      const s = style(random)
      await write(
        await renderPage({lines: [], dpi: s.dpi, format: s.jpeg ? 'jpeg' : 'png', degrade: {noise: s.noise, seed: s.seed}}),
        '',
        s,
        'form',
        true,
      )
    }
    // A second card is the partner's (marriage) or a witness's.
    const who = kind === 'cccd' && cards++ > 0 ? others.partner : requester
    const doc = kind === CC01 ? blankIdCardForm(random) : generateDocument(kind, random, who, others)
    const files: string[] = []
    const s = style(random)
    if (doc.card) {
      const front = await cardSide(doc.card.front, s, doc.card.payload)
      const back = await cardSide(doc.card.back, s)
      if (doc.card.layout === 'one-page') files.push(
        await write(await cardPage([front, back], s), [...doc.card.front, ...doc.card.back].join('\n'), s, 'card'),
      )
      else {
        files.push(await write(await cardPage([front], s), doc.card.front.join('\n'), s, 'card'))
        files.push(await write(await cardPage([back], s), doc.card.back.join('\n'), s, 'card'))
      }
    } else {
      for (const page of doc.pages) files.push(await write(await renderLayoutPage(page, s), readingText(page), s, 'form'))
    }
    truth.documents.push({kind: doc.kind, files, fields: doc.fields, hasQr: doc.card !== undefined})
  }
  await writeFile(path.join(dir, '..', `${path.basename(dir)}.truth.json`), JSON.stringify(truth, null, 2))
  return truth
}

export {mulberry32}
