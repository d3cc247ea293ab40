/**
 * The semantic rules of schema lint, run on a document that already passed the JSON
 * Schema (structure). One small function per rule; the list below is the order they run.
 */
import {LOCAL_COMPONENT_CODE, OFFICIAL_COMPONENT_CODE, parseProcedureCode, RESULT_TYPE_CODE} from './codes.js'
import {jsonPointer, type Problem, problem} from './problem.js'
import type {ProcedureSchema} from './procedure.js'
import {foldVietnamese} from './text-fold.js'

export interface LintContext {
  /** Document-kind ids known to the catalogue (SPEC §4). */
  kindIds: ReadonlySet<string>
}

type Rule = (schema: ProcedureSchema, context: LintContext) => Problem[]

const procedureCode: Rule = (schema) =>
  parseProcedureCode(schema.code).ok ? [] : [problem('lint.procedure-code', '/code', {value: schema.code})]

const resultCodes: Rule = (schema) => {
  const seen = new Map<string, number>()
  const problems: Problem[] = []
  schema.results.forEach((result, index) => {
    if (result.code === undefined) return
    if (!RESULT_TYPE_CODE.test(result.code)) problems.push(problem('lint.result-code', jsonPointer('results', index, 'code'), {value: result.code}))
    const first = seen.get(result.code)
    if (first !== undefined) {
      problems.push(problem('lint.duplicate-result-code', jsonPointer('results', index, 'code'), {value: result.code, first: jsonPointer('results', first)}, 'warning'))
    } else seen.set(result.code, index)
  })
  return problems
}

const componentCodes: Rule = (schema) => {
  const problems: Problem[] = []
  schema.cases.forEach((entry, caseIndex) => {
    const seen = new Map<string, number>()
    entry.components.forEach((component, index) => {
      const path = jsonPointer('cases', caseIndex, 'components', index, 'code')
      const pattern = component.codeSource === 'official' ? OFFICIAL_COMPONENT_CODE : LOCAL_COMPONENT_CODE
      if (!pattern.test(component.code)) {
        problems.push(problem(`lint.${component.codeSource}-component-code`, path, {value: component.code}))
      }
      const first = seen.get(component.code)
      if (first !== undefined) {
        problems.push(problem('lint.duplicate-component-code', path, {value: component.code, first: jsonPointer('cases', caseIndex, 'components', first)}))
      } else seen.set(component.code, index)
    })
  })
  return problems
}

/** A local code must mean one component in the whole procedure, or digitisation codes collide. */
const localCodesAcrossCases: Rule = (schema) => {
  const names = new Map<string, string>()
  const problems: Problem[] = []
  schema.cases.forEach((entry, caseIndex) =>
    entry.components.forEach((component, index) => {
      if (component.codeSource !== 'local') return
      const name = foldVietnamese(component.name)
      const known = names.get(component.code)
      if (known !== undefined && known !== name) {
        problems.push(problem('lint.local-code-reused', jsonPointer('cases', caseIndex, 'components', index, 'code'), {value: component.code}))
      }
      names.set(component.code, name)
    }),
  )
  return problems
}

const documentKinds: Rule = (schema, context) =>
  schema.cases.flatMap((entry, caseIndex) =>
    entry.components.flatMap((component, index) =>
      component.kinds
        .map((kind, kindIndex) => ({kind, kindIndex}))
        .filter(({kind}) => !context.kindIds.has(kind))
        .map(({kind, kindIndex}) => problem('lint.unknown-kind', jsonPointer('cases', caseIndex, 'components', index, 'kinds', kindIndex), {value: kind})),
    ),
  )

const requiredCounts: Rule = (schema) =>
  schema.cases.flatMap((entry, caseIndex) =>
    entry.components.flatMap((component, index) =>
      component.required && component.originals + component.copies === 0
        ? [problem('lint.required-without-copies', jsonPointer('cases', caseIndex, 'components', index), {name: truncate(component.name)})]
        : [],
    ),
  )

const caseNames: Rule = (schema) => {
  const seen = new Set<string>()
  const problems: Problem[] = []
  schema.cases.forEach((entry, index) => {
    if (seen.has(entry.name)) problems.push(problem('lint.duplicate-case', jsonPointer('cases', index, 'name'), {value: truncate(entry.name)}, 'warning'))
    seen.add(entry.name)
  })
  return problems
}

const replacedBy: Rule = (schema) =>
  schema.cases.flatMap((entry, caseIndex) =>
    entry.components.flatMap((component, index) =>
      component.replacedByResult !== undefined && !RESULT_TYPE_CODE.test(component.replacedByResult)
        ? [problem('lint.result-code', jsonPointer('cases', caseIndex, 'components', index, 'replacedByResult'), {value: component.replacedByResult}, 'warning')]
        : [],
    ),
  )

export const LINT_RULES: readonly Rule[] = [
  procedureCode,
  resultCodes,
  componentCodes,
  localCodesAcrossCases,
  documentKinds,
  requiredCounts,
  caseNames,
  replacedBy,
]

export function lintProcedure(schema: ProcedureSchema, context: LintContext): Problem[] {
  return LINT_RULES.flatMap((rule) => rule(schema, context))
}

function truncate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
