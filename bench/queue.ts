/**
 * Queue throughput with real OCR: the same generated dossiers through `sohoa batch --queue`
 * on a private redis-server, worked by 1 `sohoa worker` (--jobs 2) and then by 2 workers
 * (--jobs 1 each), the built CLI (dist/) as a user runs it. Prints pages/min (enqueue to the
 * report written), the seconds per page, and the per-stage seconds the workers reported (summed
 * over the dossiers a worker runs at once, so they add up to more than the wall time).
 *
 *   npm run build && npm run bench:queue
 *   npm run bench:queue -- --dossiers 4 --pages 2     # quicker
 * Uses only generated pages (no ../shared/data).
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

import {renderPage} from '../scripts/lib/page-render.js'
import {FORM_PAGE} from '../scripts/lib/vietnamese-text.js'
import {DossierQueue} from '../src/tools/dossier-queue.js'
import {connectRedis} from '../src/tools/redis.js'
import {startRedis} from '../test/helpers/redis-server.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const BIN = path.join(ROOT, 'bin', 'run.js')

const {values} = parseArgs({options: {dossiers: {type: 'string', default: '8'}, pages: {type: 'string', default: '3'}}})
const dossiers = Number(values.dossiers)
const pages = Number(values.pages)

const work = path.join(os.tmpdir(), `sohoa-bench-queue-${process.pid}`)
const environment = {...process.env, CI: 'true', NODE_ENV: 'production', SOHOA_DATA_DIR: path.join(work, 'data'), SOHOA_LANG: 'en'}

/** A small A6 form page at 200 dpi (as bench:batch): real OCR in a couple of seconds. */
const page = await renderPage({lines: FORM_PAGE.slice(0, 8), pageMm: {width: 105, height: 148}, dpi: 200, sizePt: 8, marginMm: 6, font: 'sans'})
const root = path.join(work, 'root')
for (let index = 1; index <= dossiers; index += 1) {
  const dir = path.join(root, `d${String(index).padStart(3, '0')}`)
  await mkdir(dir, {recursive: true})
  for (let p = 1; p <= pages; p += 1) await writeFile(path.join(dir, `p${p}.png`), page)
}

function cli(args: string[], stdio: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {cwd: ROOT, env: environment, stdio: ['ignore', stdio, 'ignore']})
}

async function measure(workers: number, jobs: number): Promise<void> {
  const redis = await startRedis(path.join(work, `redis-${workers}`))
  const out = path.join(work, `out-${workers}`)
  try {
    const children = Array.from({length: workers}, () => cli(['worker', '--queue', redis.url, '--jobs', String(jobs)]))
    // Let the workers start their OCR engines, as running workers would have.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const started = performance.now()
    const enqueuer = cli(['batch', root, '-p', '1.001193', '--agency', '000.00.00.H56', '--out', out, '--queue', redis.url, '--json'])
    const code = await new Promise<number | null>((resolve) => enqueuer.on('exit', resolve))
    const seconds = (performance.now() - started) / 1000
    const client = await connectRedis(redis.url, 5000)
    const queue = new DossierQueue(client)
    const done = await queue.list(['completed'])
    const stages = {recognise: 0, analyse: 0, finalise: 0}
    for (const job of done) {
      for (const stage of Object.keys(stages) as Array<keyof typeof stages>) stages[stage] += job.result!.timings[stage]
    }
    await queue.close()
    client.disconnect()
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))))
    const total = dossiers * pages
    const perPage = (value: number): string => (value / total).toFixed(2)
    console.log(
      `${workers} worker(s) × --jobs ${jobs}: ${total} pages in ${seconds.toFixed(1)} s → ${((total / seconds) * 60).toFixed(1)} pages/min ` +
        `(${perPage(seconds)} s/page wall; stage seconds per page, summed over dossiers run at once: recognise ${perPage(stages.recognise)}, ` +
        `analyse ${perPage(stages.analyse)}, finalise ${perPage(stages.finalise)}; exit ${code}; ${done.length} jobs done)`,
    )
  } finally {
    await redis.stop()
  }
}

console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}; ${dossiers} dossiers × ${pages} pages`)
try {
  await measure(1, 2)
  await measure(2, 1)
} finally {
  await rm(work, {recursive: true, force: true})
}
