import { type ChildProcess, fork } from 'node:child_process';
import { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrich } from '../../src/classify/index.js';
import {
  crawlSource,
  createNearDuplicateIndex,
  inMemoryNearDuplicateStore,
  parseGreenhouseBoard,
  parseSources,
  quietCrawleeLogs,
  type SourceConfig,
} from '../../src/crawl/index.js';
import {
  type BoardServer,
  demoSources,
  startBoardServer,
  syntheticGreenhouseBoard,
} from '../../src/demo/index.js';
import {
  type CrawlOutcome,
  deleteKeysUnder,
  processWorkerEntry,
  type RunningWorker,
  startCrawlWorker,
  startPostingWorker,
  waitForCrawls,
} from '../../src/pipeline/index.js';
import { contentFingerprint, type Posting } from '../../src/posting/index.js';
import {
  createRedis,
  enqueueCrawls,
  enqueuePostings,
  openQueues,
  postingJobId,
  type Queues,
} from '../../src/queue/index.js';
import { loadRules } from '../../src/rules/index.js';
import {
  queryStats,
  readPostingRecord,
  sourcesReport,
  statsTotals,
} from '../../src/stats/index.js';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

const rules = loadRules();
const names = (id: string) => rules.skills.get(id)?.name;

/** What the pure core says about a set of postings: distinct contents, and postings per role. */
function reference(postings: readonly Posting[]): { distinct: number; roles: Map<string, number> } {
  const byFingerprint = new Map<string, Posting>();
  for (const posting of [...postings].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const fingerprint = contentFingerprint(posting);
    if (!byFingerprint.has(fingerprint)) byFingerprint.set(fingerprint, posting);
  }
  const roles = new Map<string, number>();
  for (const posting of byFingerprint.values()) {
    const role = enrich(
      { title: posting.title, description: posting.descriptionHtml ?? posting.descriptionText },
      rules,
    ).role.id;
    roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  return { distinct: byFingerprint.size, roles };
}

/**
 * `reference` for crawled postings: the crawl worker's near-duplicate check groups copies (in
 * the fixtures every copy of a job classifies as the job does, so any member stands for it).
 */
async function crawledReference(
  postings: readonly Posting[],
): Promise<{ distinct: number; roles: Map<string, number> }> {
  const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
  const groups = new Map<string, Posting>();
  for (const posting of postings) {
    const { fingerprint } = await index.check(posting);
    if (!groups.has(fingerprint)) groups.set(fingerprint, posting);
  }
  return { distinct: groups.size, roles: reference([...groups.values()]).roles };
}

async function rolesInStats(redis: Redis, prefix: string): Promise<Map<string, number>> {
  const report = await queryStats(redis, prefix, { from: '2000-01-01', to: '2100-12-31' }, names);
  return new Map(report.roles.map((role) => [role.id, role.postings]));
}

async function crawlDirectly(sources: readonly SourceConfig[]): Promise<Posting[]> {
  const postings: Posting[] = [];
  for (const source of sources) {
    await crawlSource(source, { onPostings: async (batch) => void postings.push(...batch) });
  }
  return postings;
}

describe('the pipeline: crawl → queue → process → stats', () => {
  let server: BoardServer;
  let redis: Redis;
  let queues: Queues;
  let prefix: string;
  let workers: RunningWorker[] = [];
  let sources: SourceConfig[];

  beforeAll(async () => {
    quietCrawleeLogs();
    server = await startBoardServer();
    prefix = uniquePrefix('pipeline');
    redis = createRedis(testRedisUrl());
    queues = openQueues(redis, prefix);
    const settings = { redisUrl: testRedisUrl(), prefix, concurrency: 8, lockDurationMs: 30_000 };
    workers = [
      startPostingWorker(settings, rules),
      startCrawlWorker(settings, { backoffBaseMs: 50 }),
    ];
    sources = parseSources(
      { sources: demoSources(server.origin).map((s) => ({ ...s, maxRequestsPerMinute: 60_000 })) },
      'test',
    );
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await queues.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    await server.close();
  });

  async function crawlAll(): Promise<void> {
    const ids = await enqueueCrawls(queues.crawl, sources, 'test');
    const outcomes = await waitForCrawls(queues, ids);
    expect(outcomes.map((o) => o.state)).toEqual(sources.map(() => 'completed'));
  }

  it('counts every posting of every source type once, as the pure core classifies it, duplicates across sources once', async () => {
    const crawled = await crawlDirectly(sources);
    expect(new Set(crawled.map((p) => p.source))).toEqual(new Set(sources.map((s) => s.id)));
    const expected = await crawledReference(crawled);
    expect(expected.distinct).toBeLessThan(crawled.length); // the fixtures hold cross-source copies

    await crawlAll();
    const totals = await statsTotals(redis, prefix);
    expect(totals.postings).toBe(expected.distinct);
    expect(totals.duplicates).toBe(crawled.length - expected.distinct);
    expect(await rolesInStats(redis, prefix)).toEqual(expected.roles);

    // Per source, every crawled posting is either counted or a duplicate, once.
    const report = await sourcesReport(redis, prefix);
    expect(report.sources.map((s) => s.id).sort()).toEqual(sources.map((s) => s.id).sort());
    for (const source of report.sources) {
      expect(source.postings + source.duplicates, source.id).toBe(
        crawled.filter((p) => p.source === source.id).length,
      );
    }
    expect(report.sources.reduce((sum, s) => sum + s.duplicates, 0)).toBe(totals.duplicates);
  });

  it('a second crawl of unchanged boards changes no count', async () => {
    const before = await queryStats(redis, prefix, { top: 1000, by: 'month' }, names);
    await crawlAll();
    const after = await queryStats(redis, prefix, { top: 1000, by: 'month' }, names);
    expect(after).toEqual(before);
  });

  it('a re-crawl asks a site only for sitemap pages whose <lastmod> changed; a full one for all', async () => {
    const site = sources.filter((source) => source.type === 'jsonld');
    const pageRequests = () => server.requests.filter((r) => r.path.startsWith('/jobs/')).length;
    const crawlSite = async (full: boolean) => {
      server.requests.length = 0;
      const ids = await enqueueCrawls(queues.crawl, site, 'test', { full });
      const [outcome] = await waitForCrawls(queues, ids);
      return outcome;
    };
    const before = await statsTotals(redis, prefix);

    const full = await crawlSite(true);
    const everyPage = pageRequests();
    expect(everyPage).toBeGreaterThan(2);
    expect(full?.report?.pages.unchanged).toBe(0);

    const incremental = await crawlSite(false);
    // Only the pages that failed to parse are asked for again.
    expect(pageRequests()).toBeLessThan(everyPage);
    expect(incremental?.report?.pages.unchanged).toBe(everyPage - pageRequests());
    expect(incremental?.report?.postings.found).toBe(0);
    expect(await statsTotals(redis, prefix)).toEqual(before);
  });

  it('a changed posting replaces its old contribution', async () => {
    const board = (await (
      await fetch(`${server.origin}/v1/boards/acme/jobs?content=true`)
    ).json()) as {
      jobs: Array<{ id: number; title: string; content: string }>;
    };
    const target = board.jobs.find((job) => /data analyst/i.test(job.title));
    expect(target).toBeDefined();
    if (target === undefined) return;
    const key = `acme:${target.id}`;
    const before = await readPostingRecord(redis, prefix, key);
    expect(before?.contribution.role).toBe('data-analyst');
    const rolesBefore = await rolesInStats(redis, prefix);
    const totalsBefore = await statsTotals(redis, prefix);

    target.title = 'Registered Nurse, Night Shift';
    target.content =
      '&lt;h3&gt;About the role&lt;/h3&gt;&lt;p&gt;Provide patient care on a busy medical ward: assess patients, give medication, and keep records.&lt;/p&gt;&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Active RN licence&lt;/li&gt;&lt;li&gt;BLS certification&lt;/li&gt;&lt;/ul&gt;';
    server.setBoard('greenhouse', 'acme', board);
    await crawlAll();

    const after = await readPostingRecord(redis, prefix, key);
    expect(after?.contribution.role).toBe('other');
    const rolesAfter = await rolesInStats(redis, prefix);
    expect(rolesAfter.get('data-analyst')).toBe((rolesBefore.get('data-analyst') ?? 0) - 1);
    expect(rolesAfter.get('other')).toBe((rolesBefore.get('other') ?? 0) + 1);
    expect(await statsTotals(redis, prefix)).toEqual(totalsBefore);
  });

  it('a posting with no text fails once, without retries, and is counted as failed', async () => {
    const posting: Posting = {
      key: 'acme:empty-1',
      source: 'acme',
      sourceId: 'empty-1',
      title: 'Data Engineer',
      descriptionText: '   ',
    };
    await enqueuePostings(queues.postings, [posting], new Date());
    await waitForCrawls(queues, []);
    const job = await Job.fromId(queues.postings, postingJobId(posting.key));
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/no description text/);
    expect((await statsTotals(redis, prefix)).failed).toBe(1);
  });

  it('a posting that failed is processed on the next crawl once the board fixes it', async () => {
    const broken: Posting = {
      key: 'acme:fixed-later-1',
      source: 'acme',
      sourceId: 'fixed-later-1',
      title: 'Data Engineer',
      descriptionText: '   ',
    };
    await enqueuePostings(queues.postings, [broken], new Date());
    await waitForCrawls(queues, []);
    const failedBefore = (await statsTotals(redis, prefix)).failed;
    expect(await readPostingRecord(redis, prefix, broken.key)).toBeUndefined();

    const fixed = { ...broken, descriptionText: 'We build pipelines with Airflow and SQL.' };
    await enqueuePostings(queues.postings, [fixed], new Date());
    await waitForCrawls(queues, []);
    expect(await readPostingRecord(redis, prefix, broken.key)).toBeDefined();
    expect((await statsTotals(redis, prefix)).failed).toBe(failedBefore - 1);
  });

  it('a site whose robots.txt answers 503 fails its crawl job, which BullMQ retries later', async () => {
    const site = sources.find((source) => source.type === 'jsonld') as SourceConfig;
    const before = await statsTotals(redis, prefix);
    server.fail('/robots.txt', [{ status: 503 }]);
    const [id] = await enqueueCrawls(queues.crawl, [site], 'test');
    let job = await Job.fromId(queues.crawl, id as string);
    for (let waited = 0; (job?.attemptsMade ?? 0) === 0 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await Job.fromId(queues.crawl, id as string);
    }
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(
      /0 pages ok, 1 failed \(not fetched: robots\.txt could not be read \(HTTP 503\)/,
    );
    expect(await job?.getState()).toBe('delayed');
    expect(await statsTotals(redis, prefix)).toEqual(before);
    await job?.remove();
  });
});

describe('a process worker killed with SIGKILL mid-job', () => {
  let prefix: string;
  let redis: Redis;
  let queues: Queues;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    prefix = uniquePrefix('sigkill');
    redis = createRedis(testRedisUrl());
    queues = openQueues(redis, prefix);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await queues.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  function startChild(): Promise<ChildProcess> {
    const entry = processWorkerEntry();
    const child = fork(entry.path, [], {
      execArgv: entry.execArgv,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        REDIS_URL: testRedisUrl(),
        JOBSIFT_PREFIX: prefix,
        JOBSIFT_CONCURRENCY: '8',
        JOBSIFT_LOCK_MS: '1500',
      },
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.on('message', (message) => message === 'ready' && resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });
  }

  it('leaves exact counts once its jobs are retried by another worker', async () => {
    const source = parseSources(
      { sources: [{ id: 'synthetic', type: 'greenhouse', board: 'synthetic' }] },
      'test',
    )[0];
    if (source?.type !== 'greenhouse') throw new Error('unreachable');
    const { postings } = parseGreenhouseBoard(syntheticGreenhouseBoard(1500, 7), {
      source,
      url: 'http://127.0.0.1/',
    });
    const expected = reference(postings);

    const first = await startChild();
    await enqueuePostings(queues.postings, postings, new Date('2026-11-01T00:00:00Z'));
    for (;;) {
      const totals = await statsTotals(redis, prefix);
      if (totals.postings >= 300) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const active = await queues.postings.getActiveCount();
    first.kill('SIGKILL');
    expect(active).toBeGreaterThan(0); // it died holding jobs

    await startChild();
    await waitForCrawls(queues, [], () => {}, 100);
    const totals = await statsTotals(redis, prefix);
    expect(totals.postings + totals.duplicates).toBe(postings.length);
    expect(totals.postings).toBe(expected.distinct);
    expect(await rolesInStats(redis, prefix)).toEqual(expected.roles);
  }, 120_000);
});

describe('postings a board no longer lists', () => {
  let server: BoardServer;
  let redis: Redis;
  let queues: Queues;
  let prefix: string;
  let workers: RunningWorker[] = [];

  beforeAll(async () => {
    quietCrawleeLogs();
    server = await startBoardServer({ boardsDir: false });
    prefix = uniquePrefix('withdraw');
    redis = createRedis(testRedisUrl());
    queues = openQueues(redis, prefix);
    const settings = { redisUrl: testRedisUrl(), prefix, concurrency: 8, lockDurationMs: 30_000 };
    workers = [
      startPostingWorker(settings, rules),
      startCrawlWorker(settings, { backoffBaseMs: 20, maxRetries: 0 }),
    ];
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await queues.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
    await server.close();
  });

  /** 130 distinct Lever postings (two pages), without the given ones. */
  const board = (...without: number[]) =>
    Array.from({ length: 130 }, (_, i) => i)
      .filter((i) => !without.includes(i))
      .map((i) => ({
        id: `item-${i}`,
        text: `Data Engineer ${i}`,
        descriptionPlain: `Build pipeline number ${i} with Airflow and SQL.`,
      }));
  const lever = () =>
    parseSources(
      {
        sources: [
          {
            id: 'big',
            type: 'lever',
            board: 'big',
            baseUrl: server.origin,
            maxRequestsPerMinute: 60_000,
          },
        ],
      },
      'test',
    );
  async function crawl(): Promise<CrawlOutcome | undefined> {
    const [outcome] = await waitForCrawls(
      queues,
      await enqueueCrawls(queues.crawl, lever(), 'test'),
    );
    return outcome;
  }

  it('stop counting after a complete crawl; an incomplete crawl removes nothing', async () => {
    server.setBoard('lever', 'big', board());
    expect((await crawl())?.report?.complete).toBe(true);
    expect((await statsTotals(redis, prefix)).postings).toBe(130);

    server.setBoard('lever', 'big', board(5));
    const complete = await crawl();
    expect(complete?.report).toMatchObject({ complete: true, postings: { withdrawn: 1 } });
    expect((await statsTotals(redis, prefix)).postings).toBe(129);
    expect(await readPostingRecord(redis, prefix, 'big:item-5')).toBeUndefined();

    // item-6 is gone from the first page, and the second page cannot be read.
    server.setBoard('lever', 'big', board(5, 6));
    server.fail('/v0/postings/big?mode=json&skip=100&', [{ status: 404 }]);
    const incomplete = await crawl();
    expect(incomplete?.report?.complete).toBe(false);
    expect((await statsTotals(redis, prefix)).postings).toBe(129);
    expect(await readPostingRecord(redis, prefix, 'big:item-6')).toBeDefined();
    expect(await readPostingRecord(redis, prefix, 'big:item-120')).toBeDefined();
  });
});
