import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlReport } from '../../src/crawl/index.js';
import { parseSources } from '../../src/crawl/index.js';
import { deleteKeysUnder, waitForCrawls } from '../../src/pipeline/index.js';
import type { Posting } from '../../src/posting/index.js';
import {
  answersPing,
  CRAWL_QUEUE,
  createRedis,
  enqueueCrawls,
  enqueuePostings,
  openQueues,
  postingJobId,
  type Queues,
  resolveRedis,
  syncSchedulers,
} from '../../src/queue/index.js';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

function posting(id: string, title = 'Data Engineer'): Posting {
  return {
    key: `acme:${id}`,
    source: 'acme',
    sourceId: id,
    title,
    descriptionText: 'Airflow and SQL.',
  };
}

describe('queues', () => {
  let redis: Redis;
  let queues: Queues;
  let prefix: string;

  beforeAll(() => {
    prefix = uniquePrefix('queue');
    redis = createRedis(testRedisUrl());
    queues = openQueues(redis, prefix);
  });

  afterAll(async () => {
    await queues.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('job ids are the posting key, safe for BullMQ (no ":" and never an integer)', () => {
    expect(postingJobId('acme:4012345')).toBe('p-acme%3A4012345');
    expect(postingJobId('12')).toBe('p-12');
  });

  it('a posting already waiting is not queued twice', async () => {
    await enqueuePostings(queues.postings, [posting('1'), posting('2')], new Date());
    await enqueuePostings(queues.postings, [posting('1', 'Changed'), posting('3')], new Date());
    expect(await queues.postings.getWaitingCount()).toBe(3);
    const first = await queues.postings.getJob(postingJobId('acme:1'));
    expect(first?.data.posting.title).toBe('Data Engineer');
  });

  it('schedule upserts one scheduler per source and removes those of sources that are gone', async () => {
    const sources = parseSources(
      {
        sources: [
          { id: 'a', type: 'greenhouse', board: 'a', schedule: '0 */6 * * *' },
          { id: 'b', type: 'lever', board: 'b', schedule: '30 2 * * *', timezone: 'Europe/Berlin' },
        ],
      },
      'test',
    );
    expect(await syncSchedulers(queues.crawl, sources)).toEqual({
      upserted: ['a', 'b'],
      removed: [],
    });
    const lever = sources[1];
    if (lever === undefined) throw new Error('two sources were parsed');
    const changed = await syncSchedulers(queues.crawl, [{ ...lever, schedule: '0 3 * * *' }]);
    expect(changed).toEqual({ upserted: ['b'], removed: ['a'] });
    const schedulers = await queues.crawl.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([
      ['source-b', '0 3 * * *', 'Europe/Berlin'],
    ]);
  });

  it('waits for a crawl that finishes while it is being read, and reports what it returned', async () => {
    const [source] = parseSources(
      { sources: [{ id: 'race', type: 'greenhouse', board: 'race' }] },
      'test',
    );
    if (source === undefined) throw new Error('unreachable');
    // Queues of its own: waitForCrawls also waits for the postings queue to drain.
    const ownPrefix = uniquePrefix('race');
    const own = openQueues(redis, ownPrefix);
    const [jobId = ''] = await enqueueCrawls(own.crawl, [source], 'test');
    const connection = createRedis(testRedisUrl());
    // A worker without a processor: the test takes the job and finishes it by hand.
    const worker = new Worker(CRAWL_QUEUE, null, { connection, prefix: ownPrefix });
    const token = 'race-token';
    const active = await worker.getNextJob(token);
    expect(active?.id).toBe(jobId);
    const report = { source: 'race', pages: { ok: 1 } } as unknown as CrawlReport;
    let finished = false;
    // The crawl finishes just after waitForCrawls first reads its job, as a crawl worker may.
    const crawl = new Proxy(own.crawl, {
      get(target, property, receiver) {
        if (property !== 'getJob') return Reflect.get(target, property, receiver);
        return async (id: string) => {
          const job = await target.getJob(id);
          if (!finished) {
            finished = true;
            await active?.moveToCompleted(report, token, false);
          }
          return job;
        };
      },
    });
    try {
      const [outcome] = await waitForCrawls({ ...own, crawl }, [jobId], () => {}, 20);
      expect(finished).toBe(true);
      expect(outcome?.state).toBe('completed');
      expect(outcome?.report).toEqual(report);
    } finally {
      await worker.close();
      await connection.quit();
      await own.close();
      await deleteKeysUnder(redis, ownPrefix);
    }
  });
});

describe('finding a Redis', () => {
  it('uses REDIS_URL when it is set, without starting anything', async () => {
    const handle = await resolveRedis({
      redisUrl: 'redis://example.invalid:6379',
      dataDir: '/nonexistent',
    });
    expect(handle).toMatchObject({ url: 'redis://example.invalid:6379', origin: 'env' });
  });

  it('starts a redis-server with its data in the data folder, shares it, and stops it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobsift-redis-'));
    try {
      const started = await resolveRedis({ dataDir, probeDefaultPort: false, persist: false });
      expect(started.origin).toBe('managed');
      const port = Number(new URL(started.url).port);
      expect(await answersPing('127.0.0.1', port, 500)).toBe(true);
      const shared = await resolveRedis({ dataDir, probeDefaultPort: false });
      expect(shared).toMatchObject({ url: started.url, origin: 'shared' });
      await started.stop();
      expect(await answersPing('127.0.0.1', port, 500)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
