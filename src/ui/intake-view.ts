/** The checklist, documents and issues `intake` shows after each step, as terminal lines. Pure. */
import {maskIdsInText} from '../core/citizen-id.js'
import type {IntakeView} from '../core/intake-view.js'
import {fieldValueText} from './field-value.js'
import {type Lang, translate} from './i18n.js'
import {renderProblem} from './problems.js'

const STATUS_MARK = {found: '✓', missing: '✗', doubtful: '?', absent: '–'} as const

export function intakeViewLines(view: IntakeView, lang: Lang): string[] {
  const t = (code: string, params: Record<string, string | number> = {}): string => translate(lang, code, params)
  const lines = ['', t('intake.view.checklist', {procedure: `${view.procedure.code} ${view.procedure.name}`})]
  for (const entry of view.checklist.entries) {
    const documents = entry.documents.length > 0 ? ` ← ${entry.documents.map((index) => index + 1).join(', ')}` : ''
    const need = entry.required ? '' : ` (${t('review.optional')})`
    lines.push(t('intake.view.component', {status: STATUS_MARK[entry.status], name: `${shorten(entry.name)}${need}`, documents}))
  }
  lines.push(t('intake.view.documents'))
  if (view.documents.length === 0) lines.push(`  ${t('intake.no-documents')}`)
  for (const [index, document] of view.documents.entries()) {
    lines.push(
      t('intake.view.document', {
        number: index + 1,
        kind: document.kindName,
        confidence: Math.round(document.confidence * 100),
        pages: document.pages.length,
      }),
    )
    for (const field of document.fields) {
      const corrected = field.machineValue === undefined ? '' : ` (${t('review.corrected', {value: field.machineValue})})`
      lines.push(t('intake.view.field', {label: t(`field.name.${field.key}`), value: `${fieldValueText(field.key, field.value, t)}${corrected}`}))
    }
  }
  lines.push(view.issues.length === 0 ? t('intake.view.no-issues') : t('intake.view.issues'))
  for (const issue of view.issues) lines.push(`  ${t(`review.severity.${issue.severity}`)}: ${renderProblem(issue, lang).message}`)
  lines.push('')
  return view.reveal ? lines : lines.map((line) => maskIdsInText(line))
}

/** A component's name is often a paragraph; its first clause says what it is. */
function shorten(name: string): string {
  const first = name.split(/[;(]/)[0]!.trim()
  return first.length > 90 ? `${first.slice(0, 89)}…` : first
}
