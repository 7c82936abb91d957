import type { Redis } from 'ioredis';
import { statsBase, statsKeys } from './keys.js';
import { postingIndexKeys } from './postings-store.js';
import { execPipeline } from './read-days.js';
import { decodeSalary } from './summary.js';

export interface SalaryQuery {
  role?: string | undefined;
  skill?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Salaries of one currency and period: quartiles of one figure per posting. */
export interface SalaryGroup {
  currency: string;
  period: string;
  postings: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
}

export interface SalaryReport {
  /** Postings that count and state a salary, in the range and filters. */
  postings: number;
  groups: SalaryGroup[];
}

const BATCH = 1000;

/** The p-quantile of sorted values, linearly interpolated (R's and NumPy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo] as number;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return low + (h - lo) * (high - low);
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Median and quartiles of salaries per currency and period, over the postings that count and
 * state one (each once: a duplicate is never in the salary index), optionally of one role, one
 * skill (at any counted level) and a day range. A range is one figure: its middle.
 */
export async function salaryStats(
  redis: Redis,
  prefix: string,
  query: SalaryQuery,
): Promise<SalaryReport> {
  const base = statsBase(prefix);
  const values = new Map<string, number[]>();
  let min = query.from === undefined ? '-' : `[${query.from}|`;
  const max = query.to === undefined ? '+' : `(${query.to}~`;
  for (;;) {
    const members = (await redis.call(
      'ZRANGE',
      postingIndexKeys.salary(base),
      min,
      max,
      'BYLEX',
      'LIMIT',
      '0',
      String(BATCH),
    )) as string[];
    if (members.length === 0) break;
    const pipeline = redis.pipeline();
    for (const member of members) {
      const key = member.slice(member.indexOf('|') + 1);
      pipeline.hmget(statsKeys.posting(base, key), 'role', 'skills', 'sal');
    }
    for (const reply of await execPipeline(pipeline)) {
      const [role, skills, sal] = reply as [string | null, string | null, string | null];
      if (query.role !== undefined && role !== query.role) continue;
      if (query.skill !== undefined && !hasSkill(skills ?? '', query.skill)) continue;
      const salary = decodeSalary(sal ?? '');
      if (salary === undefined) continue;
      const group = `${salary.currency}|${salary.period}`;
      let list = values.get(group);
      if (list === undefined) {
        list = [];
        values.set(group, list);
      }
      list.push(salary.value);
    }
    if (members.length < BATCH) break;
    min = `(${members[members.length - 1]}`;
  }
  const groups = [...values].map(([group, list]) => {
    const [currency = '', period = ''] = group.split('|');
    list.sort((a, b) => a - b);
    return {
      currency,
      period,
      postings: list.length,
      min: round(list[0] ?? 0),
      p25: round(quantile(list, 0.25)),
      median: round(quantile(list, 0.5)),
      p75: round(quantile(list, 0.75)),
      max: round(list[list.length - 1] ?? 0),
    };
  });
  groups.sort(
    (a, b) => b.postings - a.postings || (a.currency + a.period < b.currency + b.period ? -1 : 1),
  );
  return { postings: groups.reduce((sum, g) => sum + g.postings, 0), groups };
}

function hasSkill(encoded: string, skill: string): boolean {
  return encoded.split('|').some((entry) => entry.slice(0, entry.lastIndexOf(':')) === skill);
}
