/** A field's value as a person reads it: codes such as the gender's `male`/`female` in the reader's language. */
export function fieldValueText(key: string, value: string, t: (code: string) => string): string {
  if (key === 'gender' && (value === 'male' || value === 'female')) return t(`id.gender.${value}`)
  return value
}
