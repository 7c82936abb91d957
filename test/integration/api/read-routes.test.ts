import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCrawl, queryStats, recordPosting, sourcesReport } from '../../../src/stats/index.js';
import { errorOf, shippedRules, type TestApi, testApi } from './support.js';

let api: TestApi;
const SEEN = new Date('2026-03-10T12:00:00Z');

async function record(
  key: string,
  role: string,
  skills: Record<string, 'required' | 'preferred' | 'mentioned'>,
  day: string,
) {
  await recordPosting(api.redis, api.prefix, {
    key,
    fingerprint: `fp-${key}`,
    datePosted: day,
    seenAt: SEEN,
    contribution: { role, skills: Object.entries(skills).map(([id, level]) => ({ id, level })) },
  });
}

beforeAll(async () => {
  api = testApi({}, 'api-read');
  await record(
    'acme:1',
    'data-engineer',
    { python: 'required', airflow: 'preferred', sql: 'mentioned' },
    '2026-02-02',
  );
  await record('acme:2', 'data-engineer', { python: 'preferred', sql: 'required' }, '2026-02-10');
  await record('acme:3', 'data-engineer', { sql: 'required' }, '2026-03-03');
  await record('globex:1', 'data-scientist', { python: 'required' }, '2026-03-04');
});
afterAll(async () => {
  await api.close();
});

async function json<T>(path: string): Promise<T> {
  const response = await api.app.request(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

describe('taxonomy', () => {
  it('lists the roles as loaded, with other', async () => {
    const { roles } = await json<{ roles: Array<{ id: string; name: string }> }>('/v1/roles');
    expect(roles.map((r) => r.id)).toEqual(
      [...shippedRules().roles.map((r) => r.id), 'other'].filter(
        (id, i, all) => all.indexOf(id) === i,
      ),
    );
    expect(roles.find((r) => r.id === 'data-engineer')?.name).toBe('Data Engineer');
  });

  it('lists and filters skills by category and q', async () => {
    const all = await json<{ total: number }>('/v1/skills');
    expect(all.total).toBe(shippedRules().skills.size);
    const found = await json<{ skills: Array<{ id: string; category: string }> }>(
      '/v1/skills?q=airfl',
    );
    expect(found.skills.map((s) => s.id)).toContain('airflow');
    const category = found.skills[0]?.category ?? '';
    const inCategory = await json<{ skills: Array<{ category: string }> }>(
      `/v1/skills?category=${category}`,
    );
    expect(inCategory.skills.length).toBeGreaterThan(1);
    expect(inCategory.skills.every((s) => s.category === category)).toBe(true);
    const bad = await api.app.request('/v1/skills?category=nope');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/no such category "nope"; expected one of/);
  });
});

describe('stats', () => {
  const names = (id: string) => shippedRules().skills.get(id)?.name;

  it('gives the numbers of queryStats (jobsift stats) for skills, with names', async () => {
    const body = await json<{ roles: Array<{ id: string; name: string; skills: unknown[] }> }>(
      '/v1/stats/skills?role=data-engineer&top=2',
    );
    const report = await queryStats(
      api.redis,
      api.prefix,
      { role: 'data-engineer', top: 2 },
      names,
    );
    expect(body).toEqual({
      ...report,
      roles: report.roles.map((r) => ({ ...r, name: 'Data Engineer' })),
    });
    expect(body.roles[0]?.skills).toEqual([
      { id: 'sql', name: 'SQL', count: 3, share: 1, required: 2, preferred: 0, mentioned: 1 },
      {
        id: 'python',
        name: 'Python',
        count: 2,
        share: 0.6667,
        required: 1,
        preferred: 1,
        mentioned: 0,
      },
    ]);
  });

  it('counts one level with requirement=', async () => {
    const body = await json<{
      roles: Array<{ skills: Array<{ id: string; count: number; share: number }> }>;
    }>('/v1/stats/skills?role=data-engineer&requirement=required');
    expect(body.roles[0]?.skills.map((s) => [s.id, s.count, s.share])).toEqual([
      ['sql', 2, 0.6667],
      ['python', 1, 0.3333],
    ]);
  });

  it('gives the role mix with shares, in a date range', async () => {
    const body = await json<{
      postings: number;
      roles: Array<{ id: string; postings: number; share: number }>;
    }>('/v1/stats/roles?from=2026-03-01&to=2026-03-31');
    expect(body.postings).toBe(2);
    expect(body.roles).toEqual([
      { id: 'data-engineer', name: 'Data Engineer', postings: 1, share: 0.5 },
      { id: 'data-scientist', name: 'Data Scientist', postings: 1, share: 0.5 },
    ]);
  });

  it('gives a skill trend by month and its co-occurring skills', async () => {
    const trend = await json<{
      series: Array<{ period: string; role: string; count: number; share: number }>;
    }>('/v1/stats/skills/python/trend?role=data-engineer&by=month');
    expect(trend.series).toEqual([
      { period: '2026-02', role: 'data-engineer', count: 2, postings: 2, share: 1 },
      { period: '2026-03', role: 'data-engineer', count: 0, postings: 1, share: 0 },
    ]);
    const co = await json<{
      roles: Array<{ role: string; skills: Array<{ id: string; count: number }> }>;
    }>('/v1/stats/cooccurrence?skill=python&role=data-engineer');
    expect(co.roles).toEqual([
      {
        role: 'data-engineer',
        skills: [
          { id: 'sql', name: 'SQL', count: 2, share: 1 },
          { id: 'airflow', name: 'Apache Airflow', count: 1, share: 0.5 },
        ],
      },
    ]);
  });

  it('answers from its cache only while the figures are unchanged', async () => {
    const path = '/v1/stats/roles?from=2026-04-01&to=2026-04-30';
    expect((await json<{ postings: number }>(path)).postings).toBe(0);
    expect((await json<{ postings: number }>(path)).postings).toBe(0);
    await record('initech:1', 'data-engineer', { python: 'required' }, '2026-04-02');
    expect((await json<{ postings: number }>(path)).postings).toBe(1);
    await record('initech:1', 'data-engineer', { python: 'required' }, '2026-04-02');
    const generation = await api.redis.get(`${api.prefix}:stats:generation`);
    await record('initech:1', 'data-engineer', { python: 'required' }, '2026-04-02');
    // Recording the same posting again does not invalidate anything.
    expect(await api.redis.get(`${api.prefix}:stats:generation`)).toBe(generation);
    expect((await json<{ postings: number }>(path)).postings).toBe(1);
  });

  it('refuses bad dates, top over 500, unknown parameters and unknown ids, saying where ids are', async () => {
    const cases: Array<[string, string, RegExp]> = [
      [
        '/v1/stats/skills?from=2026-02-30',
        'invalid_query',
        /from: expected a real date YYYY-MM-DD, received "2026-02-30"/,
      ],
      [
        '/v1/stats/skills?top=501',
        'invalid_query',
        /top: expected a number of at most 500, received 501/,
      ],
      ['/v1/stats/skills?top=ten', 'invalid_query', /top: expected an integer from 1 to 500/],
      [
        '/v1/stats/skills?from=2026-03-01&to=2026-02-01',
        'invalid_query',
        /from: expected a day on or before to/,
      ],
      [
        '/v1/stats/skills?requirement=negated',
        'invalid_query',
        /requirement: expected one of "required"/,
      ],
      [
        '/v1/stats/skills?rol=x',
        'invalid_query',
        /unknown query parameter "rol"; expected one of role, from/,
      ],
      ['/v1/stats/skills?role=nurse', 'unknown_role', /GET \/v1\/roles lists the role ids/],
      [
        '/v1/stats/skills/cobol-2000/trend',
        'unknown_skill',
        /GET \/v1\/skills lists the skill ids/,
      ],
      [
        '/v1/stats/cooccurrence',
        'invalid_query',
        /skill: expected a non-empty string, received nothing|skill: expected a string/,
      ],
      [
        '/v1/stats/skills/python/trend?by=year',
        'invalid_query',
        /by: expected one of "day", "week", "month"/,
      ],
    ];
    for (const [path, code, message] of cases) {
      const response = await api.app.request(path);
      expect(response.status, path).toBe(400);
      const error = await errorOf(response);
      expect(error.code, path).toBe(code);
      expect(error.message, path).toMatch(message);
    }
  });
});

describe('operations', () => {
  it('reports health: Redis, queue depths, workers', async () => {
    await api.queues.postings.add('posting', {} as never, { delay: 60_000 });
    const body = await json<{
      status: string;
      redis: { ok: boolean };
      queues: { postings: { delayed: number } };
      workers: { postings: number };
    }>('/healthz');
    expect(body.status).toBe('ok');
    expect(body.redis.ok).toBe(true);
    expect(body.queues.postings.delayed).toBe(1);
    expect(body.workers.postings).toBe(0);
  });

  it('serves Prometheus metrics with the postings, queue depths and its own requests', async () => {
    const response = await api.app.request('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^jobsift_postings\{kind="counted"\} 5$/m);
    expect(text).toMatch(/^jobsift_queue_jobs\{queue="postings",state="delayed"\} 1$/m);
    expect(text).toMatch(
      /^jobsift_http_requests_total\{route="\/healthz",method="GET",status="200"\} 1$/m,
    );
    expect(text).toMatch(/^jobsift_posting_processing_seconds_count 0$/m);
  });

  it('serves an OpenAPI document of every route, and a reference page with no outside resource', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>>;
    }>('/openapi.json');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/classify',
        '/v1/classify/batch',
        '/v1/stats/skills',
        '/v1/stats/skills/{id}/trend',
        '/v1/roles',
        '/v1/skills',
        '/healthz',
        '/metrics',
      ]),
    );
    const params = doc.paths['/v1/stats/skills']?.get?.parameters?.map((p) => p.name);
    expect(params).toEqual(['role', 'from', 'to', 'top', 'requirement']);
    const page = await api.app.request('/docs');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/v1/stats/skills/{id}/trend');
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
  });
});

describe('admin routes', () => {
  it('are off without a token, and say how to turn them on', async () => {
    const response = await api.app.request('/admin/queues');
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toMatch(/JOBSIFT_ADMIN_TOKEN/);
  });

  it('need the bearer token when one is set, and then serve Bull Board', async () => {
    const admin = testApi({ JOBSIFT_ADMIN_TOKEN: 's3cret-token' }, 'api-admin');
    try {
      const none = await admin.app.request('/admin/queues');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
      const wrong = await admin.app.request('/admin/queues', {
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.status).toBe(401);
      const ok = await admin.app.request('/admin/queues', {
        headers: { authorization: 'Bearer s3cret-token' },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/jobsift queues|bull/i);
      const slash = await admin.app.request('/admin/queues/', {
        headers: { authorization: 'Bearer s3cret-token' },
      });
      expect(slash.status).toBe(302);
      expect(slash.headers.get('location')).toBe('/admin/queues');
      const api2 = await admin.app.request('/admin/queues/api/queues', {
        headers: { authorization: `Basic ${Buffer.from('me:s3cret-token').toString('base64')}` },
      });
      expect(api2.status).toBe(200);
      const { queues } = (await api2.json()) as { queues: Array<{ name: string }> };
      expect(queues.map((q) => q.name).sort()).toEqual(['crawl', 'postings']);
    } finally {
      await admin.close();
    }
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const plain = await api.app.request('/v1/roles', {
      headers: { origin: 'https://evil.example' },
    });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const withCors = testApi({ JOBSIFT_CORS_ORIGINS: 'https://dash.example' }, 'api-cors');
    try {
      const allowed = await withCors.app.request('/v1/roles', {
        headers: { origin: 'https://dash.example' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
      const other = await withCors.app.request('/v1/roles', {
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await withCors.close();
    }
  });
});

describe('stats per source', () => {
  it('says what each source brings: postings that count, duplicates, crawls', async () => {
    const fresh = testApi({}, 'api-sources');
    try {
      const at = (key: string, fingerprint: string) =>
        recordPosting(fresh.redis, fresh.prefix, {
          key,
          fingerprint,
          seenAt: SEEN,
          contribution: { role: 'data-engineer', skills: [] },
        });
      await at('acme:1', 'fp1');
      await at('acme:2', 'fp2');
      await at('globex:1', 'fp3');
      // globex reposts acme:1 (same content): it is globex's duplicate, counted once.
      await at('globex:copy-of-acme-1', 'fp1');
      await countCrawl(fresh.redis, fresh.prefix, 'acme', 'completed', { ok: 3, failed: 1 });
      await countCrawl(fresh.redis, fresh.prefix, 'initech', 'failed');
      const response = await fresh.app.request('/v1/stats/sources');
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toEqual({
        postings: 3,
        duplicates: 1,
        sources: [
          {
            id: 'acme',
            postings: 2,
            duplicates: 0,
            crawls: { completed: 1, failed: 0 },
            pages: { ok: 3, failed: 1 },
          },
          {
            id: 'globex',
            postings: 1,
            duplicates: 1,
            crawls: { completed: 0, failed: 0 },
            pages: { ok: 0, failed: 0 },
          },
          {
            id: 'initech',
            postings: 0,
            duplicates: 0,
            crawls: { completed: 0, failed: 1 },
            pages: { ok: 0, failed: 0 },
          },
        ],
      });
      expect(body).toEqual(await sourcesReport(fresh.redis, fresh.prefix));
    } finally {
      await fresh.close();
    }
  });
});
