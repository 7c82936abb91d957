import type { Redis } from 'ioredis';
import { type PostingFilters, type PostingView, scanPostings } from './postings-store.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CSV columns, one row per posting; skill columns are `;`-separated ids. */
export const CSV_COLUMNS = [
  'key',
  'source',
  'source_id',
  'url',
  'title',
  'company',
  'location',
  'remote',
  'employment_type',
  'date_posted',
  'day',
  'first_seen',
  'last_seen',
  'role',
  'role_score',
  'seniority',
  'salary_min',
  'salary_max',
  'salary_currency',
  'salary_period',
  'skills_required',
  'skills_preferred',
  'skills_mentioned',
  'skills_negated',
] as const;

function csvField(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function skillsAt(posting: PostingView, level: string): string {
  return posting.skills
    .filter((skill) => skill.requirement === level)
    .map((skill) => skill.id)
    .join(';');
}

export function csvRow(p: PostingView): string {
  return [
    p.key,
    p.source,
    p.sourceId,
    p.url,
    p.title,
    p.company,
    p.location,
    p.remote,
    p.employmentType,
    p.datePosted,
    p.day,
    p.firstSeen,
    p.lastSeen,
    p.role.id,
    p.role.score,
    p.seniority,
    p.salary?.min,
    p.salary?.max,
    p.salary?.currency,
    p.salary?.period,
    skillsAt(p, 'required'),
    skillsAt(p, 'preferred'),
    skillsAt(p, 'mentioned'),
    skillsAt(p, 'negated'),
  ]
    .map(csvField)
    .join(',');
}

/**
 * A posting as one JSON line: its stored summary with the fields of the view added, spliced
 * instead of serialised again (JSON.stringify was a fifth of an export's time). The summary was
 * written by JSON.stringify and has been validated on reading, so only its key order can differ
 * from `JSON.stringify(posting)`. Without a stored object to extend, the view is serialised.
 */
export function jsonLine(posting: PostingView, storedSummary: string | undefined): string {
  if (storedSummary === undefined || !storedSummary.endsWith('}') || storedSummary === '{}') {
    return JSON.stringify(posting);
  }
  let added = `,"day":${JSON.stringify(posting.day)},"firstSeen":${JSON.stringify(posting.firstSeen)}`;
  if (posting.duplicateOf !== undefined) {
    added += `,"duplicateOf":${JSON.stringify(posting.duplicateOf)}`;
  }
  return `${storedSummary.slice(0, -1)}${added}}`;
}

/**
 * The postings that match as JSON Lines or CSV (header first), in chunks of up to 1,000 lines
 * each ending in `\n`, read from Redis in batches as they are consumed: memory stays flat for a
 * million postings.
 */
export async function* exportLines(
  redis: Redis,
  prefix: string,
  filters: PostingFilters,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  let lines: string[] = [];
  for await (const { posting, storedSummary } of scanPostings(redis, prefix, filters, {
    batch: 1000,
    prefetch: true,
  })) {
    if (posting === undefined) continue;
    lines.push(format === 'csv' ? csvRow(posting) : jsonLine(posting, storedSummary));
    if (lines.length === 1000) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}
