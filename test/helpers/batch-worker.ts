/**
 * Child process for the batch kill tests: runs one batch with the fast OCR double and prints
 * its result as JSON. Argv: root out dataDir delayMs.
 */
import {FORM_PAGE} from '../../scripts/lib/vietnamese-text.js'
import {runBatch} from '../../src/pipeline/batch/run-batch.js'
import {FakeOcr} from './fake-ocr.js'
import {reviewSheetRenderer} from '../../src/ui/review-sheet.js'

const [root, out, dataDir, delay] = process.argv.slice(2) as [string, string, string, string]
const result = await runBatch({
  renderReview: reviewSheetRenderer('vi'),
  root,
  outDir: out,
  procedure: '1.001193',
  agency: '000.00.00.H56',
  split: 'auto',
  jobs: 2,
  forceOcr: false,
  allowLowDpi: false,
  dataDir,
  software: 'sohoa/test',
  engine: new FakeOcr({lines: FORM_PAGE, delayMs: Number(delay)}),
})
process.stdout.write(`${JSON.stringify({exitCode: result.exitCode, totals: result.totals, rows: result.rows})}\n`)
process.exitCode = result.exitCode
