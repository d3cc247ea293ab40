/** Times as Vietnamese systems write them: Asia/Ho_Chi_Minh is UTC+7 all year (no DST). */
const OFFSET_MS = 7 * 60 * 60 * 1000

function shifted(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString()
}

/** `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, the DVCQG date format (SPEC §3.9). */
export function dvcqgTimestamp(instant: Date): string {
  return shifted(instant).slice(0, 19).replace(/[-T:]/g, '')
}

/** ISO 8601 with the +07:00 offset, e.g. `2026-11-22T15:04:05+07:00`. */
export function isoVietnam(instant: Date): string {
  return `${shifted(instant).slice(0, 19)}+07:00`
}
