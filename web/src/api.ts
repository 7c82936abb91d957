/**
 * The dashboard's client of jobsift's HTTP API (same origin). Every response is validated with
 * zod before the page uses it; a route the server does not have (404 with no JSON error body,
 * or `not_found` on the route itself) is reported as `MissingRouteError`, so its panel can say
 * so while the others work.
 */
import * as z from 'zod/mini';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server has no such route (an older server, or one without postings). */
export class MissingRouteError extends ApiError {
  constructor(readonly path: string) {
    super(404, 'missing_route', `this server has no ${path}`);
    this.name = 'MissingRouteError';
  }
}

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

async function request<T>(
  path: string,
  schema: z.ZodMiniType<T>,
  init?: RequestInit,
  routeName = path.split('?')[0] ?? path,
): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: 'application/json', ...init?.headers },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const parsed = errorBody.safeParse(body);
    if (response.status === 404 || response.status === 405) {
      // A 404 about a thing (an unknown skill) names it; a missing route does not.
      if (!parsed.success || /route|not found$/i.test(parsed.data.error.message)) {
        throw new MissingRouteError(routeName);
      }
    }
    if (parsed.success) {
      throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    }
    throw new ApiError(response.status, 'http_error', `${routeName} answered ${response.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'unexpected_response',
      `${routeName} answered in an unexpected shape: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

// --- taxonomy -------------------------------------------------------------------------------

const role = z.object({ id: z.string(), name: z.string(), family: z.optional(z.string()) });
export type Role = z.infer<typeof role>;
const rolesBody = z.union([z.array(role), z.object({ roles: z.array(role) })]);

export async function getRoles(): Promise<Role[]> {
  const body = await request('/v1/roles', rolesBody);
  return Array.isArray(body) ? body : body.roles;
}

// --- stats ----------------------------------------------------------------------------------

const roleCount = z.object({ id: z.string(), postings: z.number() });
const roleStatsBody = z.object({
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  postings: z.number(),
  roles: z.array(roleCount),
});
export type RoleMix = z.infer<typeof roleStatsBody>;

export function getRoleMix(): Promise<RoleMix> {
  return request('/v1/stats/roles', roleStatsBody);
}

const skillStat = z.object({
  id: z.string(),
  name: z.string(),
  count: z.number(),
  share: z.number(),
  required: z.number(),
  preferred: z.number(),
  mentioned: z.number(),
});
export type SkillStat = z.infer<typeof skillStat>;
const skillStatsBody = z.object({
  from: z.optional(z.string()),
  to: z.optional(z.string()),
  postings: z.number(),
  roles: z.array(z.object({ id: z.string(), postings: z.number(), skills: z.array(skillStat) })),
});
export type SkillStats = z.infer<typeof skillStatsBody>;

export function getSkillStats(roleId: string | undefined, top: number): Promise<SkillStats> {
  return request(`/v1/stats/skills${query({ role: roleId, top })}`, skillStatsBody);
}

const trendPoint = z.object({
  period: z.string(),
  role: z.string(),
  count: z.number(),
  postings: z.number(),
  share: z.number(),
});
export type TrendPoint = z.infer<typeof trendPoint>;
const trendBody = z.object({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  series: z.array(trendPoint),
});
export type Trend = z.infer<typeof trendBody>;

export function getTrend(
  skillId: string,
  roleId: string | undefined,
  by: 'week' | 'month',
): Promise<Trend> {
  return request(
    `/v1/stats/skills/${encodeURIComponent(skillId)}/trend${query({ role: roleId, by })}`,
    trendBody,
    undefined,
    '/v1/stats/skills/{id}/trend',
  );
}

const salaryBody = z.object({
  groups: z.array(
    z.object({
      currency: z.string(),
      period: z.string(),
      postings: z.number(),
      p25: z.number(),
      median: z.number(),
      p75: z.number(),
    }),
  ),
});
export type SalaryGroup = z.infer<typeof salaryBody>['groups'][number] & { role: string };

/** Salary quartiles of one role's postings, per currency and period. */
export async function getSalary(roleId: string): Promise<SalaryGroup[]> {
  const body = await request(`/v1/stats/salary${query({ role: roleId })}`, salaryBody);
  return body.groups.map((group) => ({ ...group, role: roleId }));
}

// --- postings -------------------------------------------------------------------------------

const requirement = z.enum(['required', 'preferred', 'mentioned', 'negated']);
const postingSummary = z.object({
  key: z.string(),
  source: z.optional(z.string()),
  url: z.optional(z.nullable(z.string())),
  title: z.string(),
  company: z.optional(z.nullable(z.string())),
  location: z.optional(z.nullable(z.string())),
  datePosted: z.optional(z.nullable(z.string())),
  role: z.optional(z.object({ id: z.string(), name: z.string(), score: z.number() })),
  skills: z.optional(z.array(z.object({ id: z.string(), requirement }))),
});
export type PostingSummary = z.infer<typeof postingSummary>;
const postingsBody = z.object({
  postings: z.array(postingSummary),
  next: z.nullable(z.string()),
});

export async function getPostings(
  skillId: string,
  roleId: string | undefined,
  limit: number,
): Promise<PostingSummary[]> {
  const body = await request(
    `/v1/postings${query({ skill: skillId, role: roleId, limit })}`,
    postingsBody,
    undefined,
    '/v1/postings',
  );
  return body.postings;
}

// --- classify -------------------------------------------------------------------------------

const enrichment = z.object({
  role: z.object({ id: z.string(), name: z.string(), score: z.number() }),
  roles: z.array(z.object({ id: z.string(), score: z.number() })),
  reasons: z.array(
    z.object({ kind: z.string(), text: z.string(), role: z.string(), weight: z.number() }),
  ),
  skills: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      requirement,
      implied: z.boolean(),
      mentions: z.array(z.object({ text: z.string(), start: z.number(), end: z.number() })),
    }),
  ),
  seniority: z.optional(z.nullable(z.string())),
  remote: z.optional(z.nullable(z.string())),
});
export type Enrichment = z.infer<typeof enrichment>;

export function classify(title: string, description: string): Promise<Enrichment> {
  const body: Record<string, string> = { description };
  if (title.trim() !== '') body.title = title.trim();
  return request('/v1/classify', enrichment, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

// --- sources --------------------------------------------------------------------------------

const sourceStat = z.object({
  id: z.string(),
  postings: z.number(),
  duplicates: z.number(),
  crawls: z.object({ completed: z.number(), failed: z.number() }),
  pages: z.object({ ok: z.number(), failed: z.number() }),
});
export type SourceStat = z.infer<typeof sourceStat>;
const sourcesBody = z.object({
  postings: z.number(),
  duplicates: z.number(),
  sources: z.array(sourceStat),
});
export type SourcesReport = z.infer<typeof sourcesBody>;

export function getSources(): Promise<SourcesReport> {
  return request('/v1/stats/sources', sourcesBody);
}
