import { readFileSync } from 'node:fs';
import { CronExpressionParser } from 'cron-parser';
import yaml from 'js-yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatIssue } from '../rules/index.js';

export const SOURCE_TYPES = ['greenhouse', 'lever', 'ashby', 'jsonld'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** The public API origin of each board type; `baseUrl` in sources.yaml replaces it. */
export const DEFAULT_ORIGINS = {
  greenhouse: 'https://boards-api.greenhouse.io',
  lever: 'https://api.lever.co',
  leverEu: 'https://api.eu.lever.co',
  ashby: 'https://api.ashbyhq.com',
} as const;

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

const origin = z
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

const common = {
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

const boardName = z.string().trim().min(1);

export const sourceSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('greenhouse'),
    board: boardName,
    baseUrl: origin.optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('lever'),
    board: boardName,
    /** Lever keeps EU customers on a separate host (api.eu.lever.co). */
    region: z.enum(['global', 'eu']).default('global'),
    baseUrl: origin.optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('ashby'),
    board: boardName,
    baseUrl: origin.optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('jsonld'),
    /** A sitemap (or sitemap index), or a listing page whose links lead to job pages. */
    url: z.url({
      protocol: /^https?$/,
      error: 'expected an http(s) URL of a sitemap or listing page',
    }),
  }),
]);

export type SourceConfig = z.infer<typeof sourceSchema>;
export type SourceInput = z.input<typeof sourceSchema>;

export const sourcesFileSchema = z.strictObject({ sources: z.array(z.unknown()) });

/**
 * Validates the parsed content of a sources file. Errors name the file, the source id (or its
 * index when it has none), the field and what was wrong, in one line.
 */
export function parseSources(data: unknown, file: string): SourceConfig[] {
  const top = sourcesFileSchema.safeParse(data ?? {}, { reportInput: true });
  if (!top.success) {
    throw new InputError(
      'invalid_sources',
      `${file}: ${formatIssue(top.error.issues[0] as z.core.$ZodIssue)}`,
    );
  }
  const seen = new Set<string>();
  return top.data.sources.map((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const label = typeof rawId === 'string' ? `source "${rawId}"` : `sources[${index}]`;
    const result = sourceSchema.safeParse(raw, { reportInput: true });
    if (!result.success) {
      const issue = result.error.issues[0] as z.core.$ZodIssue;
      // zod reports an unknown or missing `type` as an invalid_union at path ["type"].
      const rawType = (raw as { type?: unknown } | null)?.type;
      const detail =
        issue.code === 'invalid_union' && issue.path.join('.') === 'type'
          ? `type: expected one of ${SOURCE_TYPES.map((t) => `"${t}"`).join(', ')}, received ${rawType === undefined ? 'nothing' : JSON.stringify(rawType)}`
          : formatIssue(issue);
      throw new InputError('invalid_sources', `${file}: ${label}: ${detail}`);
    }
    if (seen.has(result.data.id)) {
      throw new InputError(
        'invalid_sources',
        `${file}: ${label}: id is used by another source; ids must be unique`,
      );
    }
    seen.add(result.data.id);
    return result.data;
  });
}

/** Reads and validates a sources YAML file; every failure is a one-line InputError. */
export function loadSources(file: string): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'ENOENT'
        ? 'not found; pass --sources FILE or create sources.yaml (see README)'
        : `cannot be read (${code})`;
    throw new InputError('invalid_sources', `${file}: ${hint}`);
  }
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? ` (line ${error.mark.line + 1})` : '';
    throw new InputError('invalid_sources', `${file}: not valid YAML${line}: ${reason}`);
  }
  return parseSources(data, file);
}

/** The origin requests of a board source go to: `baseUrl`, else the type's public API. */
export function sourceOrigin(source: Exclude<SourceConfig, { type: 'jsonld' }>): string {
  if (source.baseUrl !== undefined) return source.baseUrl;
  if (source.type === 'lever')
    return source.region === 'eu' ? DEFAULT_ORIGINS.leverEu : DEFAULT_ORIGINS.lever;
  return DEFAULT_ORIGINS[source.type];
}

/** The origins a source's requests may be redirected to: its own and `allowedOrigins`. */
export function redirectOrigins(source: SourceConfig): string[] {
  const own = new URL(source.type === 'jsonld' ? source.url : sourceOrigin(source)).origin;
  return [...new Set([own, ...(source.allowedOrigins ?? [])])];
}
