/**
 * Guesses the document kinds (SPEC §4) that satisfy a component from its published name,
 * with the rules of templates/component-kind-hints.json.
 */
import {foldVietnamese} from './text-fold.js'

export interface KindHintRule {
  kind: string
  anyOf: string[]
  noneOf?: string[]
}

export interface KindHints {
  /** Only the start of a name is read: later words describe conditions, not the paper. */
  headLength: number
  rules: KindHintRule[]
}

export function guessKinds(name: string, hints: KindHints): string[] {
  const folded = foldVietnamese(name).slice(0, hints.headLength)
  return hints.rules
    .filter((rule) => rule.anyOf.some((phrase) => folded.includes(phrase)))
    .filter((rule) => !(rule.noneOf ?? []).some((phrase) => folded.includes(phrase)))
    .map((rule) => rule.kind)
}

/**
 * Whether a component is needed only in some situation its name describes ("Trường hợp …",
 * "… (nếu có)", "… trong trường hợp …", "Đối với …"). A heuristic on published text; curated
 * entries set `required` themselves.
 */
export function looksConditional(name: string): boolean {
  const folded = foldVietnamese(name).replace(/^[-+*•\s]+|^[a-zđ0-9]{1,2}[).]\s*/g, '')
  return (
    /^(truong hop|neu|doi voi|ngoai ra)\b/.test(folded) ||
    /\(neu co\)|\btrong truong hop\b|\bneu co\b/.test(folded.slice(0, 400))
  )
}
