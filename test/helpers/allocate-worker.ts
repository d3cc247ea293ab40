/** Child process for the allocator test: allocates codes one at a time and prints them. */
import {allocateDossierCodes} from '../../src/pipeline/dossier-code-allocator.js'

const [dataDir, agency, countText] = process.argv.slice(2) as [string, string, string]
const day = {year: 2024, month: 3, day: 15}
const codes: string[] = []
for (let index = 0; index < Number(countText); index += 1) {
  const result = await allocateDossierCodes({agency, day, dataDir})
  codes.push(...result.codes)
}
process.stdout.write(`${JSON.stringify(codes)}\n`)
