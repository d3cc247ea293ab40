/** Reading CSV (csv-parse): RFC 4180 quoting, a BOM from spreadsheet exports, any line ending. */
import {parse} from 'csv-parse/sync'

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message)
  }
}

/** Rows as objects keyed by the header line (names trimmed and lower-cased). */
export function parseCsv(text: string): {columns: string[]; rows: Array<{line: number; values: Record<string, string>}>} {
  let records: string[][]
  try {
    records = parse(text, {bom: true, skip_empty_lines: true, relax_column_count: true, trim: true}) as string[][]
  } catch (error) {
    const line = (error as {lines?: number}).lines ?? 0
    throw new CsvError((error as Error).message, line)
  }
  const [header = [], ...body] = records
  const columns = header.map((name) => name.trim().toLowerCase())
  return {
    columns,
    rows: body.map((values, index) => ({
      line: index + 2,
      values: Object.fromEntries(columns.map((column, at) => [column, values[at] ?? ''])),
    })),
  }
}
