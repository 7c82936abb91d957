import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../errors.js';

/** Where a posting says it can be done from. */
export const REMOTE_VALUES = ['remote', 'hybrid', 'onsite'] as const;
export type Remote = (typeof REMOTE_VALUES)[number];

/** schema.org / Google for Jobs `employmentType` vocabulary, the one postings are normalised to. */
export const EMPLOYMENT_TYPES = [
  'FULL_TIME',
  'PART_TIME',
  'CONTRACTOR',
  'TEMPORARY',
  'INTERN',
  'VOLUNTEER',
  'PER_DIEM',
  'OTHER',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const SALARY_PERIODS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

export const remoteSchema = z.enum(REMOTE_VALUES);
export const employmentTypeSchema = z.enum(EMPLOYMENT_TYPES);
export const salaryPeriodSchema = z.enum(SALARY_PERIODS);

/** A salary range: at least one bound, non-negative, `min <= max`, ISO 4217 currency. */
export const salarySchema = z
  .object({
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like "USD"'),
    period: salaryPeriodSchema,
  })
  .refine((s) => s.min !== undefined || s.max !== undefined, {
    message: 'expected at least one of min and max',
    path: ['min'],
  })
  .refine((s) => s.min === undefined || s.max === undefined || s.min <= s.max, {
    message: 'expected min <= max',
    path: ['max'],
  });
export type Salary = z.infer<typeof salarySchema>;

const nonEmpty = z.string().trim().min(1);

/** A posting after normalisation (design.md "Posting"). `key` must be `source:sourceId`. */
export const postingSchema = z
  .object({
    key: nonEmpty,
    source: nonEmpty,
    sourceId: nonEmpty,
    url: z.url().optional(),
    title: nonEmpty,
    company: nonEmpty.optional(),
    location: nonEmpty.optional(),
    remote: remoteSchema.optional(),
    employmentType: employmentTypeSchema.optional(),
    salary: salarySchema.optional(),
    /** ISO 8601 date (`2026-02-27`) or date-time with offset (`2026-02-18T14:00:00.000Z`). */
    datePosted: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    descriptionText: z.string(),
    descriptionHtml: z.string().optional(),
    /**
     * The heading lines of `descriptionText` as the HTML marked them (`<h2>`, bold lines), so
     * that a worker can read the text without parsing the HTML again.
     */
    descriptionHeadings: z
      .array(z.object({ start: z.number().int().nonnegative(), end: z.number().int() }))
      .optional(),
  })
  .refine((p) => p.key === postingKey(p.source, p.sourceId), {
    message: 'expected key to be "source:sourceId"',
    path: ['key'],
  })
  .refine(
    (p) =>
      p.descriptionHeadings?.every((h) => h.start < h.end && h.end <= p.descriptionText.length) ??
      true,
    {
      message: 'expected ranges with start < end <= the length of descriptionText',
      path: ['descriptionHeadings'],
    },
  );
export type Posting = z.infer<typeof postingSchema>;

/** The stable key of a posting at a source: `"source:sourceId"`. */
export function postingKey(source: string, sourceId: string): string {
  return `${source}:${sourceId}`;
}

/**
 * Validates a normalised posting. Throws `InputError` (`invalid_posting`) whose message names
 * each bad field, what was expected and what was received.
 */
export function parsePosting(input: unknown): Posting {
  const result = postingSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(posting)';
    return `${field}: ${issue.message}`;
  });
  throw new InputError('invalid_posting', `invalid posting: ${problems.join('; ')}`, {
    cause: result.error,
  });
}

/** Letters and digits of `s`, lowercased, every other run of characters collapsed to a space. */
function normalizeForFingerprint(s: string | undefined): string {
  if (s === undefined) return '';
  return wordsOnly(s.normalize('NFKC').toLowerCase());
}

/**
 * The runs of letters and digits of `text`, joined by one space: what
 * `text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()` gives, at under half its cost, because only
 * characters outside ASCII are tested against the Unicode classes, once each.
 */
function wordsOnly(text: string): string {
  const runs: string[] = [];
  let runStart = -1;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index) as number;
    if (isLetterOrDigit(codePoint)) {
      if (runStart === -1) runStart = index;
    } else if (runStart !== -1) {
      runs.push(text.slice(runStart, index));
      runStart = -1;
    }
    index += codePoint > 0xffff ? 2 : 1;
  }
  if (runStart !== -1) runs.push(text.slice(runStart));
  return runs.join(' ');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const nonAsciiLetterOrDigit = new Map<number, boolean>();

function isLetterOrDigit(codePoint: number): boolean {
  if (codePoint < 0x80) {
    return (
      (codePoint >= 0x61 && codePoint <= 0x7a) ||
      (codePoint >= 0x41 && codePoint <= 0x5a) ||
      (codePoint >= 0x30 && codePoint <= 0x39)
    );
  }
  let known = nonAsciiLetterOrDigit.get(codePoint);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
    nonAsciiLetterOrDigit.set(codePoint, known);
  }
  return known;
}

/**
 * A hex SHA-256 of company, title and description text, each normalised (NFKC, lowercased,
 * runs of whitespace and punctuation collapsed to one space; letters and digits kept), so the
 * same posting seen on two sources, or re-crawled with whitespace/case changes, fingerprints the
 * same, and any change of words or numbers does not.
 */
export function contentFingerprint(
  posting: Pick<Posting, 'title' | 'descriptionText'> & { company?: string | undefined },
): string {
  return createHash('sha256')
    .update(normalizeForFingerprint(posting.company))
    .update('\n')
    .update(normalizeForFingerprint(posting.title))
    .update('\n')
    .update(normalizeForFingerprint(posting.descriptionText))
    .digest('hex');
}
