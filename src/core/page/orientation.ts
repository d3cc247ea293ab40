/**
 * Page orientation from the text lines themselves. Lines run across the page in exactly one
 * of the two axes, so the projection profile is sharp along one and smeared along the other
 * (0°/180° against 90°/270°). Which way is up comes from the lines' own shape: Vietnamese
 * print carries far more ink above the x-height band (ascenders, capitals and the tone and
 * vowel marks stacked over letters) than below the baseline (g p q y, the dot below).
 */
import {DEFAULT_SKEW_SEARCH, type InkPoints, projectionProfile, refineSkew, type SkewSearch, sweepSkew, turnPoints} from './deskew.js'

import type {Rotation} from '../page.js'
import {profileLines, smallTypeXHeight} from './text-lines.js'

export type {Rotation} from '../page.js'

export interface OrientationEstimate {
  /** Degrees to turn the page clockwise to make it upright. */
  rotation: Rotation
  /** 0–1: how clearly the evidence points to `rotation`. */
  confidence: number
  /** Skew of the lines, in degrees clockwise, in the frame after `rotation`. */
  skew: number
  /** x-height of the smaller type, in pixels of the points' frame; null when too few lines. */
  xHeight: number | null
  /** Evidence: profile sharpness along and across the lines, and the above/below balance. */
  evidence: {alongScore: number; acrossScore: number; asymmetry: number; lines: number}
}

export interface UpDownEvidence {
  /** (above − below) / (above + below): positive for upright text, negative upside down. */
  asymmetry: number
  lines: number
  /** Of the smaller type, in pixels of the points' frame (text-lines.ts); null for too few lines. */
  xHeight: number | null
}

/**
 * Balance of ink above the x-height band against ink below the baseline, over the text
 * lines found in the profile at `skew`.
 */
export function upDownEvidence(points: InkPoints, skew: number): UpDownEvidence {
  const bins = projectionProfile(points, skew)
  const lines = profileLines(bins)
  let above = 0
  let below = 0
  for (const {start, end, top, bottom} of lines) {
    for (let k = start; k < top; k += 1) above += bins[k]!
    for (let k = bottom + 1; k < end; k += 1) below += bins[k]!
  }
  const total = above + below
  return {asymmetry: total > 0 ? (above - below) / total : 0, lines: lines.length, xHeight: smallTypeXHeight(lines)}
}

/** Decides the quarter turn and the residual skew from the ink of a page. */
export function detectOrientation(points: InkPoints, search: SkewSearch = DEFAULT_SKEW_SEARCH): OrientationEstimate {
  const across = turnPoints(points, 1)
  const flat = sweepSkew(points, search)
  const upright = sweepSkew(across, search)
  const horizontal = flat.score >= upright.score
  const base = horizontal ? points : across
  const skew = refineSkew(base, horizontal ? flat.angle : upright.angle, search).angle
  const along = Math.max(flat.score, upright.score)
  const other = Math.min(flat.score, upright.score)
  const upDown = upDownEvidence(base, skew)
  const flip = upDown.asymmetry < 0
  const rotation = (((horizontal ? 0 : 90) + (flip ? 180 : 0)) % 360) as Rotation
  // The axis is clear when one profile is much sharper; up/down when the balance is lopsided
  // over enough lines. The weaker of the two bounds the whole.
  const axisConfidence = along > 0 ? clamp01((along / Math.max(other, 1e-9) - 1) / 0.5) : 0
  const lineWeight = clamp01(upDown.lines / 3)
  const upDownConfidence = clamp01(Math.abs(upDown.asymmetry) / 0.3) * lineWeight
  return {
    rotation,
    confidence: Math.round(Math.min(axisConfidence, upDownConfidence) * 100) / 100,
    // A half turn leaves the slope of a line unchanged, and the skew commutes with quarter turns.
    skew,
    xHeight: upDown.xHeight,
    evidence: {alongScore: round3(along), acrossScore: round3(other), asymmetry: round3(upDown.asymmetry), lines: upDown.lines},
  }
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value))
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000
}
