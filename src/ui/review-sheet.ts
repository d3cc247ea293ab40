/**
 * The review sheet as one self-contained HTML page: inline styles, thumbnails as data: URIs,
 * no scripts and nothing fetched. Pure: a ReviewSheet in, an HTML string out. It is what the
 * clerk prints or shows the citizen, so every ID number on it is masked.
 */
import {maskIdsInText} from '../core/citizen-id.js'
import type {ChecklistEntry} from '../core/checklist.js'
import type {ReviewDocument, ReviewSheet, ReviewSheetRenderer} from '../core/review-sheet.js'
import {type Lang, translate} from './i18n.js'
import {renderProblem} from './problems.js'
import {fieldValueText} from './field-value.js'

const STYLE = `
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px;color:#111;font-size:14px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:24px 0 8px;border-bottom:2px solid #333}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
.meta td:first-child{width:180px;font-weight:bold}.code{font-family:"DejaVu Sans Mono",monospace}
.checklist td:first-child{white-space:nowrap}.found{color:#0a6b1f}.missing{color:#b00020;font-weight:bold}.doubtful{color:#a15c00;font-weight:bold}.absent{color:#666}
.document{border:1px solid #bbb;padding:8px 12px;margin:12px 0;page-break-inside:avoid}
.thumbs{display:flex;flex-wrap:wrap;gap:8px}.thumbs figure{margin:0;text-align:center;font-size:11px}
.thumbs img{border:1px solid #888;max-width:160px;max-height:220px}
.issue.error{color:#b00020}.issue.warning{color:#a15c00}.hint{color:#444;font-size:12px}
@media print{body{margin:0}}`

export function reviewSheetRenderer(lang: Lang): ReviewSheetRenderer {
  return (sheet) => renderReviewSheet(sheet, lang)
}

export function renderReviewSheet(sheet: ReviewSheet, lang: Lang): string {
  const t = (code: string, params: Record<string, string | number> = {}): string => translate(lang, code, params)
  const text = (value: string): string => escapeHtml(maskIdsInText(value))
  const title = `${t('review.title')}: ${sheet.dossierCode ?? t('review.no-code')}`
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    // Nothing may be fetched: no network, no outside scripts (a CSP says so to the browser too).
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    `<title>${text(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${text(t('review.title'))}</h1>`,
    '<table class="meta">',
    row(text(t('review.dossier-code')), `<span class="code" id="dossier-code">${text(sheet.dossierCode ?? t('review.no-code'))}</span>`),
    row(text(t('review.procedure')), text(`${sheet.procedure.code} ${sheet.procedure.name}`)),
    row(text(t('review.agency')), `<span class="code">${text(sheet.agency)}</span>`),
    row(text(t('review.created')), text(sheet.createdAt)),
    '</table>',
    `<h2>${text(t('review.checklist'))}</h2>`,
    sheet.checklist.caseName ? `<p>${text(t('review.case', {name: sheet.checklist.caseName}))}</p>` : '',
    '<table class="checklist">',
    ...sheet.checklist.entries.map((entry) => checklistRow(entry, t, text)),
    '</table>',
    `<h2>${text(t('review.issues'))}</h2>`,
    issuesList(sheet, lang, text),
    `<h2>${text(t('review.documents'))}</h2>`,
    ...sheet.documents.map((document, index) => documentBlock(document, index, t, text)),
    ...sheet.pagesDropped.map((dropped) => `<p class="dropped">${text(t('review.dropped', {...dropped.source}))}</p>`),
    '</body></html>',
    '',
  ].join('\n')
}

type Translate = (code: string, params?: Record<string, string | number>) => string
type Text = (value: string) => string

function checklistRow(entry: ChecklistEntry, t: Translate, text: Text): string {
  const need = [entry.required ? t('review.required') : t('review.optional'), ...(entry.presentOnly ? [t('review.present-only')] : [])]
  const documents = entry.documents.map((index) => t('review.document', {number: index + 1})).join(', ')
  return (
    `<tr class="component" data-status="${entry.status}"><td class="${entry.status}">${text(t(`review.status.${entry.status}`))}</td>` +
    `<td>${text(entry.name)} <span class="code">(${text(entry.componentCode)})</span></td>` +
    `<td>${text(need.join(', '))}</td><td>${text(documents)}</td></tr>`
  )
}

function issuesList(sheet: ReviewSheet, lang: Lang, text: Text): string {
  if (sheet.issues.length === 0) return `<p class="no-issues">${text(translate(lang, 'review.no-issues'))}</p>`
  const items = sheet.issues.map((issue) => {
    const rendered = renderProblem(issue, lang)
    const hint = rendered.hint ? `<br><span class="hint">${text(rendered.hint)}</span>` : ''
    const label = translate(lang, `review.severity.${issue.severity}`)
    return `<li class="issue ${issue.severity}" data-code="${escapeHtml(issue.code)}">${text(label)}: ${text(rendered.message)}${hint}</li>`
  })
  return `<ul class="issues">${items.join('')}</ul>`
}

function documentBlock(document: ReviewDocument, index: number, t: Translate, text: Text): string {
  const fields = document.fields.map((field) => {
    const corrected = field.machineValue === undefined ? '' : ` <em>(${text(t('review.corrected', {value: field.machineValue}))})</em>`
    const source = `${t(`review.source.${field.source}`)}${field.source === 'clerk' ? '' : `, ${Math.round(field.confidence * 100)}%`}`
    return row(text(t(`field.name.${field.key}`)), `${text(fieldValueText(field.key, field.value, t))}${corrected} <span class="hint">(${text(source)})</span>`)
  })
  const reasons = document.review.map((reason) => t(`review.reason.${reason}`)).join(', ')
  const thumbs = document.pages.map((page) => {
    const caption = text(t('review.page', {file: page.source.file, page: page.source.page, dpi: page.dpi}))
    const image = page.thumbnail ? `<img src="${escapeHtml(page.thumbnail)}" alt="${caption}">` : `<div>${text(t('review.no-thumbnail'))}</div>`
    return `<figure>${image}<figcaption>${caption}</figcaption></figure>`
  })
  return [
    `<section class="document" id="document-${index + 1}">`,
    `<h3>${text(t('review.document', {number: index + 1}))}: ${text(document.kindName)}</h3>`,
    reasons ? `<p class="doubtful">${text(t('review.needs-look', {reasons}))}</p>` : '',
    '<table class="meta">',
    row(text(t('review.kind')), `${text(document.kindName)} <span class="code">(${text(document.kind)})</span>`),
    row(text(t('review.confidence')), `${Math.round(document.confidence * 100)}%`),
    row(text(t('review.code')), `<span class="code">${text(document.code)}</span>`),
    row(text(t('review.component')), `<span class="code">${text(document.componentCode ?? '-')}</span>`),
    '</table>',
    `<h4>${text(t('review.fields'))}</h4>`,
    fields.length > 0 ? `<table class="fields">${fields.join('')}</table>` : `<p>${text(t('review.no-fields'))}</p>`,
    `<h4>${text(t('review.pages'))}</h4>`,
    `<div class="thumbs">${thumbs.join('')}</div>`,
    '</section>',
  ].join('\n')
}

function row(label: string, value: string): string {
  return `<tr><td>${label}</td><td>${value}</td></tr>`
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
