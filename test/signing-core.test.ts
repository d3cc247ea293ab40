/** The pure parts of signing: where the stamp goes, what a byte range may cover, which key a run uses. */
import {describe, expect, it} from 'vitest'

import {checkByteRange} from '../src/core/signature-range.js'
import {type InkGrid, placeStamp, stampLines} from '../src/core/signature-stamp.js'
import {resolveKeySource} from '../src/pipeline/signing-session.js'

const A4 = {width: 595, height: 842}
const STAMP = {width: 180, height: 41}

/** A4 at 2 pt per cell, ink in the given boxes (points from the top left). */
function ink(boxes: Array<{left: number; top: number; width: number; height: number}>): InkGrid {
  const width = Math.ceil(A4.width / 2)
  const height = Math.ceil(A4.height / 2)
  const cells = new Uint8Array(width * height)
  for (const box of boxes) {
    for (let y = Math.floor(box.top / 2); y < Math.ceil((box.top + box.height) / 2); y++) {
      for (let x = Math.floor(box.left / 2); x < Math.ceil((box.left + box.width) / 2); x++) cells[y * width + x] = 1
    }
  }
  return {width, height, cells, cellPt: 2}
}

describe('placeStamp', () => {
  it('puts the stamp in the top-left corner of a blank margin at full size', () => {
    expect(placeStamp(A4, STAMP, ink([{left: 70, top: 70, width: 450, height: 700}]))).toEqual({
      x: 8, y: A4.height - 8 - 41, width: 180, height: 41, scale: 1, coversContent: false,
    })
  })

  it('shrinks it to fit a narrow top margin', () => {
    const placed = placeStamp(A4, STAMP, ink([{left: 0, top: 50, width: 595, height: 700}]))
    expect(placed.scale).toBe(0.85)
    expect(placed.coversContent).toBe(false)
    expect(A4.height - placed.y).toBeLessThanOrEqual(50 - 3)
  })

  it('moves it right along the top edge past a logo in the corner, staying in the left part', () => {
    const placed = placeStamp(A4, STAMP, ink([{left: 0, top: 0, width: 40, height: 200}, {left: 0, top: 220, width: 595, height: 600}]))
    expect(placed).toMatchObject({scale: 1, coversContent: false})
    expect(placed.x).toBeGreaterThanOrEqual(40 + 3)
    expect(placed.x + placed.width).toBeLessThanOrEqual(A4.width * 0.4 + 2)
  })

  it('says so when the page is full and the stamp must cover content', () => {
    expect(placeStamp(A4, STAMP, ink([{left: 0, top: 0, width: 595, height: 842}]))).toMatchObject({x: 8, scale: 0.7, coversContent: true})
  })
})

describe('stampLines', () => {
  it('shows the scan time in Asia/Ho_Chi_Minh, in Vietnamese', () => {
    expect(stampLines({name: 'Nguyễn Thị Hoa', agency: 'UBND xã Đông Sơn', scannedAt: new Date('2026-12-03T17:05:09Z')})).toEqual([
      'BẢN SỐ HÓA ĐÃ KÝ SỐ',
      'Người số hóa: Nguyễn Thị Hoa',
      'Cơ quan: UBND xã Đông Sơn',
      'Thời gian số hóa: 04/12/2026 00:05:09 (GMT+7)',
    ])
  })
})

describe('checkByteRange', () => {
  // 0..9 signed, <00ff> at 10..15, 16..25 signed: 26 bytes.
  const file = new TextEncoder().encode('0123456789<00ff>abcdefghij')
  const withEof = new TextEncoder().encode('0123456789<00ff>ab%%EOF\nmore bytes')

  it.each([
    ['the whole file but the contents', file, [0, 10, 16, 10], {ok: true, end: 26}],
    ['an earlier revision ending at %%EOF', withEof, [0, 10, 16, 8], {ok: true, end: 24}],
    ['a range not starting at 0', file, [1, 9, 16, 10], {ok: false, reason: 'shape'}],
    ['a gap wider than the hex string', file, [0, 9, 16, 10], {ok: false, reason: 'gap'}],
    ['a gap holding more than hex digits', file, [0, 10, 18, 8], {ok: false, reason: 'gap'}],
    ['a range past the end of the file', file, [0, 10, 16, 11], {ok: false, reason: 'beyond-file'}],
    ['a range ending mid-file, not at a revision', file, [0, 10, 16, 5], {ok: false, reason: 'not-a-revision'}],
    ['three numbers', file, [0, 10, 16], {ok: false, reason: 'shape'}],
  ])('%s', (_title, bytes, range, expected) => {
    expect(checkByteRange(bytes, range)).toEqual(expected)
  })
})

describe('resolveKeySource', () => {
  const none = {useStoredKey: false}
  it('signs only when asked: a flag, or --sign with a stored key', () => {
    expect(resolveKeySource(none, {'signer.p12': '/k.p12'})).toBeUndefined()
    expect(resolveKeySource({useStoredKey: true}, {'signer.p12': '/k.p12'})).toEqual({kind: 'pkcs12', file: '/k.p12'})
    expect(resolveKeySource({...none, p12: '/flag.p12'}, {'signer.p12': '/k.p12'})).toEqual({kind: 'pkcs12', file: '/flag.p12'})
  })

  it('takes the PKCS#11 slot and label from flags first, then the settings', () => {
    const settings = {'signer.pkcs11-module': '/m.so', 'signer.slot': '0x10', 'signer.key-label': 'stored'}
    expect(resolveKeySource({useStoredKey: true}, settings)).toEqual({kind: 'pkcs11', module: '/m.so', slot: 16, keyLabel: 'stored'})
    const fromFlags = resolveKeySource({...none, pkcs11Module: '/f.so', keyLabel: 'flag', slot: 3}, settings)
    expect(fromFlags).toEqual({kind: 'pkcs11', module: '/f.so', slot: 3, keyLabel: 'flag'})
  })

  it.each([
    ['two keys at once', {...none, p12: '/a.p12', pkcs11Module: '/m.so'}, {}, 'sign.two-keys'],
    ['--sign with nothing stored', {useStoredKey: true}, {}, 'sign.no-key'],
    ['a token without a key label', {...none, pkcs11Module: '/m.so'}, {}, 'sign.key-label-required'],
  ])('refuses %s (exit 2)', (_title, request, settings, code) => {
    expect(() => resolveKeySource(request, settings)).toThrow(expect.objectContaining({code, exitCode: 2}))
  })
})
