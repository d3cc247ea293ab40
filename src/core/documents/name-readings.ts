/**
 * One person's name is often written on several papers of a dossier (the death notice and the
 * death declaration both name the deceased). OCR loses the marks of capitals far more often
 * than it invents them, so where two OCR readings of a name have the same letters, the one
 * with more diacritics is the better reading of both.
 */
import type {Document} from '../dossier.js'
import {NAME_FIELDS} from '../dossier.js'
import {diacriticCount, foldVietnamese} from '../text-fold.js'

/**
 * Writes each OCR name field as the reading with the most marks among the dossier's OCR name
 * readings with the same letters (case kept as the paper has it), the own reading kept as
 * `ocrValue`. Two different readings with as many marks each ("THỦY", "THÙY") decide nothing.
 */
export function spellNamesAlike(documents: Document[]): void {
  const readings = documents.flatMap((doc, index) =>
    NAME_FIELDS.flatMap((key) => {
      const field = doc.fields[key]
      return field?.source === 'ocr' && field.spelledAs === undefined ? [{value: field.value, document: index, key}] : []
    }),
  )
  for (const reading of readings) {
    const letters = foldVietnamese(reading.value)
    const alike = readings.filter((other) => foldVietnamese(other.value) === letters)
    const most = Math.max(...alike.map((other) => diacriticCount(other.value)))
    const best = alike.filter((other) => diacriticCount(other.value) === most)
    const spellings = new Set(best.map((other) => other.value.toLocaleUpperCase('vi')))
    if (spellings.size !== 1 || most <= diacriticCount(reading.value)) continue
    const source = best[0]!
    const field = documents[reading.document]!.fields[reading.key]!
    const upper = field.value === field.value.toLocaleUpperCase('vi')
    const value = upper ? source.value.toLocaleUpperCase('vi') : source.value
    if (value === field.value) continue
    documents[reading.document]!.fields[reading.key] = {
      ...field,
      value,
      ocrValue: field.ocrValue ?? field.value,
      spelledAs: {document: source.document + 1, field: source.key},
    }
  }
}
