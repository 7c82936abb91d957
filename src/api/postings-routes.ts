import { stream } from 'hono/streaming';
import { z } from 'zod';
import {
  exportLines,
  getPosting,
  listPostings,
  type PostingFilters,
  postingSummarySchema,
  salaryStats,
  statsCache,
} from '../stats/index.js';
import { HttpError } from './http-error.js';
import { requireRole, requireSkill } from './known-ids.js';
import { type ApiDeps, type App, route } from './route.js';
import { exportQuery, postingParams, postingsQuery, salaryQuery } from './schemas.js';
import { parseRequest } from './validate.js';

const postingDoc = postingSummarySchema
  .extend({
    day: z.string(),
    firstSeen: z.string(),
    duplicateOf: z.string().optional(),
    duplicates: z.array(z.string()).optional(),
  })
  .meta({ id: 'Posting' });

/** The filters part of a parsed query, without the paging fields and undefineds. */
export function filtersOf(query: Record<string, unknown>): PostingFilters {
  const { cursor: _cursor, limit: _limit, format: _format, ...rest } = query;
  return Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  ) as PostingFilters;
}

export function postingsRoutes(app: App, { rules, redis, config }: ApiDeps): void {
  const { prefix } = config;
  const cached = statsCache(redis, prefix);

  route(
    app,
    {
      method: 'get',
      path: '/v1/postings',
      tag: 'postings',
      summary: 'The postings behind the numbers, newest first, filtered, in pages',
      description:
        'Only postings that count (a duplicate is listed under the one that counts). Pass `next` as `cursor` for the following page; `next` is null at the end. A rare combination of filters may give a short page with a `next`.',
      query: postingsQuery,
      response: {
        description: 'a page of postings',
        schema: z.object({ postings: z.array(postingDoc), next: z.string().nullable() }),
      },
      errors: [400],
    },
    async (c) => {
      const query = parseRequest(postingsQuery, c.req.query(), 'query');
      requireRole(rules, query.role);
      requireSkill(rules, query.skill);
      const page = await listPostings(redis, prefix, filtersOf(query), {
        cursor: query.cursor,
        limit: query.limit,
      });
      return c.json(page);
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/postings/export',
      tag: 'postings',
      summary: 'Every posting that matches, streamed as JSON Lines or CSV',
      query: exportQuery,
      response: {
        description: 'one posting a line (CSV: a header line first)',
        schema: z.string(),
        mediaType: 'application/x-ndjson',
      },
      errors: [400],
    },
    (c) => {
      const query = parseRequest(exportQuery, c.req.query(), 'query');
      requireRole(rules, query.role);
      requireSkill(rules, query.skill);
      const csv = query.format === 'csv';
      c.header('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      c.header('Content-Disposition', `attachment; filename="postings.${query.format}"`);
      return stream(c, async (out) => {
        for await (const chunk of exportLines(redis, prefix, filtersOf(query), query.format)) {
          if (out.aborted) return;
          await out.write(chunk);
        }
      });
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/postings/{key}',
      tag: 'postings',
      summary: 'One posting by key: its summary, role, skills, and any duplicates',
      params: postingParams,
      response: { description: 'the posting', schema: postingDoc },
      errors: [400, 404],
    },
    async (c) => {
      const { key } = parseRequest(postingParams, c.req.param(), 'path');
      const posting = await getPosting(redis, prefix, key);
      if (posting === undefined) {
        throw new HttpError(
          404,
          'not_found',
          `no posting "${key}" in the store (never recorded, withdrawn, or past the retention); GET /v1/postings lists them`,
        );
      }
      return c.json(posting);
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/stats/salary',
      tag: 'stats',
      summary: 'Salary median and quartiles per currency and period, one figure per posting',
      description:
        'Over the postings that count and state a salary (the board’s, else one read from the description); a range counts as its middle.',
      query: salaryQuery,
      response: {
        description: 'groups by currency and period, most postings first',
        schema: z.object({
          postings: z.number().int(),
          groups: z.array(
            z.object({
              currency: z.string(),
              period: z.string(),
              postings: z.number().int(),
              min: z.number(),
              p25: z.number(),
              median: z.number(),
              p75: z.number(),
              max: z.number(),
            }),
          ),
        }),
      },
      errors: [400],
    },
    async (c) => {
      const query = parseRequest(salaryQuery, c.req.query(), 'query');
      requireRole(rules, query.role);
      requireSkill(rules, query.skill);
      if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
        throw new HttpError(
          400,
          'invalid_query',
          `query parameter from: expected a day on or before to (${query.to}), received ${query.from}`,
        );
      }
      const report = await cached(query, () => salaryStats(redis, prefix, query));
      return c.json({ ...filtersOf(query), ...report });
    },
  );
}
