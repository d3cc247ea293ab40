/**
 * What signing costs per document, PKCS#12 and PKCS#11 (SoftHSM2) side by side in one run, on a
 * generated A4 page at 300 dpi as `run` packages it (JPEG image, text layer, PDF/A). The test PKI
 * and token are made fresh in a temporary folder (test/helpers/signing-pki.ts).
 *
 *   npm run bench:signing -- [--documents 5]
 */
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import sharp from 'sharp'

import {renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import type {Signer} from '../src/core/signer.js'
import {signDocumentPdf} from '../src/pipeline/sign-documents.js'
import {openP12Signer} from '../src/tools/p12-signer.js'
import {SearchablePdf} from '../src/tools/pdf.js'
import {openPkcs11Signer} from '../src/tools/pkcs11-signer.js'
import {makeSoftHsmToken, makeTestPki, SOFTHSM_MODULE} from '../test/helpers/signing-pki.js'

const {values} = parseArgs({options: {documents: {type: 'string', default: '5'}}})
const documents = Math.max(1, Number(values.documents))

const dir = await mkdtemp(path.join(os.tmpdir(), 'sohoa-bench-signing-'))
try {
  const pki = await makeTestPki(path.join(dir, 'pki'))
  const token = await makeSoftHsmToken(path.join(dir, 'hsm'), pki)
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF
  const jpeg = await sharp(await renderPage({lines: FORM_PAGE, dpi: 300})).jpeg({quality: 85}).toBuffer({resolveWithObject: true})
  const pdf = await SearchablePdf.create({title: 'bench', creator: 'sohoa/bench', pdfa: true})
  await pdf.addImagePage({kind: 'jpeg', bytes: jpeg.data, width: jpeg.info.width, height: jpeg.info.height}, 300, undefined, jpeg.info)
  const unsigned = await pdf.save()

  const tokenKey = {module: SOFTHSM_MODULE, slot: token.slot, keyLabel: token.keyLabel}
  const digitiser = {name: 'Nguyễn Thị Hoa', agency: 'UBND xã Đông Sơn'}
  const signers: Array<[string, Signer]> = [
    ['pkcs12', await openP12Signer(pki.p12File, pki.p12Password)],
    ['pkcs11 (SoftHSM2)', await openPkcs11Signer(tokenKey, async () => token.pin)],
  ]
  console.log(`document: 1 A4 page, 300 dpi JPEG, ${(unsigned.length / 1024).toFixed(0)} KiB unsigned; ${documents} documents per key`)
  // One untimed signature each first: module loading and the font's first read are paid once per process.
  for (const [, signer] of signers) await signDocumentPdf(unsigned, {signer, digitiser, appName: 'bench'}, new Date())
  const rows: string[] = []
  for (let round = 0; round < 2; round++) {
    // Alternating keys in two rounds, so that machine load falls on both alike.
    for (const [name, signer] of signers) {
      const started = performance.now()
      let size = 0
      for (let index = 0; index < documents; index++) {
        const signed = await signDocumentPdf(unsigned, {signer, digitiser, appName: 'bench'}, new Date())
        size = signed.bytes.length
      }
      const perDocument = (performance.now() - started) / documents
      const added = ((size - unsigned.length) / 1024).toFixed(1)
      rows.push(`round ${round + 1}  ${name.padEnd(18)} ${perDocument.toFixed(0).padStart(6)} ms/document   +${added} KiB`)
    }
  }
  for (const row of rows) console.log(row)
  for (const [, signer] of signers) await signer.close()
} finally {
  await rm(dir, {recursive: true, force: true})
}
