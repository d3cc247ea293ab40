/**
 * Plain grey rasters and the few pixel operations the page analysis shares: the paper level,
 * an ink threshold, connected components, and rotation about the centre. No I/O, no
 * libraries, so every analysis built on them can be tested on small synthetic images.
 */
import type {Box} from '../page.js'

/** 8-bit grey pixels, row by row, 0 = black. */
export interface GreyImage {
  data: Uint8Array
  width: number
  height: number
  /** After a rotation: 1 where the pixel is fill, not picture. */
  filled?: Uint8Array
}

export function histogram(image: GreyImage): Uint32Array {
  const counts = new Uint32Array(256)
  const {data} = image
  for (let i = 0; i < data.length; i += 1) counts[data[i]!]! += 1
  return counts
}

/**
 * The grey level of the paper: the most common level among the light pixels (a dark
 * scanner border or a dense page cannot pull it down the way a mean would).
 */
export function paperLevel(counts: Uint32Array): number {
  let best = 255
  let bestCount = -1
  for (let v = 96; v < 256; v += 1) {
    // Smooth over ±2 levels so that scanner grain does not split the peak.
    let sum = 0
    for (let k = Math.max(0, v - 2); k <= Math.min(255, v + 2); k += 1) sum += counts[k]!
    if (sum > bestCount) {
      bestCount = sum
      best = v
    }
  }
  return best
}

/** Otsu's threshold over the levels below `ceiling`. */
export function otsuThreshold(counts: Uint32Array, ceiling = 256): number {
  let total = 0
  let sum = 0
  for (let v = 0; v < ceiling; v += 1) {
    total += counts[v]!
    sum += v * counts[v]!
  }
  let weightBelow = 0
  let sumBelow = 0
  let best = 0
  let threshold = 128
  for (let v = 0; v < ceiling; v += 1) {
    weightBelow += counts[v]!
    if (weightBelow === 0) continue
    const weightAbove = total - weightBelow
    if (weightAbove === 0) break
    sumBelow += v * counts[v]!
    const meanBelow = sumBelow / weightBelow
    const meanAbove = (sum - sumBelow) / weightAbove
    const between = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2
    if (between > best) {
      best = between
      threshold = v
    }
  }
  return threshold
}

/**
 * Ink is at least `minContrast` levels darker than the paper. Otsu alone would, on a blank
 * page, split paper from faint bleed-through or grain; the floor keeps those out.
 */
export function inkThreshold(image: GreyImage, minContrast = 70): {paper: number; threshold: number} {
  const counts = histogram(image)
  const paper = paperLevel(counts)
  const otsu = otsuThreshold(counts, paper + 1)
  return {paper, threshold: Math.max(1, Math.min(otsu, paper - minContrast))}
}

export interface Component {
  x0: number
  y0: number
  /** Inclusive. */
  x1: number
  y1: number
  /** Ink pixels. */
  area: number
  touchesEdge: boolean
}

export interface Components {
  list: Component[]
  /** Per pixel: index into `list` + 1, or 0 for paper. */
  labels: Int32Array
}

/** 8-connected components of the pixels darker than `threshold`. */
export function connectedComponents(image: GreyImage, threshold: number): Components {
  const {data, width, height} = image
  const labels = new Int32Array(width * height)
  const list: Component[] = []
  const stack: number[] = []
  for (let start = 0; start < data.length; start += 1) {
    if (labels[start] !== 0 || data[start]! >= threshold) continue
    const label = list.length + 1
    const c: Component = {x0: width, y0: height, x1: -1, y1: -1, area: 0, touchesEdge: false}
    labels[start] = label
    stack.push(start)
    while (stack.length > 0) {
      const p = stack.pop()!
      const x = p % width
      const y = (p - x) / width
      c.area += 1
      if (x < c.x0) c.x0 = x
      if (x > c.x1) c.x1 = x
      if (y < c.y0) c.y0 = y
      if (y > c.y1) c.y1 = y
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = y + dy
        if (ny < 0 || ny >= height) continue
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx
          if (nx < 0 || nx >= width) continue
          const q = ny * width + nx
          if (labels[q] === 0 && data[q]! < threshold) {
            labels[q] = label
            stack.push(q)
          }
        }
      }
    }
    c.touchesEdge = c.x0 === 0 || c.y0 === 0 || c.x1 === width - 1 || c.y1 === height - 1
    list.push(c)
  }
  return {list, labels}
}

/**
 * Rotates by `degrees` clockwise about the centre into an `outWidth` × `outHeight` frame
 * with the same centre (bilinear; `fill` where the source has no pixel). Right angles are
 * exact, so quarter turns keep every pixel.
 */
export function rotateGrey(image: GreyImage, degrees: number, fill: number, outWidth?: number, outHeight?: number): GreyImage {
  const quarter = (((Math.round(degrees / 90) % 4) + 4) % 4) * 90
  const {width, height, data} = image
  const swap = quarter === 90 || quarter === 270
  const w = outWidth ?? (swap ? height : width)
  const h = outHeight ?? (swap ? width : height)
  const out = new Uint8Array(w * h).fill(fill)
  const filled = new Uint8Array(w * h).fill(1)
  const radians = (degrees * Math.PI) / 180
  const cos = Math.cos(radians)
  const sin = Math.sin(radians)
  const cx = (width - 1) / 2
  const cy = (height - 1) / 2
  const ox = (w - 1) / 2
  const oy = (h - 1) / 2
  const exact = Math.abs(degrees - quarter) < 1e-9 || Math.abs(degrees - quarter + 360) < 1e-9
  for (let y = 0; y < h; y += 1) {
    const dy = y - oy
    for (let x = 0; x < w; x += 1) {
      const dx = x - ox
      // Inverse map: the source point that lands here.
      const sx = cos * dx + sin * dy + cx
      const sy = -sin * dx + cos * dy + cy
      if (exact) {
        const ix = Math.round(sx)
        const iy = Math.round(sy)
        if (ix >= 0 && iy >= 0 && ix < width && iy < height) {
          out[y * w + x] = data[iy * width + ix]!
          filled[y * w + x] = 0
        }
        continue
      }
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue
      const fx = sx - x0
      const fy = sy - y0
      const i = y0 * width + x0
      const top = data[i]! * (1 - fx) + data[i + 1]! * fx
      const bottom = data[i + width]! * (1 - fx) + data[i + width + 1]! * fx
      out[y * w + x] = Math.round(top * (1 - fy) + bottom * fy)
      filled[y * w + x] = 0
    }
  }
  return {data: out, width: w, height: h, filled}
}

/** Pixels of any channel count, row by row (grey, RGB, RGBA). */
export interface Pixels {
  data: Uint8Array
  width: number
  height: number
  channels: number
}

/** A box of an image, copied row by row; the box is clamped to the image and rounded to whole pixels. */
export function cropPixels<T extends Pixels>(image: T, box: Box): T {
  const x0 = clamp(Math.round(box.x0), 0, image.width - 1)
  const y0 = clamp(Math.round(box.y0), 0, image.height - 1)
  const width = clamp(Math.round(box.x1) - x0, 1, image.width - x0)
  const height = clamp(Math.round(box.y1) - y0, 1, image.height - y0)
  const rowBytes = width * image.channels
  const data = new Uint8Array(rowBytes * height)
  for (let y = 0; y < height; y += 1) {
    const start = ((y0 + y) * image.width + x0) * image.channels
    data.set(image.data.subarray(start, start + rowBytes), y * rowBytes)
  }
  return {...image, data, width, height}
}

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value))
