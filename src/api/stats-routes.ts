import { z } from 'zod';
import { queryStats, type StatsQuery, sourcesReport, statsCache } from '../stats/index.js';
import { requireRole, requireSkill } from './known-ids.js';
import { type ApiDeps, type App, route } from './route.js';
import {
  cooccurrenceQuery,
  rolesStatsQuery,
  skillsStatsQuery,
  trendParams,
  trendQuery,
} from './schemas.js';
import { roleName } from './taxonomy-routes.js';
import { parseRequest } from './validate.js';

const rangeDoc = {
  from: z.string().meta({ example: '2026-01-05' }),
  to: z.string().meta({ example: '2026-10-28' }),
};
const skillStatDoc = z.object({
  id: z.string(),
  name: z.string(),
  count: z.number().int(),
  share: z.number(),
  required: z.number().int(),
  preferred: z.number().int(),
  mentioned: z.number().int(),
});

/** Only the fields that are set: the stats query takes no explicit undefineds from zod's output. */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}

/** GET /v1/stats/*: the numbers of `jobsift stats`, from the same `queryStats`. */
export function statsRoutes(app: App, { rules, redis, config }: ApiDeps): void {
  const names = (id: string) => rules.skills.get(id)?.name;
  const cached = statsCache(redis, config.prefix);
  const stats = (query: StatsQuery) =>
    cached(query, () => queryStats(redis, config.prefix, query, names));

  route(
    app,
    {
      method: 'get',
      path: '/v1/stats/roles',
      tag: 'stats',
      summary: 'Postings per role in a day range (the role mix)',
      query: rolesStatsQuery,
      response: {
        description: 'distinct postings per role, highest first; share of all postings',
        schema: z.object({
          ...rangeDoc,
          postings: z.number().int(),
          failed: z.number().int(),
          roles: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              postings: z.number().int(),
              share: z.number(),
            }),
          ),
        }),
      },
      errors: [400],
    },
    async (c) => {
      const query = parseRequest(rolesStatsQuery, c.req.query(), 'query');
      const report = await stats({ ...defined(query), top: 1 });
      return c.json({
        from: report.from,
        to: report.to,
        postings: report.postings,
        failed: report.failed,
        roles: report.roles.map((role) => ({
          id: role.id,
          name: roleName(rules, role.id),
          postings: role.postings,
          share:
            report.postings === 0 ? 0 : Math.round((role.postings / report.postings) * 1e4) / 1e4,
        })),
      });
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/stats/skills',
      tag: 'stats',
      summary: 'Top skills per role: count, share of the role’s postings, and the level split',
      query: skillsStatsQuery,
      response: {
        description: 'per role, its postings and top skills (as `jobsift stats`)',
        schema: z.object({
          ...rangeDoc,
          postings: z.number().int(),
          failed: z.number().int(),
          roles: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              postings: z.number().int(),
              skills: z.array(skillStatDoc),
            }),
          ),
        }),
      },
      errors: [400],
    },
    async (c) => {
      const query = parseRequest(skillsStatsQuery, c.req.query(), 'query');
      requireRole(rules, query.role);
      const report = await stats(defined(query));
      return c.json({
        ...report,
        roles: report.roles.map((role) => ({ ...role, name: roleName(rules, role.id) })),
      });
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/stats/skills/{id}/trend',
      tag: 'stats',
      summary: 'A skill’s share of each role’s postings over time',
      params: trendParams,
      query: trendQuery,
      response: {
        description: 'per period and role: postings with the skill, postings, share',
        schema: z.object({
          ...rangeDoc,
          skill: z.object({ id: z.string(), name: z.string() }),
          by: z.string(),
          series: z.array(
            z.object({
              period: z.string(),
              role: z.string(),
              count: z.number().int(),
              postings: z.number().int(),
              share: z.number(),
            }),
          ),
        }),
      },
      errors: [400],
    },
    async (c) => {
      const { id } = parseRequest(trendParams, c.req.param(), 'path');
      const query = parseRequest(trendQuery, c.req.query(), 'query');
      requireSkill(rules, id, 'id');
      requireRole(rules, query.role);
      const report = await stats({ ...defined(query), skill: id, top: 1 });
      return c.json({
        from: report.from,
        to: report.to,
        skill: { id, name: names(id) ?? id },
        by: query.by,
        series: report.skill?.series ?? [],
      });
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/stats/cooccurrence',
      tag: 'stats',
      summary: 'The skills that come with a skill, per role',
      query: cooccurrenceQuery,
      response: {
        description: 'per role, the skills found in the same postings as `skill`',
        schema: z.object({
          ...rangeDoc,
          skill: z.object({ id: z.string(), name: z.string() }),
          roles: z.array(
            z.object({
              role: z.string(),
              skills: z.array(
                z.object({
                  id: z.string(),
                  name: z.string(),
                  count: z.number(),
                  share: z.number(),
                }),
              ),
            }),
          ),
        }),
      },
      errors: [400],
    },
    async (c) => {
      const query = parseRequest(cooccurrenceQuery, c.req.query(), 'query');
      requireSkill(rules, query.skill);
      requireRole(rules, query.role);
      const report = await stats(defined(query));
      return c.json({
        from: report.from,
        to: report.to,
        skill: { id: query.skill, name: names(query.skill) ?? query.skill },
        roles: report.skill?.cooccurring ?? [],
      });
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/v1/stats/sources',
      tag: 'stats',
      summary: 'What each source brings: postings that count, duplicates, crawls',
      response: {
        description:
          'per source: its postings that count, its postings that copy one counted already (exact or near duplicates, on any source), its crawl jobs and pages; totals over every source',
        schema: z.object({
          postings: z.number().int(),
          duplicates: z.number().int(),
          sources: z.array(
            z.object({
              id: z.string(),
              postings: z.number().int(),
              duplicates: z.number().int(),
              crawls: z.object({ completed: z.number().int(), failed: z.number().int() }),
              pages: z.object({ ok: z.number().int(), failed: z.number().int() }),
            }),
          ),
        }),
      },
    },
    async (c) => c.json(await sourcesReport(redis, config.prefix)),
  );
}
