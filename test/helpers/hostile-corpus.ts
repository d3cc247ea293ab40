/**
 * The hostile-input corpus of issue 18: each case builds its own inputs in a private folder
 * and says what the CLI must do with them. test/hostile-input.test.ts runs every case and
 * checks the common promises (a documented exit code, never 1; the file and the reason
 * named; no stack trace; inputs unchanged; nothing overwritten; the good inputs beside the
 * bad one processed), plus each case's own check.
 */
import {execFileSync, spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync} from 'node:fs'
import {lstat, mkdir, readdir, readFile, readlink, symlink, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {crc32, deflateSync} from 'node:zlib'

import {PDFDocument, PDFName, PDFString} from 'pdf-lib'
import sharp from 'sharp'

import {renderPage} from '../../scripts/lib/page-render.js'
import type {CliResult} from './cli.js'

export interface CaseRun {
  args: string[]
  env?: Record<string, string>
  /** Files and folders whose content must be the same after the run. */
  inputs: string[]
  /** Files that existed before and must not be overwritten. */
  existing?: string[]
  exit: number
  /** What the human output (stdout + stderr) must name: the file and the reason. */
  mentions: Array<string | RegExp>
  /** What it must never show (a whole ID number, a raw escape character). */
  absent?: Array<string | RegExp>
  /** The case's own check: the good inputs were processed, nothing was packaged, … */
  check?: (result: CliResult) => Promise<void>
}

export interface HostileCase {
  id: string
  setup: (dir: string) => Promise<CaseRun>
}

const PAGE = {lines: ['Tờ khai đăng ký kết hôn'], pageMm: {width: 148, height: 105}, dpi: 200}
const AGENCY = ['--agency', '000.00.00.H56']

async function page(file: string): Promise<string> {
  await mkdir(path.dirname(file), {recursive: true})
  await writeFile(file, await renderPage(PAGE))
  return file
}

async function folderWithPage(dir: string, name = 'in'): Promise<string> {
  const folder = path.join(dir, name)
  await page(path.join(folder, 'p1.png'))
  return folder
}

/** Throws when `file` is missing: the good input beside the bad one was processed. */
async function exists(file: string): Promise<void> {
  await lstat(file)
}

async function nothingIn(folder: string): Promise<void> {
  const entries = await readdir(folder).catch(() => [])
  if (entries.length > 0) throw new Error(`${folder} should be empty, holds ${entries.join(', ')}`)
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A small PNG that declares `width`×`height` pixels: a decompression bomb's header. */
export function bombPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([1, 0, 0, 0, 0], 8)
  const row = Buffer.alloc(1 + Math.ceil(width / 8))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A two-page TIFF whose second page's pixel data is garbage. */
async function tiffWithCorruptPage2(file: string): Promise<void> {
  const one = await sharp(await renderPage(PAGE)).greyscale().raw().toBuffer({resolveWithObject: true})
  const {width, height} = one.info
  const tiff = await sharp(Buffer.concat([one.data, one.data]), {raw: {width, height: height * 2, channels: 1, pageHeight: height}})
    .tiff({compression: 'lzw'})
    .toBuffer()
  const bytes = Buffer.from(tiff)
  // Page 2's strips follow page 1's; spoil the LZW codes of the second half of the data.
  const start = Math.floor(bytes.length * 0.55)
  for (let i = start; i < Math.floor(bytes.length * 0.9); i += 1) bytes[i] = (i * 151) & 0xff
  await writeFile(file, bytes)
}

/** A PDF page carrying JavaScript and actions: an open action, page and annotation actions. */
async function activePdf(file: string): Promise<void> {
  const doc = await PDFDocument.create()
  const jpeg = await renderPage({...PAGE, format: 'jpeg'})
  const image = await doc.embedJpg(jpeg)
  const width = (image.width / 200) * 72
  const height = (image.height / 200) * 72
  const pdfPage = doc.addPage([width, height])
  pdfPage.drawImage(image, {x: 0, y: 0, width, height})
  const {context} = doc
  const js = context.obj({S: 'JavaScript', JS: PDFString.of('app.alert("hi")')})
  doc.catalog.set(PDFName.of('OpenAction'), context.register(js))
  pdfPage.node.set(PDFName.of('AA'), context.obj({O: context.register(context.obj({S: 'JavaScript', JS: PDFString.of('app.beep(0)')}))}))
  const launch = context.obj({S: 'Launch', F: PDFString.of('calc.exe')})
  const annot = context.obj({Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 50, 50], Border: [0, 0, 0], A: launch})
  pdfPage.node.set(PDFName.of('Annots'), context.obj([context.register(annot)]))
  await writeFile(file, await doc.save({useObjectStreams: false}))
}

/** A valid-shaped bag whose manifest names files the bag lacks. */
async function bagNaming(folder: string, manifestLines: Buffer): Promise<void> {
  await mkdir(path.join(folder, 'data'), {recursive: true})
  await writeFile(path.join(folder, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
  await writeFile(path.join(folder, 'bag-info.txt'), 'Payload-Oxum: 0.0\n')
  await writeFile(path.join(folder, 'manifest-sha256.txt'), manifestLines)
}

function validSchema(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    code: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    levels: ['xa'],
    field: 'Hộ tịch',
    results: [{code: 'KQ.G15.000031', name: 'Giấy khai sinh'}],
    cases: [
      {
        name: '',
        components: [
          {code: 'TP01', codeSource: 'local', name: 'Tờ khai đăng ký khai sinh', mode: 'submit', originals: 1, copies: 0, required: true, kinds: ['to-khai-khai-sinh']},
        ],
      },
    ],
  }
}

/** A process id that no running process has: a child that has already exited. */
export function deadPid(): number {
  const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'})
  return Number(child)
}

/**
 * Makes a folder unwritable for this process. As root, permissions do not stop a write, so
 * the folder is made immutable (chattr +i); `undo` gives it back for cleanup.
 */
export async function makeReadOnly(folder: string): Promise<() => void> {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', folder])
    return () => execFileSync('chattr', ['-i', folder])
  }
  execFileSync('chmod', ['555', folder])
  return () => execFileSync('chmod', ['755', folder])
}

export const readOnlyUndo: Array<() => void> = []

const ID = '001090012345'

export const HOSTILE_CASES: HostileCase[] = [
  {
    id: 'ocr writes over its own input',
    async setup(dir) {
      const scan = path.join(dir, 'scan.pdf')
      const doc = await PDFDocument.create()
      const image = await doc.embedJpg(await renderPage({...PAGE, format: 'jpeg'}))
      const [width, height] = [image.width * 0.36, image.height * 0.36]
      doc.addPage([width, height]).drawImage(image, {x: 0, y: 0, width, height})
      await writeFile(scan, await doc.save())
      const good = await page(path.join(dir, 'good.png'))
      return {
        args: ['ocr', scan, good, '--out', dir, '--jobs', '1'],
        inputs: [scan, good],
        exit: 2,
        mentions: [scan, /is also an input/],
        check: async () => exists(path.join(dir, 'good.pdf')),
      }
    },
  },
  {
    id: 'ocr of two inputs with the same name',
    async setup(dir) {
      const a = await page(path.join(dir, 'a', 'page.png'))
      const b = await page(path.join(dir, 'b', 'page.png'))
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', a, b, '--out', out, '--jobs', '1'],
        inputs: [a, b],
        exit: 0,
        mentions: [path.join(out, 'page.pdf'), path.join(out, 'page-2.pdf')],
        check: async () => {
          const names = (await readdir(out)).sort()
          if (names.join() !== 'page-2.pdf,page-2.txt,page.pdf,page.txt') throw new Error(`outputs: ${names.join(', ')}`)
        },
      }
    },
  },
  {
    id: 'ocr into a folder that already holds the output',
    async setup(dir) {
      const input = await page(path.join(dir, 'in', 'page.png'))
      const good = await page(path.join(dir, 'in', 'other.png'))
      const out = path.join(dir, 'out')
      await mkdir(out)
      const old = path.join(out, 'page.pdf')
      await writeFile(old, 'an earlier result\n')
      return {
        args: ['ocr', input, good, '--out', out, '--jobs', '1'],
        inputs: [input, good],
        existing: [old],
        exit: 8,
        mentions: [old, /--force/],
        check: async () => exists(path.join(out, 'other.pdf')),
      }
    },
  },
  {
    id: 'run on a folder with a symlink to a page outside it',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      const outside = await page(path.join(dir, 'elsewhere', 'cccd.png'))
      await symlink(outside, path.join(folder, 'p2.png'))
      const out = path.join(dir, 'out')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', path.join(dir, 'state'), '--jobs', '1'],
        inputs: [folder, outside],
        exit: 3,
        mentions: [path.join(folder, 'p2.png'), /symbolic link/, /--follow-links/],
        check: async () => nothingIn(out),
      }
    },
  },
  {
    id: 'ocr on a folder with a link loop, a link to a system file and a FIFO',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      await symlink('loop-b', path.join(folder, 'loop-a.png'))
      await symlink('loop-a.png', path.join(folder, 'loop-b'))
      await symlink('/etc/passwd', path.join(folder, 'passwd.png'))
      execFileSync('mkfifo', [path.join(folder, 'pipe.png')])
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', folder, '--out', out, '--jobs', '1'],
        inputs: [folder],
        exit: 3,
        mentions: [path.join(folder, 'loop-a.png'), path.join(folder, 'passwd.png'), path.join(folder, 'pipe.png'), /symbolic link/, /FIFO/],
        absent: [/root:x:0/],
        check: async () => exists(path.join(out, 'p1.pdf')),
      }
    },
  },
  {
    id: 'run on a folder with a FIFO',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      execFileSync('mkfifo', [path.join(folder, 'p2.png')])
      const out = path.join(dir, 'out')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', path.join(dir, 'state'), '--jobs', '1'],
        inputs: [folder],
        exit: 3,
        mentions: [path.join(folder, 'p2.png'), /FIFO/],
        check: async () => nothingIn(out),
      }
    },
  },
  {
    id: 'a TIFF whose page 2 is corrupt',
    async setup(dir) {
      const tiff = path.join(dir, 'two.tif')
      await tiffWithCorruptPage2(tiff)
      const good = await page(path.join(dir, 'good.png'))
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', tiff, good, '--out', out, '--jobs', '1'],
        inputs: [tiff, good],
        exit: 3,
        mentions: [tiff, /page 2/, /cannot be decoded/],
        absent: [/page 2: blank|dropped blank page|left out of the document/],
        check: async () => {
          await exists(path.join(out, 'good.pdf'))
          if ((await readdir(out)).some((name) => name.startsWith('two'))) throw new Error('the damaged TIFF was written out')
        },
      }
    },
  },
  {
    id: 'run on an empty folder',
    async setup(dir) {
      const folder = path.join(dir, 'empty')
      await mkdir(folder)
      const out = path.join(dir, 'out')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', path.join(dir, 'state'), '--jobs', '1'],
        inputs: [folder],
        exit: 3,
        mentions: [folder, /no page files/i],
        check: async () => nothingIn(out),
      }
    },
  },
  {
    id: 'stale OCR language folders of killed runs',
    async setup(dir) {
      const tmp = path.join(dir, 'tmp')
      const stale = path.join(tmp, `sohoa-tessdata-${deadPid()}-abc123`)
      const live = path.join(tmp, `sohoa-tessdata-${process.pid}-def456`)
      await mkdir(stale, {recursive: true})
      await mkdir(live, {recursive: true})
      const good = await page(path.join(dir, 'good.png'))
      return {
        args: ['ocr', good, '--out', path.join(dir, 'out'), '--jobs', '1'],
        env: {TMPDIR: tmp},
        inputs: [good],
        exit: 0,
        mentions: [path.join(dir, 'out', 'good.pdf')],
        check: async () => {
          const left = await readdir(tmp)
          if (left.includes(path.basename(stale))) throw new Error('the stale language folder is still there')
          if (!left.includes(path.basename(live))) throw new Error('the language folder of a live process was removed')
          if (left.some((name) => name.startsWith('sohoa-tessdata-') && name !== path.basename(live))) throw new Error(`left behind: ${left.join(', ')}`)
        },
      }
    },
  },
  {
    id: 'id parse of control characters, ESC sequences and U+202E',
    async setup() {
      return {
        args: ['id', 'parse', '\u001b[2J\u001b]0;pwned\u0007\u202e0010\u0008'],
        inputs: [],
        exit: 4,
        mentions: [/\\x1b\[2J/, /\\u202e/, /not digits|digits/i],
        absent: [/\u001b\[2J/, /\u202e/, /\u0007/, /\u0008/],
      }
    },
  },
  {
    id: 'id parse of an ID with a zero-width space, full-width digits, a control character',
    async setup() {
      return {
        args: ['id', 'parse', `001090\u200b012345`],
        inputs: [],
        exit: 4,
        mentions: [/001\*+345/, /digits/i],
        absent: [/001090.?012345/u, /\u200b/],
      }
    },
  },
  {
    id: 'id parse of full-width digits',
    async setup() {
      return {
        args: ['id', 'parse', '００１０９００１２３４５'],
        inputs: [],
        exit: 4,
        mentions: [/００１\*+３４５/, /digits/i],
        absent: ['００１０９００１２３４５'],
      }
    },
  },
  {
    id: 'id parse of an ID with a control character inside',
    async setup() {
      return {
        args: ['id', 'parse', `0010900\u000112345`],
        inputs: [],
        exit: 4,
        mentions: [/001\*+345/, /digits/i],
        absent: [/\u0001/, /0010900.?12345/u],
      }
    },
  },
  {
    id: 'verify prints owner IDs inside file names',
    async setup(dir) {
      const bag = path.join(dir, '000.00.00.H56-240315-0001')
      await bagNaming(bag, Buffer.from(`${'0'.repeat(64)}  data/documents/${ID}.1.001193.TP01.01.pdf\n`))
      return {
        args: ['verify', bag],
        inputs: [bag],
        exit: 6,
        mentions: [/001\*{6}345\.1\.001193\.TP01\.01\.pdf/],
        absent: [ID],
      }
    },
  },
  {
    id: 'verify on a manifest with a non-UTF-8 path',
    async setup(dir) {
      const bag = path.join(dir, '000.00.00.H56-240315-0002')
      const rawName = Buffer.concat([Buffer.from('data/documents/'), Buffer.from([0xff, 0xfe]), Buffer.from('.pdf')])
      await bagNaming(bag, Buffer.concat([Buffer.from(`${'0'.repeat(64)}  `), rawName, Buffer.from('\n')]))
      // The file itself is there too, named by the same bytes, as an archive unpacked on another system leaves it.
      await mkdir(path.join(bag, 'data', 'documents'), {recursive: true})
      await writeFile(Buffer.concat([Buffer.from(`${bag}/`), rawName]), '%PDF-1.7\n')
      return {
        args: ['verify', bag],
        inputs: [bag],
        exit: 6,
        mentions: ['manifest-sha256.txt', /UTF-8/],
      }
    },
  },
  {
    id: 'a PDF with JavaScript and actions',
    async setup(dir) {
      const input = path.join(dir, 'active.pdf')
      await activePdf(input)
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', input, '--out', out, '--jobs', '1'],
        inputs: [input],
        exit: 0,
        mentions: [path.join(out, 'active.pdf')],
        check: async () => {
          const text = (await readFile(path.join(out, 'active.pdf'))).toString('latin1')
          for (const key of ['/JavaScript', '/JS', '/OpenAction', '/AA', '/Launch']) if (text.includes(key)) throw new Error(`output still has ${key}`)
        },
      }
    },
  },
  {
    id: 'run --out that is a file',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      const out = path.join(dir, 'out.txt')
      await writeFile(out, 'not a folder\n')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', path.join(dir, 'state'), '--jobs', '1'],
        inputs: [folder],
        existing: [out],
        exit: 8,
        mentions: [out, /not a folder/],
      }
    },
  },
  {
    id: 'run --out in a read-only folder',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      const locked = path.join(dir, 'locked')
      await mkdir(locked)
      readOnlyUndo.push(await makeReadOnly(locked))
      const out = path.join(locked, 'out')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', path.join(dir, 'state'), '--jobs', '1'],
        inputs: [folder],
        exit: 8,
        mentions: [out, /read-only|not writable/],
        absent: [/ENOENT/],
      }
    },
  },
  {
    id: 'ocr --out in a read-only folder',
    async setup(dir) {
      const good = await page(path.join(dir, 'good.png'))
      const locked = path.join(dir, 'locked')
      await mkdir(locked)
      readOnlyUndo.push(await makeReadOnly(locked))
      const out = path.join(locked, 'out')
      return {
        args: ['ocr', good, '--out', out, '--jobs', '1'],
        inputs: [good],
        exit: 8,
        mentions: [out, /read-only|not writable/],
        absent: [/ENOENT/],
      }
    },
  },
  {
    id: 'run with a read-only --data-dir',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      const state = path.join(dir, 'state')
      await mkdir(state)
      readOnlyUndo.push(await makeReadOnly(state))
      const out = path.join(dir, 'out')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', state, '--jobs', '1'],
        inputs: [folder, state],
        exit: 8,
        mentions: [state, /read-only|not writable/],
        check: async () => nothingIn(out),
      }
    },
  },
  {
    id: 'run with a malformed --owner-id',
    async setup(dir) {
      const folder = await folderWithPage(dir)
      const out = path.join(dir, 'out')
      return {
        args: ['run', folder, '--procedure', '1.001193', ...AGENCY, '--out', out, '--data-dir', path.join(dir, 'state'), '--owner-id', '12345x', '--jobs', '1'],
        inputs: [folder],
        exit: 2,
        mentions: ['--owner-id', '12345x'],
        check: async () => nothingIn(out),
      }
    },
  },
  {
    id: 'a decompression bomb',
    async setup(dir) {
      const bomb = path.join(dir, 'bomb.png')
      await writeFile(bomb, bombPng(60_000, 60_000))
      const good = await page(path.join(dir, 'good.png'))
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', bomb, good, '--out', out, '--jobs', '1'],
        inputs: [bomb, good],
        exit: 3,
        mentions: [bomb, /image too large: 60000×60000 pixels, limit 1000 megapixels/],
        absent: [/truncated/],
        check: async () => exists(path.join(out, 'good.pdf')),
      }
    },
  },
  {
    id: 'a huge vector PDF page',
    async setup(dir) {
      const huge = path.join(dir, 'huge.pdf')
      const doc = await PDFDocument.create()
      doc.addPage([14_400, 14_400]).drawRectangle({x: 10, y: 10, width: 14_000, height: 14_000, borderWidth: 5})
      await writeFile(huge, await doc.save())
      const good = await page(path.join(dir, 'good.png'))
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', huge, good, '--out', out, '--jobs', '1', '--force-ocr'],
        inputs: [huge, good],
        exit: 3,
        mentions: [huge, /page 1/, /too large/],
        absent: [/damaged/],
        check: async () => exists(path.join(out, 'good.pdf')),
      }
    },
  },
  {
    id: 'an input whose name is 244 bytes long',
    async setup(dir) {
      const stem = 'trang-'.padEnd(240, 'x')
      const input = await page(path.join(dir, 'in', `${stem}.png`))
      const out = path.join(dir, 'out')
      return {
        args: ['ocr', input, '--out', out, '--jobs', '1'],
        inputs: [input],
        exit: 0,
        mentions: [path.join(out, `${stem}.pdf`)],
        check: async () => exists(path.join(out, `${stem}.txt`)),
      }
    },
  },
  {
    id: 'schema lint of a 50 MB schema',
    async setup(dir) {
      const huge = path.join(dir, 'huge.json')
      const filler = 'x'.repeat(1024 * 1024)
      await writeFile(huge, `{"name": [${Array.from({length: 50}, () => `"${filler}"`).join(',')}]}`)
      const good = path.join(dir, 'good.json')
      await writeFile(good, JSON.stringify(validSchema(), null, 2))
      return {
        args: ['schema', 'lint', huge, good],
        inputs: [huge, good],
        exit: 3,
        mentions: [huge, /too large/, good],
      }
    },
  },
  {
    id: 'schema lint of duplicate JSON keys',
    async setup(dir) {
      const file = path.join(dir, 'dup.json')
      const text = JSON.stringify(validSchema(), null, 2).replace('"code": "1.001193",', '"code": "1.001193",\n  "code": "1.000656",')
      await writeFile(file, text)
      return {
        args: ['schema', 'lint', file],
        inputs: [file],
        exit: 4,
        mentions: [file, /duplicate key/i, '/code'],
      }
    },
  },
]

/** SHA-256 of a file, or of a folder's names, link targets and file contents. */
export async function fingerprint(target: string): Promise<string> {
  const hash = createHash('sha256')
  const visit = async (entry: string): Promise<void> => {
    const info = await lstat(entry).catch(() => undefined)
    if (!info) return void hash.update(`missing ${entry}\n`)
    hash.update(`${path.relative(target, entry)} ${info.mode} ${info.size}\n`)
    if (info.isSymbolicLink()) hash.update(await readlink(entry))
    else if (info.isFile()) hash.update(await readFile(entry))
    else if (info.isDirectory()) for (const name of (await readdir(entry)).sort()) await visit(path.join(entry, name))
  }
  await visit(target)
  return hash.digest('hex')
}

/**
 * Sends SIGINT to a CLI run as soon as its first output file appears in `outDir` (so OCR is
 * running and files remain), and returns what it printed. No fixed delay: on a loaded machine a
 * timer fires before the signal handler exists or after the run has ended; and `ocr` prints its
 * per-file lines only at the end, so its output cannot be the cue.
 */
export function interruptDuringOcr(
  bin: string,
  args: string[],
  env: Record<string, string>,
  outDir: string,
): Promise<{code: number | null; stderr: string; stdout: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const poll = setInterval(() => {
      const written = existsSync(outDir) ? readdirSync(outDir).filter((name) => name.endsWith('.pdf')) : []
      if (written.length === 0) return
      clearInterval(poll)
      child.kill('SIGINT')
    }, 50)
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      resolve({code, stdout, stderr})
    })
  })
}
