/**
 * Agency codes (mã định danh cơ quan), SPEC §3.4, in both notations:
 * - legacy QCVN 102:2016 `V1V2V3.Z1Z2.Y1Y2.MX1X2`, read right to left: `000.00.00.H49`;
 * - Quyết định 20/2020/QĐ-TTg groups read left to right: `H49`, `H56.24.07`.
 * The level-1 code (`G15`, `H56`) is the same in both. Names come from a table
 * (templates/agencies.json) passed in by the caller.
 */
export type AgencyNotation = 'legacy' | 'qd20'

export interface AgencyCode {
  code: string
  notation: AgencyNotation
  /** Level-1 code: G = ministry or ministry-level body, H = provincial people's committee. */
  level1: string
  /** Lower-level groups, top-down (legacy: Y1Y2, Z1Z2, V1V2V3 without the all-zero ones). */
  groups: string[]
}

export interface Level1Agency {
  code: string
  name: string
  kind: 'ministry' | 'province' | 'other'
  formerName?: string
}

export const LEGACY_AGENCY_PATTERN = /^(\d{3})\.(\d{2})\.(\d{2})\.([A-Y]\d{2})$/
export const QD20_AGENCY_PATTERN = /^[A-Y]\d{2}(\.[0-9A-Z]+)*$/
export const QD20_MAX_LENGTH = 35

export function parseAgencyCode(code: string): AgencyCode | undefined {
  const legacy = LEGACY_AGENCY_PATTERN.exec(code)
  if (legacy) {
    const [, v, z, y, m] = legacy as unknown as [string, string, string, string, string]
    const groups = [y, z, v].filter((group) => !/^0+$/.test(group))
    return {code, notation: 'legacy', level1: m, groups}
  }
  if (code.length <= QD20_MAX_LENGTH && QD20_AGENCY_PATTERN.test(code)) {
    const [level1, ...groups] = code.split('.') as [string, ...string[]]
    return {code, notation: 'qd20', level1, groups}
  }
  return undefined
}

export function isAgencyCode(code: string): boolean {
  return parseAgencyCode(code) !== undefined
}

export function findLevel1(level1: string, table: readonly Level1Agency[]): Level1Agency | undefined {
  return table.find((entry) => entry.code === level1)
}

export interface AgencyDescription extends AgencyCode {
  level1Name?: string
  level1Kind?: Level1Agency['kind']
}

export function describeAgency(code: string, table: readonly Level1Agency[]): AgencyDescription | undefined {
  const parsed = parseAgencyCode(code)
  if (!parsed) return undefined
  const entry = findLevel1(parsed.level1, table)
  return entry ? {...parsed, level1Name: entry.name, level1Kind: entry.kind} : parsed
}
