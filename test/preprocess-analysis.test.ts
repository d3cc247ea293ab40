/**
 * The page analysis on generated pages with known truth: orientation, skew, scanner borders
 * and blank pages. Pages are rendered at the analysis resolution (150 dpi), no OCR.
 */
import {describe, expect, it} from 'vitest'

import {FORM_PAGE, LAW_PAGE} from '../scripts/lib/vietnamese-text.js'
import {detectBlank} from '../src/core/page/blank-page.js'
import {detectBorders} from '../src/core/page/borders.js'
import {estimateSkew} from '../src/core/page/deskew.js'
import {analysePage, DEFAULT_ANALYSIS_OPTIONS, textInk} from '../src/core/page/page-analysis.js'
import {type GreyImage, inkThreshold, rotateGrey} from '../src/core/page/raster.js'
import {ANALYSIS_DPI, greyPage} from './helpers/preprocess-pages.js'

const NOISY = {noise: 10, blurSigma: 0.6}

describe('deskew', () => {
  it.each([-9.5, -4.2, -0.7, 0, 1.3, 6.8])('finds a skew of %s° within 0.3°', async (angle) => {
    const page = await greyPage({lines: LAW_PAGE, degrade: {...NOISY, rotate: angle, seed: 5}})
    const ink = textInk(page, ANALYSIS_DPI, inkThreshold(page).threshold)
    expect(Math.abs(estimateSkew(ink).angle - angle)).toBeLessThanOrEqual(0.3)
  })

  it('leaves the skew at 0 with --no-deskew', async () => {
    const page = await greyPage({lines: LAW_PAGE, degrade: {rotate: 3}})
    expect(analysePage(page, ANALYSIS_DPI, {...DEFAULT_ANALYSIS_OPTIONS, deskew: false}).skew).toBe(0)
  })
})

describe('orientation', () => {
  // A page turned r° clockwise needs (360 − r)° to stand upright again.
  it.each([
    [0, 1.5],
    [90, -2],
    [180, 0.8],
    [270, 3],
  ])('a page turned %s° (skew %s°) is turned back, confidently', async (turn, skew) => {
    const page = await greyPage({lines: FORM_PAGE, degrade: {...NOISY, rotate: turn + skew, seed: 2}})
    const result = analysePage(page, ANALYSIS_DPI)
    expect(result.rotation).toBe((360 - turn) % 360)
    expect(result.orientationUncertain).toBe(false)
    expect(result.orientation!.confidence).toBeGreaterThanOrEqual(DEFAULT_ANALYSIS_OPTIONS.orientationThreshold)
    expect(Math.abs(result.skew - skew)).toBeLessThanOrEqual(0.3)
  })

  it('leaves a sideways page alone with --no-rotate', async () => {
    const page = await greyPage({lines: FORM_PAGE, degrade: {rotate: 90}})
    const result = analysePage(page, ANALYSIS_DPI, {...DEFAULT_ANALYSIS_OPTIONS, rotate: false})
    expect(result).toMatchObject({rotation: 0, orientation: null, orientationUncertain: false})
  })

  it('flags rather than turns a page with too little text to tell', async () => {
    const page = await greyPage({lines: [], signature: {seed: 4}, degrade: {rotate: 180}})
    const result = analysePage(page, ANALYSIS_DPI)
    expect(result.rotation).toBe(0)
    expect(result.orientationUncertain).toBe(true)
  })
})

describe('scanner borders', () => {
  it('cuts a dark border with its shadow down to the page, without cutting text', async () => {
    const plain = await greyPage({lines: FORM_PAGE})
    const border = {top: 12, left: 8, right: 4, bottom: 0, shadowMm: 3}
    const page = await greyPage({lines: FORM_PAGE, border})
    const crop = analysePage(page, ANALYSIS_DPI).crop!
    const px = (mm: number): number => Math.round((mm / 25.4) * ANALYSIS_DPI)
    // The page starts where the border ends; the shadow's faint tail may stay.
    expect(crop.y0).toBeGreaterThanOrEqual(px(12) - 1)
    expect(crop.y0).toBeLessThanOrEqual(px(12 + 3))
    expect(crop.x0).toBeGreaterThanOrEqual(px(8) - 1)
    expect(crop.x0).toBeLessThanOrEqual(px(8 + 3))
    expect(page.width - crop.x1).toBeGreaterThanOrEqual(px(4) - 1)
    expect(crop.y1).toBe(page.height)
    // All the text is inside: as much ink as the page without a border.
    const inkOf = (image: typeof page, box = {x0: 0, y0: 0, x1: image.width, y1: image.height}): number => {
      let count = 0
      for (let y = box.y0; y < box.y1; y += 1) {
        for (let x = box.x0; x < box.x1; x += 1) if (image.data[y * image.width + x]! < 128) count += 1
      }
      return count
    }
    expect(Math.abs(inkOf(page, crop) - inkOf(plain)) / inkOf(plain)).toBeLessThan(0.01)
  })

  it('finds the border of a skewed page after straightening it', async () => {
    const page = await greyPage({lines: LAW_PAGE, border: {top: 10, bottom: 10, left: 10, right: 10, shade: 20}, degrade: {rotate: -2.5}})
    const result = analysePage(page, ANALYSIS_DPI)
    expect(Math.abs(result.skew + 2.5)).toBeLessThanOrEqual(0.3)
    const crop = result.crop!
    // What is kept is the A4 page (1240 × 1754 at 150 dpi) give or take the rotated corners.
    expect(crop.x1 - crop.x0).toBeGreaterThan(1240 - 60)
    expect(crop.x1 - crop.x0).toBeLessThanOrEqual(1240 + 6)
    expect(crop.y1 - crop.y0).toBeGreaterThan(1754 - 60)
    expect(crop.y1 - crop.y0).toBeLessThanOrEqual(1754 + 6)
  })

  it('keeps a page with no border whole', async () => {
    const page = await greyPage({lines: FORM_PAGE, degrade: NOISY})
    expect(detectBorders(page, inkThreshold(page).paper)).toBeNull()
  })
})

describe('blank pages', () => {
  const blankCases: [string, Parameters<typeof greyPage>[0]][] = [
    ['clean paper', {lines: []}],
    ['scanner grain', {lines: [], degrade: {noise: 14, seed: 9}}],
    ['bleed-through from the other side', {lines: [], bleedThrough: {lines: LAW_PAGE, strength: 0.22}, degrade: {noise: 6, seed: 3}}],
    ['punch holes', {lines: [], punchHoles: 4}],
    ['tinted paper, dark border and shadow', {lines: [], paper: {r: 238, g: 232, b: 215}, border: {left: 6, top: 6, shadowMm: 3}, degrade: {rotate: 1.5}}],
  ]
  it.each(blankCases)('%s is blank', async (_name, spec) => {
    const page = await greyPage(spec)
    expect(analysePage(page, ANALYSIS_DPI).blank!.blank).toBe(true)
  })

  const keptCases: [string, Parameters<typeof greyPage>[0]][] = [
    ['a signature only', {lines: [], signature: {seed: 7}, punchHoles: 2}],
    ['one line of text', {lines: ['Xác nhận của Ủy ban nhân dân xã'], marginMm: 100, bleedThrough: {lines: LAW_PAGE}}],
    ['two words', {lines: ['Đã ký'], degrade: {noise: 12, seed: 4}}],
    ['a faint photocopy of a form', {lines: FORM_PAGE, degrade: {contrast: 0.45, blurSigma: 1, noise: 8, seed: 1}}],
  ]
  it.each(keptCases)('%s is not blank', async (_name, spec) => {
    const page = await greyPage(spec)
    const verdict = analysePage(page, ANALYSIS_DPI).blank!
    expect(verdict.blank).toBe(false)
    expect(verdict.marks).toBeGreaterThan(0)
  })

  /** The sheet's edge a few mm inside the scan: a dark line 0.3 mm wide, slightly slanted, broken in places. */
  function drawEdgeLine(page: GreyImage, side: 'left' | 'bottom', insetMm: number): void {
    const px = ANALYSIS_DPI / 25.4
    const length = side === 'left' ? page.height : page.width
    for (let t = Math.round(length * 0.04); t < length * 0.96; t += 1) {
      if (t % 400 < 12) continue
      const across = Math.round(insetMm * px + t * 0.004)
      for (let k = 0; k < 2; k += 1) {
        const [x, y] = side === 'left' ? [across + k, t] : [t, page.height - 1 - across - k]
        page.data[y * page.width + x] = 0
      }
    }
  }

  it('a blank back with the sheet edge showing as a line a few mm inside the scan is blank', async () => {
    const page = await greyPage({lines: [], degrade: {noise: 10, seed: 5}})
    drawEdgeLine(page, 'left', 6)
    drawEdgeLine(page, 'bottom', 4)
    const verdict = detectBlank(page, ANALYSIS_DPI)
    expect(verdict).toMatchObject({blank: true, marks: 0})
    expect(verdict.ignored.edgeLines).toBeGreaterThanOrEqual(2)
    expect(analysePage(page, ANALYSIS_DPI).blank!.blank).toBe(true)
  })

  it('a page with an edge line and one short line of text is not blank', async () => {
    const page = await greyPage({lines: ['Đã ký'], marginMm: 100})
    drawEdgeLine(page, 'left', 6)
    const verdict = detectBlank(page, ANALYSIS_DPI)
    expect(verdict.blank).toBe(false)
    expect(verdict.marks).toBeGreaterThan(0)
  })

  it('sets punch holes, specks and border remnants aside, and says so', async () => {
    const page = await greyPage({lines: [], punchHoles: 2, degrade: {noise: 10, seed: 2}})
    const verdict = detectBlank(page, ANALYSIS_DPI)
    expect(verdict).toMatchObject({blank: true, marks: 0})
    expect(verdict.ignored.holes).toBe(2)
  })
})

describe('rotateGrey', () => {
  it('turns by quarter turns exactly, and four of them give the page back', () => {
    const image = {data: Uint8Array.from({length: 12}, (_, i) => i * 10), width: 4, height: 3}
    const turned = rotateGrey(image, 90, 255)
    expect([turned.width, turned.height]).toEqual([3, 4])
    // Clockwise: the bottom-left pixel comes to the top-left.
    expect(turned.data[0]).toBe(image.data[8])
    let back: GreyImage = image
    for (let i = 0; i < 4; i += 1) back = rotateGrey(back, 90, 255)
    expect([...back.data]).toEqual([...image.data])
  })
})
