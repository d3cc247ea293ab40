/** The batch report as a terminal table: one line per dossier, the reason for any that did not go through. */
import type {BatchRow} from '../core/batch.js'
import {type Lang, translate} from './i18n.js'

export function renderBatchTable(rows: readonly BatchRow[], lang: Lang): string {
  const t = (code: string): string => translate(lang, code)
  const header = [
    t('batch.column.input'),
    t('batch.column.status'),
    t('batch.column.code'),
    t('batch.column.pages'),
    t('batch.column.reason'),
  ]
  const body = rows.map((row) => [
    oneLine(row.input),
    t(`batch.status.${row.status}`),
    row.dossierCode ?? '-',
    row.pages === null ? '-' : String(row.pages),
    oneLine(
      row.reason ??
        (row.failure ? translate(lang, row.failure.code, row.failure.params) : row.status === 'invalid' ? row.issues.join(' ') : ''),
    ),
  ])
  const widths = header.map((title, column) => Math.min(60, Math.max(title.length, ...body.map((cells) => cells[column]!.length))))
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) =>
        column === cells.length - 1
          ? cell
          : cell.length > widths[column]!
            ? `${cell.slice(0, widths[column]! - 1)}…`
            : cell.padEnd(widths[column]!),
      )
      .join('  ')
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n')
}

/** A file name may hold a newline; the table keeps one line per dossier. */
function oneLine(text: string): string {
  return JSON.stringify(text).slice(1, -1) === text ? text : text.replace(/[\r\n\t]/g, (char) => JSON.stringify(char).slice(1, -1))
}
