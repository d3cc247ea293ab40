/**
 * JSON Schema validation (ajv, draft 2020-12) of the schemas shipped in schemas/. Each
 * schema is compiled once per process; ajv's errors come back as Problems (`schema.<keyword>`)
 * with the JSON pointer of the offending value.
 */
import {Ajv2020, type ErrorObject, type ValidateFunction} from 'ajv/dist/2020.js'

import type {MessageParams} from '../core/errors.js'
import {type Problem} from '../core/problem.js'
import {readPackageJson} from './package-data.js'

export type SchemaName = 'procedure' | 'document-kind' | 'hoso' | 'record'

const ajv = new Ajv2020({allErrors: true, strict: true})
const compiled = new Map<SchemaName, ValidateFunction>()

function validatorFor(name: SchemaName): ValidateFunction {
  const known = compiled.get(name)
  if (known) return known
  const validate = ajv.compile(readPackageJson<object>(`schemas/${name}.schema.json`))
  compiled.set(name, validate)
  return validate
}

export function validateAgainstSchema(name: SchemaName, value: unknown): Problem[] {
  const validate = validatorFor(name)
  if (validate(value)) return []
  return (validate.errors ?? []).filter(notNoise).map(toProblem)
}

// `if`/`anyOf` wrappers repeat what their branches already said.
function notNoise(error: ErrorObject): boolean {
  return error.keyword !== 'if'
}

function toProblem(error: ErrorObject): Problem {
  const params: MessageParams = {}
  for (const [key, value] of Object.entries(error.params as Record<string, unknown>)) {
    params[key] = typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)
  }
  // additionalProperty / missingProperty are reported on the object; point at the property.
  let path = error.instancePath
  if (error.keyword === 'additionalProperties') path = `${path}/${String(params.additionalProperty)}`
  if (error.keyword === 'required') path = `${path}/${String(params.missingProperty)}`
  return {code: `schema.${error.keyword}`, severity: 'error', path, params, message: error.message ?? error.keyword}
}
