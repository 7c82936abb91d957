import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

/**
 * The pieces every source type's options schema is built from. Kept apart from the adapters'
 * parsing code so that validating a source (a queue's job data) loads no parser.
 */

const cronPattern = z.string().superRefine((pattern, ctx) => {
  try {
    CronExpressionParser.parse(pattern);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a cron pattern like "0 */6 * * *" (${error instanceof Error ? error.message : String(error)})`,
      input: pattern,
    });
  }
});

const timezone = z.string().superRefine((tz, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'expected an IANA time zone like "UTC" or "Europe/Berlin"',
      input: tz,
    });
  }
});

/** An http(s) origin that replaces a type's public API host (`baseUrl`), trailing slashes cut. */
export const originOption = z
  .url({
    protocol: /^https?$/,
    error: 'expected an http(s) URL like "https://boards-api.greenhouse.io"',
  })
  .transform((url) => url.replace(/\/+$/, ''));

const redirectOrigin = z
  .url({
    protocol: /^https?$/,
    error: 'expected an http(s) origin like "https://jobs.example.com"',
  })
  .transform((url) => new URL(url).origin);

/** The fields of every source, whatever its type. */
export const commonOptions = {
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected lowercase letters, digits and dashes, like "acme"'),
  company: z.string().trim().min(1).optional(),
  schedule: cronPattern.default('0 */6 * * *'),
  timezone: timezone.default('UTC'),
  maxPostings: z.number().int().positive().default(5000),
  /** Requests per crawl at most (robots.txt and retries aside): a bound on paging. */
  maxPages: z.number().int().positive().default(10_000),
  maxRequestsPerMinute: z.number().int().positive().default(60),
  /** Origins besides the source's own that its responses may redirect to. */
  allowedOrigins: z.array(redirectOrigin).optional(),
};

/** A board, account or company name as the vendor spells it in its URLs. */
export const boardName = z.string().trim().min(1);

/** An http(s) URL option (a feed, a sitemap, a listing page). */
export function urlOption(what: string) {
  return z.url({ protocol: /^https?$/, error: `expected an http(s) URL of ${what}` });
}
