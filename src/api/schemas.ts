import { z } from 'zod';

/**
 * The zod schemas of the HTTP API's query strings and bodies. The routes validate with them and
 * /openapi.json is generated from them, so the document cannot drift from what is accepted.
 */

export const MAX_TOP = 500;
export const MAX_LIMIT = 1000;
export const MAX_BATCH = 1000;

const intParam = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((value) => value ?? fallback)
    .meta({ description: `${min}–${max}, default ${fallback}`, example: String(fallback) });

const day = (description: string) =>
  z.iso.date({ message: 'expected a real date YYYY-MM-DD' }).optional().meta({ description });

const id = (what: string, where: string) =>
  z
    .string()
    .regex(
      /^[^\s|:]+$/,
      `expected a ${what} id like "${what === 'role' ? 'data-engineer' : 'python'}"`,
    )
    .meta({ description: `a ${what} id (${where} lists them)` });

export const roleId = id('role', 'GET /v1/roles');
export const skillId = id('skill', 'GET /v1/skills');

export const REQUIREMENTS = ['required', 'preferred', 'mentioned'] as const;
export const requirementSchema = z.enum(REQUIREMENTS);

const range = {
  from: day('first day, inclusive (default: the first day with data)'),
  to: day('last day, inclusive (default: the last day with data)'),
};

export const rolesStatsQuery = z.strictObject({ ...range });

export const skillsStatsQuery = z.strictObject({
  role: roleId.optional(),
  ...range,
  top: intParam(1, MAX_TOP, 10),
  requirement: requirementSchema
    .optional()
    .meta({ description: 'count only postings that ask for the skill at this level' }),
});

export const trendParams = z.strictObject({ id: skillId });
export const trendQuery = z.strictObject({
  role: roleId.optional(),
  by: z.enum(['day', 'week', 'month']).default('month'),
  ...range,
});

export const cooccurrenceQuery = z.strictObject({
  skill: skillId,
  role: roleId.optional(),
  ...range,
  top: intParam(1, MAX_TOP, 10),
});

export const salaryQuery = z.strictObject({
  role: roleId.optional(),
  skill: skillId.optional(),
  ...range,
});

/** The filters of GET /v1/postings, `jobsift postings` and `jobsift export`. */
export const postingFilterFields = {
  role: roleId.optional(),
  skill: skillId.optional(),
  requirement: requirementSchema
    .optional()
    .meta({ description: 'with skill: only postings that ask for it at this level' }),
  source: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected a source id like "acme"')
    .optional()
    .meta({ description: 'a source id of sources.yaml' }),
  company: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'the company name, case-insensitive' }),
  remote: z.enum(['remote', 'hybrid', 'onsite']).optional(),
  ...range,
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'case-insensitive text in the title or the company' }),
};

export const postingsQuery = z
  .strictObject({
    ...postingFilterFields,
    cursor: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .meta({ description: 'the `next` of the previous page' }),
    limit: intParam(1, MAX_LIMIT, 50),
  })
  .refine((q) => q.requirement === undefined || q.skill !== undefined, {
    message: 'requirement needs skill (the level of which skill?)',
    path: ['requirement'],
  });

export const exportQuery = z
  .strictObject({
    ...postingFilterFields,
    format: z.enum(['jsonl', 'csv']).default('jsonl'),
  })
  .refine((q) => q.requirement === undefined || q.skill !== undefined, {
    message: 'requirement needs skill (the level of which skill?)',
    path: ['requirement'],
  });

export const postingParams = z.strictObject({
  key: z.string().min(3).max(1000).meta({ description: 'the posting key, `source:sourceId`' }),
});

export const skillsListQuery = z.strictObject({
  category: z.string().min(1).optional().meta({ description: 'a category id, e.g. "databases"' }),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'case-insensitive match of the id or name' }),
});

export const classifyQuery = z.strictObject({
  title: z
    .string()
    .max(1000)
    .optional()
    .meta({ description: 'title, with a text/plain or text/html body' }),
});

export const classifyBody = z
  .strictObject({
    title: z.string().max(1000).optional(),
    description: z.string().optional().meta({ description: 'plain text or HTML' }),
  })
  .refine((b) => (b.title ?? '').trim() !== '' || (b.description ?? '').trim() !== '', {
    message: 'expected a non-empty "title" or "description" (or both)',
  })
  .meta({ id: 'ClassifyRequest' });

const batchItem = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    title: z.string().nullish(),
    description: z.string().nullish(),
  })
  .meta({ description: 'checked one by one: a bad item gets an error, the rest go on' });

/** A batch: a JSON array of items, or `{"items": [...]}`. Items are checked one by one. */
export const batchBody = z
  .preprocess(
    (body) => (Array.isArray(body) ? { items: body } : body),
    z.strictObject({
      items: z.array(batchItem.or(z.unknown())).min(1).max(MAX_BATCH),
    }),
  )
  .meta({
    id: 'ClassifyBatchRequest',
    description: `{"items": [...]} or a bare array: 1 to ${MAX_BATCH} items {id?, title?, description?}`,
    examples: [{ items: [{ id: 1, title: 'Data Engineer', description: 'Airflow, SQL' }] }],
  });
export const batchItemDoc = batchItem;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
