import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningServer, startServer } from '../../../src/api/index.js';
import { loadConfig } from '../../../src/config.js';
import { parseSources, quietCrawleeLogs } from '../../../src/crawl/index.js';
import { type BoardServer, demoSources, startBoardServer } from '../../../src/demo/index.js';
import {
  deleteKeysUnder,
  type RunningWorker,
  startCrawlWorker,
  startPostingWorker,
  waitForCrawls,
} from '../../../src/pipeline/index.js';
import { createRedis, enqueueCrawls, openQueues, type Queues } from '../../../src/queue/index.js';
import { CSV_COLUMNS, queryStats, statsTotals } from '../../../src/stats/index.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { shippedRules } from './support.js';

/**
 * The whole way: the demo boards crawled through real workers into a real Redis, then the API
 * over a real port, as `jobsift serve` runs it.
 */
describe('jobsift serve over HTTP on the demo boards', () => {
  let boards: BoardServer;
  let redis: Redis;
  let queues: Queues;
  let prefix: string;
  let workers: RunningWorker[] = [];
  let server: RunningServer;
  const rules = shippedRules();

  beforeAll(async () => {
    quietCrawleeLogs();
    boards = await startBoardServer();
    prefix = uniquePrefix('serve');
    redis = createRedis(testRedisUrl());
    queues = openQueues(redis, prefix);
    const settings = { redisUrl: testRedisUrl(), prefix, concurrency: 8, lockDurationMs: 30_000 };
    workers = [
      startPostingWorker(settings, rules),
      startCrawlWorker(settings, { backoffBaseMs: 50 }),
    ];
    const sources = parseSources(
      { sources: demoSources(boards.origin).map((s) => ({ ...s, maxRequestsPerMinute: 60_000 })) },
      'test',
    );
    await waitForCrawls(queues, await enqueueCrawls(queues.crawl, sources, 'test'));
    const config = loadConfig({ JOBSIFT_PREFIX: prefix }, { port: 0 });
    server = await startServer(createApp({ rules, redis, queues, config, log: () => {} }), config);
  });

  afterAll(async () => {
    await server?.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await queues.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    await boards.close();
  });

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  it('binds 127.0.0.1 and is healthy, with the workers connected', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await get<{ status: string; workers: { crawl: number; postings: number } }>(
      '/healthz',
    );
    expect(health.status).toBe('ok');
    expect(health.workers.postings).toBeGreaterThanOrEqual(1);
    expect(health.workers.crawl).toBeGreaterThanOrEqual(1);
  });

  it('serves the stats the CLI prints', async () => {
    const names = (id: string) => rules.skills.get(id)?.name;
    const report = await queryStats(redis, prefix, { top: 5 }, names);
    const body = await get<{ postings: number; roles: Array<{ id: string; postings: number }> }>(
      '/v1/stats/skills?top=5',
    );
    expect(body.postings).toBe(report.postings);
    expect(body.roles.map((r) => [r.id, r.postings])).toEqual(
      report.roles.map((r) => [r.id, r.postings]),
    );
    expect(report.postings).toBeGreaterThan(50);
  });

  it('lists exactly the postings the stats count, page by page, each with its source link', async () => {
    const totals = await statsTotals(redis, prefix);
    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        postings: Array<{ key: string; url?: string; role: { id: string } }>;
        next: string | null;
      } = await get(`/v1/postings?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      keys.push(...page.postings.map((p) => p.key));
      cursor = page.next;
    } while (cursor !== null);
    expect(keys.length).toBe(totals.postings);
    expect(new Set(keys).size).toBe(keys.length);

    // The postings behind one bar of the chart: as many as the bar counts.
    const skills = await get<{
      roles: Array<{ id: string; skills: Array<{ id: string; count: number; required: number }> }>;
    }>('/v1/stats/skills?top=1');
    const role = skills.roles[0];
    const skill = role?.skills[0];
    const behind = await get<{ postings: Array<{ key: string }> }>(
      `/v1/postings?role=${role?.id}&skill=${skill?.id}&limit=1000`,
    );
    expect(behind.postings.length).toBe(skill?.count);
    const required = await get<{ postings: unknown[] }>(
      `/v1/postings?role=${role?.id}&skill=${skill?.id}&requirement=required&limit=1000`,
    );
    expect(required.postings.length).toBe(skill?.required);

    const one = await get<{ key: string; url: string; title: string; firstSeen: string }>(
      `/v1/postings/${encodeURIComponent(keys[0] ?? '')}`,
    );
    expect(one.key).toBe(keys[0]);
    expect(one.url).toMatch(/^http/);
    const missing = await fetch(`${server.url}/v1/postings/acme%3Anope`);
    expect(missing.status).toBe(404);
  });

  it('streams the export as CSV, one row per counted posting', async () => {
    const totals = await statsTotals(redis, prefix);
    const response = await fetch(`${server.url}/v1/postings/export?format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.length - 1).toBe(totals.postings);
  });

  it('gives salary quartiles of the postings that state one', async () => {
    const salary = await get<{
      postings: number;
      groups: Array<{ currency: string; p25: number; median: number; p75: number }>;
    }>('/v1/stats/salary');
    expect(salary.postings).toBeGreaterThan(0);
    for (const group of salary.groups) {
      expect(group.p25).toBeLessThanOrEqual(group.median);
      expect(group.median).toBeLessThanOrEqual(group.p75);
    }
  });

  it('answers errors as JSON over the wire, never a stack', async () => {
    const response = await fetch(`${server.url}/v1/postings?limit=5000`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: expect.objectContaining({
        code: 'invalid_query',
        message: expect.stringMatching(/limit: expected a number of at most 1000/),
      }),
    });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});
