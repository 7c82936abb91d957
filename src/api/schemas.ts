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
