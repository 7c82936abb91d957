/**
 * The Redis key layout of the stats, all under `${prefix}:stats:` (BullMQ shares the same Redis
 * under `${prefix}:crawl:` and `${prefix}:postings:`). The Lua script builds the same names from
 * the base, so a change here must be mirrored in `record-script.ts`.
 *
 * ```
 * {base}:posting:{key}            hash   fp, day, seen, role, skills (`id:r|id:p|id:m`), dupOf
 * {base}:fp:{fingerprint}         set    posting keys that currently have this fingerprint
 * {base}:owners                   hash   fingerprint → the one key that counts for it
 * {base}:day:{YYYY-MM-DD}:roles   hash   role → postings
 * {base}:day:{YYYY-MM-DD}:skills  hash   `role|skill|r|p|m` → postings
 * {base}:day:{YYYY-MM-DD}:keys:{role}  set  posting keys that count in that day and role
 * {base}:days                     zset   days with data, scored YYYYMMDD
 * {base}:failures                 hash   posting key → reason
 * {base}:totals                   hash   postings, duplicates
 * {base}:sources                  hash   `postings|{source}`, `dup|{source}`: the totals per source
 * ```
 */
export function statsBase(prefix: string): string {
  return `${prefix}:stats`;
}

export const statsKeys = {
  posting: (base: string, key: string) => `${base}:posting:${key}`,
  fingerprint: (base: string, fingerprint: string) => `${base}:fp:${fingerprint}`,
  owners: (base: string) => `${base}:owners`,
  dayRoles: (base: string, day: string) => `${base}:day:${day}:roles`,
  daySkills: (base: string, day: string) => `${base}:day:${day}:skills`,
  dayKeys: (base: string, day: string, role: string) => `${base}:day:${day}:keys:${role}`,
  days: (base: string) => `${base}:days`,
  failures: (base: string) => `${base}:failures`,
  totals: (base: string) => `${base}:totals`,
  sources: (base: string) => `${base}:sources`,
} as const;

/** Separates role, skill and level in the fields of a day's skills hash. */
export const FIELD_SEPARATOR = '|';
