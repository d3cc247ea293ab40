/**
 * Validate a dossier against its procedure schema (SPEC §2 step 8, §5). Pure. Problems are
 * data (`{code, severity, path, params}`, problem.ts); their messages and hints, in Vietnamese
 * and English, are filled in at the edge from src/ui/messages/dossier.ts. Paths point into
 * the record (`/documents/2/fields/idNumber`) or the procedure (`/cases/0/components/3`).
 *
 * Checked: each required component of the case present (a paper that is only shown is a
 * warning), counts where they can be seen, page resolution and colour (Thông tư 01/2023
 * Điều 8), field formats, and the consistency of the requester on the forms with the ID
 * card, and of each ID number with the birth date and gender next to it (§3.5).
 */
import {parseIsoDay} from './calendar.js'
import {checkIdAgainstPerson, type CitizenId, type Gender, maskIdNumber, parseCitizenId, type Province} from './citizen-id.js'
import {DATE_FIELDS, type Document, type Dossier, ID_FIELDS, UNKNOWN_KIND, type ValidationReport} from './dossier.js'
import {allComponents, type Component, type ProcedureSchema} from './procedure.js'
import {hasErrors, jsonPointer, type Problem, problem} from './problem.js'
import {editDistance} from './text-match.js'
import {foldVietnamese} from './text-fold.js'

/**
 * Every code validateDossier reports; `issue` takes no other, so a new check must be listed
 * here, and test/validate.test.ts requires a Vietnamese and an English message and hint for each.
 */
export const VALIDATION_CODES = [
  'dossier.empty',
  'dossier.procedure-mismatch',
  'dossier.component-missing',
  'dossier.component-not-shown',
  'dossier.component-not-checkable',
  'dossier.component-count',
  'document.unknown-kind',
  'document.unexpected-kind',
  'document.low-confidence',
  'document.field-conflict',
  'page.low-resolution',
  'page.not-colour',
  'field.invalid-id-number',
  'field.invalid-date',
  'field.invalid-gender',
  'field.id-birth-year-mismatch',
  'field.id-gender-mismatch',
  'dossier.requester-name-mismatch',
  'dossier.requester-name-near',
  'dossier.requester-name-uncertain',
  'dossier.requester-id-mismatch',
  'dossier.requester-id-uncertain',
  'dossier.requester-no-card',
  'run.owner-unknown',
] as const

export type ValidationCode = (typeof VALIDATION_CODES)[number]

const issue = (code: ValidationCode, path: string, params?: Problem['params'], severity?: Problem['severity']): Problem =>
  problem(code, path, params, severity)

/** The checks of an ID against the person on the same paper (citizen-id.ts), as validation codes. */
const ID_CHECK_CODES: Readonly<Record<string, ValidationCode>> = {
  'citizen-id.birth-year-mismatch': 'field.id-birth-year-mismatch',
  'citizen-id.gender-mismatch': 'field.id-gender-mismatch',
}

/** A page scanned under the minimum resolution (Thông tư 01/2023/TT-VPCP Điều 8). */
export const LOW_RESOLUTION_ISSUE: ValidationCode = 'page.low-resolution'

/** Who the dossier belongs to, known only when a personal ID was given or read (SPEC §3.3 codes use it). */
export const OWNER_UNKNOWN_ISSUE: ValidationCode = 'run.owner-unknown'

/**
 * The policy a dossier is validated under. `run` and `batch` store it in the record
 * (`validation.policy`), so that `sohoa validate` of a package judges it as the run did.
 */
export interface ValidationPolicy {
  minDpi: number
  /** `--allow-low-dpi`: pages under `minDpi` are a warning, not an error. */
  allowLowDpi: boolean
  /** The clerk gave the owner's ID (`--owner-id`), so it need not be read from the papers. */
  ownerIdGiven: boolean
}

export interface ValidateOptions {
  provinces: readonly Province[]
  /** Today, for checks against the calendar (a birth year in the future); core never reads the clock. */
  now: Date
  /** See ValidationPolicy. */
  allowLowDpi?: boolean
  /** When given, a dossier whose owner's ID is unknown gets a warning naming the agency its codes fall back to. */
  owner?: {idNumber: string | undefined; agency: string}
  /** Thông tư 01/2023/TT-VPCP Điều 8: at least 200 dpi. */
  minDpi?: number
  /** A kind read with less confidence than this is worth a second look. */
  reviewBelow?: number
  /** The ID card kind, whose fields the forms are checked against. */
  idCardKind?: string
}

const DEFAULTS = {minDpi: 200, reviewBelow: 0.6, idCardKind: 'cccd'}

/** Which case (trường hợp) the dossier follows: the one asked for, or the one it satisfies best. */
export function chooseCase(documents: readonly Pick<Document, 'kind'>[], procedure: ProcedureSchema, caseIndex?: number): number {
  if (caseIndex !== undefined && procedure.cases[caseIndex]) return caseIndex
  let best = 0
  let bestMissing = Number.POSITIVE_INFINITY
  for (const [index, entry] of procedure.cases.entries()) {
    const missing = entry.components.filter(
      (component) => component.required && component.kinds.length > 0 && !documents.some((doc) => component.kinds.includes(doc.kind)),
    ).length
    if (missing < bestMissing) {
      best = index
      bestMissing = missing
    }
  }
  return best
}

/**
 * Each document with the component (MAGIAYTO) of the case that it satisfies. A component
 * takes the documents of its kinds in order; a kind several components accept goes to the
 * first component still short of its count.
 */
export function assignComponents(documents: readonly Document[], procedure: ProcedureSchema, caseIndex?: number): Document[] {
  const chosen = procedure.cases[chooseCase(documents, procedure, caseIndex)]
  if (!chosen) return documents.map((doc) => ({...doc}))
  const taken = new Map<Component, number>()
  return documents.map((doc) => {
    const accepting = chosen.components.filter((component) => component.kinds.includes(doc.kind))
    const component = accepting.find((entry) => (taken.get(entry) ?? 0) < Math.max(1, entry.originals + entry.copies)) ?? accepting[0]
    if (!component) {
      const {componentCode: _dropped, ...rest} = doc
      return rest
    }
    taken.set(component, (taken.get(component) ?? 0) + 1)
    return {...doc, componentCode: component.code}
  })
}

export function validateDossier(dossier: Dossier, procedure: ProcedureSchema, given: ValidateOptions): ValidationReport {
  const options = {...DEFAULTS, ...given}
  const issues: Problem[] = []
  if (procedure.code !== dossier.procedure && !dossier.procedure.startsWith(`${procedure.code}.`)) {
    issues.push(issue('dossier.procedure-mismatch', '/procedure', {procedure: dossier.procedure, schema: procedure.code}, 'warning'))
  }
  if (dossier.documents.length === 0) {
    issues.push(issue('dossier.empty', '/documents'))
    return {valid: false, issues}
  }
  const caseIndex = chooseCase(dossier.documents, procedure, dossier.caseIndex)
  issues.push(...checkComponents(dossier.documents, procedure, caseIndex))
  for (const [index, doc] of dossier.documents.entries()) {
    issues.push(...checkDocument(doc, index, procedure, caseIndex, options))
  }
  issues.push(...checkRequesters(dossier.documents, options))
  if (options.owner && !options.owner.idNumber) issues.push(issue(OWNER_UNKNOWN_ISSUE, '', {agency: options.owner.agency}, 'warning'))
  const judged = options.allowLowDpi ? allowLowResolution(issues) : issues
  return {valid: !hasErrors(judged), issues: judged, caseIndex}
}

function checkComponents(documents: readonly Document[], procedure: ProcedureSchema, caseIndex: number): Problem[] {
  const issues: Problem[] = []
  const entries = allComponents(procedure).filter((entry) => entry.caseIndex === caseIndex)
  for (const {component, componentIndex} of entries) {
    const path = jsonPointer('cases', caseIndex, 'components', componentIndex)
    // No document kind stands for it: the classifier cannot tell whether it is there, so say
    // so instead of calling it missing; the clerk checks it by hand.
    if (component.kinds.length === 0) {
      const params = {component: component.code, name: shortName(component.name)}
      if (component.required) issues.push(issue('dossier.component-not-checkable', path, params, 'warning'))
      continue
    }
    const found = documents.filter((doc) =>
      doc.componentCode !== undefined ? doc.componentCode === component.code : component.kinds.includes(doc.kind),
    )
    const params = {component: component.code, name: shortName(component.name), kinds: component.kinds.join(', ')}
    if (found.length === 0) {
      if (!component.required) continue
      issues.push(component.mode === 'present' ? issue('dossier.component-not-shown', path, params, 'warning') : issue('dossier.component-missing', path, params))
      continue
    }
    const expected = component.originals + component.copies
    if (expected > 0 && found.length > expected) {
      issues.push(issue('dossier.component-count', path, {...params, found: found.length, expected}, 'warning'))
    }
  }
  return issues
}

function checkDocument(
  doc: Document,
  index: number,
  procedure: ProcedureSchema,
  caseIndex: number,
  options: typeof DEFAULTS & ValidateOptions,
): Problem[] {
  const issues: Problem[] = []
  const at = (...segments: Array<string | number>): string => jsonPointer('documents', index, ...segments)
  const pages = doc.pages.map((page) => `${page.source.file}#${page.source.page}`).join(', ')
  if (doc.kind === UNKNOWN_KIND) {
    issues.push(issue('document.unknown-kind', at('kind'), {document: index + 1, pages}, 'warning'))
  } else {
    const accepted = procedure.cases[caseIndex]?.components.some((component) => component.kinds.includes(doc.kind)) ?? false
    if (!accepted) issues.push(issue('document.unexpected-kind', at('kind'), {document: index + 1, kind: doc.kind, procedure: procedure.code}, 'warning'))
    if (doc.confidence < options.reviewBelow) {
      issues.push(issue('document.low-confidence', at('confidence'), {document: index + 1, kind: doc.kind, confidence: doc.confidence}, 'warning'))
    }
  }
  if (doc.review?.includes('field-conflict')) issues.push(issue('document.field-conflict', at('fields'), {document: index + 1}, 'warning'))
  for (const [pageIndex, page] of doc.pages.entries()) {
    const where = {document: index + 1, file: page.source.file, page: page.source.page}
    if (page.dpi < options.minDpi) issues.push(issue(LOW_RESOLUTION_ISSUE, at('pages', pageIndex, 'dpi'), {...where, dpi: page.dpi, minDpi: options.minDpi}))
    if (page.colour === 'grey') issues.push(issue('page.not-colour', at('pages', pageIndex, 'colour'), where, 'warning'))
  }
  const ids = new Map<string, CitizenId>()
  for (const key of ID_FIELDS) {
    const field = doc.fields[key]
    if (!field) continue
    const parsed = parseCitizenId(field.value, {provinces: options.provinces, currentYear: options.now.getFullYear()})
    if (parsed.ok) ids.set(key, parsed.value)
    else {
      const reason = parsed.problems[0]?.code ?? 'citizen-id.invalid'
      issues.push(issue('field.invalid-id-number', at('fields', key), {document: index + 1, field: key, value: maskIdNumber(field.value), reason}))
    }
  }
  for (const key of DATE_FIELDS) {
    const field = doc.fields[key]
    if (field && !parseIsoDay(field.value)) issues.push(issue('field.invalid-date', at('fields', key), {document: index + 1, field: key, value: field.value}))
  }
  const gender = doc.fields.gender?.value
  if (gender !== undefined && gender !== 'male' && gender !== 'female') {
    issues.push(issue('field.invalid-gender', at('fields', 'gender'), {document: index + 1, value: gender}))
  }
  // The ID on a paper agrees with the birth date and gender on the same paper (an ID card, CT01, LLTP).
  const id = ids.get('idNumber') ?? ids.get('requesterIdNumber')
  const idKey = ids.has('idNumber') ? 'idNumber' : 'requesterIdNumber'
  if (id) {
    const facts = {
      dateOfBirth: doc.fields.dateOfBirth && parseIsoDay(doc.fields.dateOfBirth.value) ? doc.fields.dateOfBirth.value : undefined,
      gender: gender === 'male' || gender === 'female' ? (gender as Gender) : undefined,
    }
    for (const item of checkIdAgainstPerson(id, facts, at('fields', idKey))) {
      const code = ID_CHECK_CODES[item.code] ?? 'field.invalid-id-number'
      issues.push({...item, code, params: {...item.params, document: index + 1, value: maskIdNumber(id.number)}})
    }
  }
  return issues
}

/**
 * The requester on each form is a person whose ID card is in the dossier: same ID number, same
 * name. A two-party form (kết hôn) agrees when either party does. A difference that our own
 * reading may have made (a form field read by OCR, a few characters off, or read with low
 * confidence) is a warning naming both readings, for the clerk to check: a correct dossier is
 * never turned away for an OCR slip. A clear difference stays an error.
 */
function checkRequesters(documents: readonly Document[], options: typeof DEFAULTS & ValidateOptions): Problem[] {
  const issues: Problem[] = []
  const cards = documents.map((doc, index) => ({doc, index})).filter(({doc}) => doc.kind === options.idCardKind)
  if (cards.length === 0) return issues
  for (const [index, doc] of documents.entries()) {
    if (doc.kind === options.idCardKind) continue
    const verdicts = requesterParties(doc)
      .filter((party) => party.name !== undefined || party.number !== undefined)
      .map((party) => checkParty(party, index, cards))
    if (verdicts.length === 0) continue
    const weight = (found: Problem[]) => found.filter((issue) => issue.severity === 'error').length * 100 + found.length
    issues.push(...verdicts.sort((a, b) => weight(a) - weight(b))[0]!)
  }
  return issues
}

interface Party {
  name: string | undefined
  number: string | undefined
  /** The readings are OCR's and uncertain: low confidence. */
  nameDoubtful: boolean
  numberDoubtful: boolean
}

/** Each party of the form: one for most forms, each column's for a two-party form. */
function requesterParties(doc: Document): Party[] {
  const name = doc.fields.requesterName
  const number = doc.fields.requesterIdNumber
  const doubtful = (field: typeof name) => field !== undefined && field.source === 'ocr' && field.confidence < UNCERTAIN_BELOW
  const count = Math.max(name?.parties?.length ?? 0, number?.parties?.length ?? 0)
  if (count < 2) return [{name: name?.value, number: number?.value, nameDoubtful: doubtful(name), numberDoubtful: doubtful(number)}]
  return Array.from({length: count}, (_, index) => ({
    name: name?.parties?.[index] || undefined,
    number: number?.parties?.[index] || undefined,
    nameDoubtful: doubtful(name),
    numberDoubtful: doubtful(number),
  }))
}

/** OCR field confidence under which a disagreement with the card may be our misreading. */
const UNCERTAIN_BELOW = 0.8

function checkParty(party: Party, index: number, cards: ReadonlyArray<{doc: Document; index: number}>): Problem[] {
  const issues: Problem[] = []
  const {name, number} = party
  const byNumber = number === undefined ? undefined : cards.find(({doc: card}) => card.fields.idNumber?.value === number)
  const named = (card: Document) => card.fields.fullName !== undefined && name !== undefined && sameName(card.fields.fullName.value, name) === 'same'
  const byName = name === undefined ? undefined : cards.find(({doc: card}) => named(card))
  const card = byNumber ?? byName ?? (cards.length === 1 ? cards[0] : undefined) ?? nearestCard(party, cards)
  const namePath = jsonPointer('documents', index, 'fields', 'requesterName')
  const numberPath = jsonPointer('documents', index, 'fields', 'requesterIdNumber')
  if (!card) {
    const path = name !== undefined ? namePath : numberPath
    issues.push(issue('dossier.requester-no-card', path, {document: index + 1, name: name ?? ''}, 'warning'))
    return issues
  }
  const cardName = card.doc.fields.fullName?.value
  if (name !== undefined && cardName !== undefined) {
    const verdict = sameName(cardName, name)
    const params = {document: index + 1, card: card.index + 1, formName: name, cardName}
    if (verdict === 'near') issues.push(issue('dossier.requester-name-near', namePath, params, 'warning'))
    if (verdict === 'different') {
      const distance = editDistance(foldVietnamese(cardName), foldVietnamese(name))
      const slip = party.nameDoubtful || distance <= Math.max(2, Math.floor(cardName.length / 5))
      const code = slip ? 'dossier.requester-name-uncertain' : 'dossier.requester-name-mismatch'
      issues.push(issue(code, namePath, params, slip ? 'warning' : 'error'))
    }
  }
  const cardNumber = card.doc.fields.idNumber?.value
  if (number !== undefined && cardNumber !== undefined && number !== cardNumber) {
    const params = {document: index + 1, card: card.index + 1, formId: maskIdNumber(number), cardId: maskIdNumber(cardNumber)}
    // One or two digits off is what a misread digit looks like; the clerk compares the two.
    const slip = party.numberDoubtful || editDistance(number, cardNumber) <= 2
    const code = slip ? 'dossier.requester-id-uncertain' : 'dossier.requester-id-mismatch'
    issues.push(issue(code, numberPath, params, slip ? 'warning' : 'error'))
  }
  return issues
}

/** With several cards and no exact match, the card both readings are near (a misread name and number). */
function nearestCard(party: Party, cards: ReadonlyArray<{doc: Document; index: number}>): {doc: Document; index: number} | undefined {
  let best: {card: {doc: Document; index: number}; distance: number} | undefined
  for (const card of cards) {
    const distances: number[] = []
    if (party.number !== undefined && card.doc.fields.idNumber) distances.push(editDistance(party.number, card.doc.fields.idNumber.value))
    const cardName = card.doc.fields.fullName?.value
    if (party.name !== undefined && cardName !== undefined) {
      distances.push(editDistance(foldVietnamese(party.name), foldVietnamese(cardName)))
    }
    // Both readings near the card: one close reading alone may be another person's.
    const distance = Math.max(...distances)
    if (distances.length > 0 && distance <= 2 && (!best || distance < best.distance)) best = {card, distance}
  }
  return best?.card
}

/** Names compared folded (case, diacritics and spacing aside); one letter off is "near", an OCR slip more likely than another person. */
export function sameName(a: string, b: string): 'same' | 'near' | 'different' {
  const x = foldVietnamese(a)
  const y = foldVietnamese(b)
  if (x === y) return 'same'
  return editDistance(x, y) <= 1 ? 'near' : 'different'
}

function shortName(name: string): string {
  return name.length <= 80 ? name : `${name.slice(0, 77)}…`
}

/** `--allow-low-dpi`: low resolution is then a warning, everything else as it was. */
export function allowLowResolution(issues: readonly Problem[]): Problem[] {
  return issues.map((issue) => (issue.code === LOW_RESOLUTION_ISSUE ? {...issue, severity: 'warning' as const} : issue))
}
