import { z } from 'zod';
import { JobsiftError } from '../errors.js';

/**
 * What the postings store keeps of each recorded posting (`{base}:summary:{key}`, JSON), beside
 * its stats record: enough to list, filter and export the postings behind every number.
 */
export const postingSummarySchema = z.object({
  key: z.string().min(1),
  source: z.string().min(1),
  sourceId: z.string().min(1),
  url: z.string().optional(),
  title: z.string(),
  company: z.string().optional(),
  location: z.string().optional(),
  remote: z.enum(['remote', 'hybrid', 'onsite']).optional(),
  employmentType: z.string().optional(),
  salary: z
    .object({
      min: z.number().optional(),
      max: z.number().optional(),
      currency: z.string(),
      period: z.enum(['hour', 'day', 'week', 'month', 'year']),
      /** Where it was read: the board's structured data, or the description's text. */
      from: z.enum(['posting', 'description']),
    })
    .optional(),
  datePosted: z.string().optional(),
  /** When the worker last recorded it (ISO date-time). */
  lastSeen: z.string(),
  role: z.object({ id: z.string(), name: z.string(), score: z.number() }),
  skills: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      requirement: z.enum(['required', 'preferred', 'mentioned', 'negated']),
    }),
  ),
  seniority: z.string().nullable().optional(),
});

export type PostingSummary = z.infer<typeof postingSummarySchema>;

/** A company name as the company filter and index compare it: lowercased, spaces collapsed. */
export function normalizeCompany(company: string): string {
  return company.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The salary as the salary index stores it: `currency|period|min|max` ('' for none). */
export function encodeSalary(salary: PostingSummary['salary']): string {
  if (salary === undefined || (salary.min === undefined && salary.max === undefined)) return '';
  return [salary.currency, salary.period, salary.min ?? '', salary.max ?? ''].join('|');
}

export interface StoredSalary {
  currency: string;
  period: string;
  /** One figure per posting: the middle of its range, or its one bound. */
  value: number;
}

export function decodeSalary(text: string): StoredSalary | undefined {
  const [currency, period, min, max] = text.split('|');
  if (currency === undefined || period === undefined) return undefined;
  const low = min === undefined || min === '' ? undefined : Number(min);
  const high = max === undefined || max === '' ? undefined : Number(max);
  const value =
    low !== undefined && high !== undefined ? (low + high) / 2 : (low ?? high ?? Number.NaN);
  return Number.isFinite(value) ? { currency, period, value } : undefined;
}

/** Parses a summary read back from Redis; anything else is corrupt data, named by key. */
export function parseSummary(text: string, key: string): PostingSummary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const result = postingSummarySchema.safeParse(json);
  if (result.success) return result.data;
  throw new JobsiftError(
    'corrupt_stats',
    `unexpected posting summary in Redis for ${key}: ${result.error.issues[0]?.message ?? 'not JSON'}`,
  );
}
