/**
 * Reading order by layout. Tesseract's layout analysis often takes two blocks set side by
 * side (an agency block beside the national header, two signature blocks, the Bên nữ /
 * Bên nam columns of a marriage declaration) for one block and gives them line by line,
 * interleaved ("SỞ Y TẾ LẠNG SƠN CỘNG HÒA XÃ HỘI …"). A reader, and pdftotext, read each block
 * whole, left block first. This module reorders an OCR result that way, from the word boxes
 * alone, so that the text file, the text layer and field extraction all see blocks whole.
 *
 * The page is cut into rows (runs of words that overlap vertically); a run of rows that a
 * vertical gap of clear paper crosses from top to bottom, two or more of them with blocks on
 * both sides of it, is a band of columns, read column by column. Pure and deterministic.
 */
import type {Box, OcrLine, OcrResult, OcrWord} from '../page.js'

/** A gap between words this many word heights wide splits a line into blocks. */
const SPLIT_GAP = 2
/** Two rows belong together when they overlap by more than this share of a word height. */
const ROW_OVERLAP = 0.25
/** A row of one block between rows of blocks side by side joins their band only when this close (in word heights). */
const BAND_REACH = 1.2

interface Segment {
  words: OcrWord[]
  box: Box
  baselineY: number | undefined
}

interface Row {
  segments: Segment[]
  box: Box
}

interface Interval {
  x0: number
  x1: number
}

/** The result with its lines split where blocks sit side by side and put in reading order; `text` rebuilt from them. */
export function orderByLayout(ocr: OcrResult): OcrResult {
  const height = typicalWordHeight(ocr.lines)
  if (height === 0) return ocr
  const rows = toRows(ocr.lines.flatMap((line) => splitLine(line, height)), height)
  const groups = bands(rows, height)
  // Nothing side by side: tesseract's own order and text stand.
  if (groups.every((group) => group.separators.length === 0)) return ocr
  const blocks: OcrLine[][] = []
  for (const group of groups) {
    if (group.separators.length === 0) {
      blocks.push(group.rows.map((row) => toLine(row.segments)))
      continue
    }
    for (const column of columnsOf(group.separators)) {
      const lines = group.rows
        .map((row) => row.segments.filter((segment) => inside(segment.box, column)))
        .filter((segments) => segments.length > 0)
        .map(toLine)
      if (lines.length > 0) blocks.push(lines)
    }
  }
  const lines = blocks.flat()
  // Blocks of one row each are the page's plain lines; keep them together as tesseract does.
  const text = joinBlocks(blocks)
  return {...ocr, lines, text}
}

function joinBlocks(blocks: readonly OcrLine[][]): string {
  const parts: string[] = []
  let previousSingle = false
  for (const block of blocks) {
    const single = block.length === 1
    const body = block.map(lineText).join('\n')
    if (parts.length > 0) parts.push(single && previousSingle ? '\n' : '\n\n')
    parts.push(body)
    previousSingle = single
  }
  return parts.join('')
}

export function lineText(line: OcrLine): string {
  return line.words.map((word) => word.text).join(' ')
}

/** The median height of the page's words: the unit every gap is measured in. */
function typicalWordHeight(lines: readonly OcrLine[]): number {
  const heights = lines.flatMap((line) => line.words.map((word) => word.bbox.y1 - word.bbox.y0)).filter((h) => h > 0).sort((a, b) => a - b)
  return heights.length === 0 ? 0 : heights[Math.floor(heights.length / 2)]!
}

function splitLine(line: OcrLine, height: number): Segment[] {
  const words = [...line.words].sort((a, b) => a.bbox.x0 - b.bbox.x0)
  const segments: Segment[] = []
  let current: OcrWord[] = []
  for (const word of words) {
    const last = current.at(-1)
    if (last && word.bbox.x0 - last.bbox.x1 > SPLIT_GAP * height) {
      segments.push(segment(current, line.baselineY))
      current = []
    }
    current.push(word)
  }
  if (current.length > 0) segments.push(segment(current, line.baselineY))
  return segments
}

function segment(words: OcrWord[], baselineY: number | undefined): Segment {
  return {words, box: union(words.map((word) => word.bbox)), baselineY}
}

function union(boxes: readonly Box[]): Box {
  return {
    x0: Math.min(...boxes.map((box) => box.x0)),
    y0: Math.min(...boxes.map((box) => box.y0)),
    x1: Math.max(...boxes.map((box) => box.x1)),
    y1: Math.max(...boxes.map((box) => box.y1)),
  }
}

/** Segments grouped into rows: each row's segments overlap vertically, in order of their tops. */
function toRows(segments: readonly Segment[], height: number): Row[] {
  const sorted = [...segments].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0)
  const rows: Row[] = []
  for (const item of sorted) {
    const row = rows.at(-1)
    if (row && Math.min(row.box.y1, item.box.y1) - item.box.y0 > ROW_OVERLAP * height) {
      row.segments.push(item)
      row.box = union([row.box, item.box])
    } else rows.push({segments: [item], box: item.box})
  }
  for (const row of rows) row.segments.sort((a, b) => a.box.x0 - b.box.x0)
  return rows
}

/** The clear vertical gaps between a row's segments (not its margins). */
function gapsOf(row: Row, height: number): Interval[] {
  const gaps: Interval[] = []
  let right = row.segments[0]!.box.x1
  for (const item of row.segments.slice(1)) {
    if (item.box.x0 - right > SPLIT_GAP * height) gaps.push({x0: right, x1: item.box.x0})
    right = Math.max(right, item.box.x1)
  }
  return gaps
}

/** Where a band's separators still run clear through a row added to it. */
function keepClear(separators: readonly Interval[], row: Row, height: number): Interval[] {
  const kept: Interval[] = []
  for (const separator of separators) {
    let pieces: Interval[] = [separator]
    for (const item of row.segments) {
      pieces = pieces.flatMap((piece) => {
        if (item.box.x1 <= piece.x0 || item.box.x0 >= piece.x1) return [piece]
        return [
          {x0: piece.x0, x1: Math.min(piece.x1, item.box.x0)},
          {x0: Math.max(piece.x0, item.box.x1), x1: piece.x1},
        ].filter((rest) => rest.x1 - rest.x0 > SPLIT_GAP * height)
      })
    }
    const widest = pieces.sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))[0]
    if (widest) kept.push(widest)
  }
  return kept
}

interface Band {
  rows: Row[]
  separators: Interval[]
}

/**
 * Rows grouped into bands: a band with separators is a run of rows two or more of which
 * have blocks side by side, crossed by the same clear gaps; a row of one block joins only
 * if it sits close to the band. Everything else is a band of plain rows.
 */
function bands(rows: readonly Row[], height: number): Band[] {
  const out: Band[] = []
  let index = 0
  while (index < rows.length) {
    const start = rows[index]!
    const gaps = gapsOf(start, height)
    if (gaps.length === 0) {
      appendPlain(out, start)
      index += 1
      continue
    }
    let separators = gaps
    let end = index + 1
    let lastMulti = index
    while (end < rows.length) {
      const row = rows[end]!
      const kept = keepClear(separators, row, height)
      if (kept.length === 0) break
      const multi = gapsOf(row, height).length > 0
      if (!multi && row.box.y0 - rows[end - 1]!.box.y1 > BAND_REACH * height) break
      separators = kept
      if (multi) lastMulti = end
      end += 1
    }
    // Rows of one block after the last row of blocks side by side are the page's again: the
    // title under a two-block header is as close to it as a third line of the left block.
    const last = lastMulti
    const group = rows.slice(index, last + 1)
    // One row of blocks side by side is as likely a wide gap on a line ("Dân tộc: Kinh    Quốc
    // tịch: …") as two blocks; it takes two such rows to make columns.
    const multiRows = group.filter((row) => gapsOf(row, height).length > 0).length
    if (multiRows < 2) {
      appendPlain(out, start)
      index += 1
      continue
    }
    out.push({rows: group, separators})
    index = last + 1
  }
  return out
}

function appendPlain(out: Band[], row: Row): void {
  const last = out.at(-1)
  if (last && last.separators.length === 0) last.rows.push(row)
  else out.push({rows: [row], separators: []})
}

function columnsOf(separators: readonly Interval[]): Interval[] {
  const cuts = [...separators].sort((a, b) => a.x0 - b.x0)
  const columns: Interval[] = []
  let left = Number.NEGATIVE_INFINITY
  for (const cut of cuts) {
    columns.push({x0: left, x1: (cut.x0 + cut.x1) / 2})
    left = (cut.x0 + cut.x1) / 2
  }
  columns.push({x0: left, x1: Number.POSITIVE_INFINITY})
  return columns
}

function inside(box: Box, column: Interval): boolean {
  const centre = (box.x0 + box.x1) / 2
  return centre >= column.x0 && centre < column.x1
}

function toLine(segments: readonly Segment[]): OcrLine {
  const sorted = [...segments].sort((a, b) => a.box.x0 - b.box.x0)
  const words = sorted.flatMap((item) => item.words)
  const baselineY = sorted[0]!.baselineY
  return {words, bbox: union(sorted.map((item) => item.box)), ...(baselineY === undefined ? {} : {baselineY})}
}
