import {describe, expect, it} from 'vitest'

import {gluedToLeader, letterSpan} from '../src/core/page/leader-dots.js'

describe('gluedToLeader', () => {
  it.each([
    ['KHÔ.............', {before: '', letters: 'KHÔ', after: '.............'}],
    ['..................PHAN', {before: '..................', letters: 'PHAN', after: ''}],
    ['....tệm....', {before: '....', letters: 'tệm', after: '....'}],
  ])('%s is letters run into a leader', (text, glued) => {
    expect(gluedToLeader(text)).toEqual(glued)
  })

  it.each(['KHÔI', '.................', 'Lợi.', 'T.Ư...', '12.............'])('%s is not', (text) => {
    expect(gluedToLeader(text)).toBeUndefined()
  })
})

describe('letterSpan', () => {
  // A 40 × 10 box: a letter stroke 4–7 standing from the top to the baseline, dots on the baseline from 12 on.
  const width = 40
  const height = 10
  const data = new Uint8Array(width * height).fill(255)
  for (let y = 0; y < height; y += 1) for (let x = 4; x < 8; x += 1) data[y * width + x] = 0
  for (let x = 12; x < width; x += 4) for (let y = 8; y < height; y += 1) data[y * width + x] = 0

  it('keeps the columns with ink above the leader, with a margin of a fifth of the height', () => {
    expect(letterSpan({data, width, height}, {x0: 0, y0: 0, x1: width, y1: height}, 128)).toEqual({x0: 2, y0: 0, x1: 10, y1: 10})
  })

  it('finds no letters in a box of leader dots alone', () => {
    expect(letterSpan({data, width, height}, {x0: 10, y0: 0, x1: width, y1: height}, 128)).toBeUndefined()
  })
})
