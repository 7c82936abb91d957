import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type CrawlReport,
  parseSources,
  quietCrawleeLogs,
  type SourceConfig,
} from '../../src/crawl/index.js';
import { type BoardServer, demoSources, startBoardServer } from '../../src/demo/index.js';
import { createCrawlProcessor, deleteKeysUnder, waitForCrawls } from '../../src/pipeline/index.js';
import {
  CRAWL_QUEUE,
  type CrawlJobData,
  connectRedis,
  createRedis,
  enqueueCrawls,
  openQueues,
  outageMessage,
  type Queues,
  reportOutages,
} from '../../src/queue/index.js';
import { startRedisServer } from '../../src/queue/local-redis.js';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

// Faults an operator meets: workers killed mid-job, boards that misbehave. Real Redis, real
// HTTP to the local board server, real worker processes where a test kills one.

/** Postings on the demo Lever board, fixtures/boards/lever/globex.json. */
const LEVER_POSTINGS = 25;

const childEntry = fileURLToPath(new URL('./support/crawl-worker-child.ts', import.meta.url));

let server: BoardServer;
let redis: Redis;
let queues: Queues;
let prefix: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  quietCrawleeLogs();
  server = await startBoardServer();
  prefix = uniquePrefix('faults');
  redis = createRedis(testRedisUrl());
  queues = openQueues(redis, prefix);
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await queues.close();
  await deleteKeysUnder(redis, prefix);
  await redis.quit();
  await server.close();
});

function demo(id: string): SourceConfig {
  const raw = demoSources(server.origin).find((s) => s.id === id);
  if (raw === undefined) throw new Error(`no demo source ${id}`);
  const [source] = parseSources({ sources: [{ ...raw, maxRequestsPerMinute: 60_000 }] }, 'test');
  if (source === undefined) throw new Error('no source parsed');
  return source;
}

/** A crawl worker process with a 2-second lock, so that a killed one is noticed quickly. */
async function startCrawlWorkerProcess(): Promise<ChildProcess> {
  const child = fork(childEntry, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      REDIS_URL: testRedisUrl(),
      JOBSIFT_PREFIX: prefix,
      JOBSIFT_LOCK_MS: '2000',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`crawl worker exited (code ${code})`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Resolves once the board server has received `count` requests under `path`. */
async function requestsArrived(path: string, count: number): Promise<void> {
  while (server.requests.filter((r) => r.path.startsWith(path)).length < count) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A crawl job once it has completed or failed for good (no posting worker is needed). */
async function finished(
  jobId: string,
): Promise<{ state: string; error?: string; report?: CrawlReport }> {
  for (;;) {
    const job = await queues.crawl.getJob(jobId);
    const state = (await job?.getState()) ?? 'missing';
    if (state === 'completed') return { state, report: job?.returnvalue as CrawlReport };
    if (state === 'failed' || state === 'missing') {
      return { state, ...(job?.failedReason === undefined ? {} : { error: job.failedReason }) };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a crawl whose worker dies', () => {
  it('is taken up again after two worker deaths and completes', async () => {
    const source = demo('globex');
    const boardPath = '/v0/postings/globex';
    // The first two workers each get a first page that never comes: they are killed waiting.
    const hang = { status: 200, body: '[]', delayMs: 60_000 };
    server.fail(boardPath, [hang, hang]);
    const [jobId = ''] = await enqueueCrawls(queues.crawl, [source], 'test');

    for (const death of [1, 2]) {
      const worker = await startCrawlWorkerProcess();
      await requestsArrived(boardPath, death);
      await kill(worker);
    }
    await startCrawlWorkerProcess();

    const outcome = await finished(jobId);
    expect(outcome.error).toBeUndefined();
    expect(outcome.state).toBe('completed');
    expect(outcome.report?.postings.found).toBe(LEVER_POSTINGS);
  }, 60_000);
});

describe('a crawl with a page that keeps failing', () => {
  it('fails its job once the page has used its retries, after queueing the pages that worked', async () => {
    const errorPage = {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html><body>Bad gateway</body></html>',
    };
    const items = Array.from({ length: 130 }, (_, i) => ({
      id: `item-${i}`,
      text: 'Data Engineer',
      descriptionPlain: 'Airflow and SQL.',
    }));
    server.setBoard('lever', 'globex', items);
    server.fail('/v0/postings/globex?mode=json&skip=100&', [errorPage, errorPage]);
    const processor = createCrawlProcessor({
      postings: queues.postings,
      crawlOptions: { maxRetries: 1, backoffBaseMs: 20 },
    });
    const job = { data: { source: demo('globex') }, updateProgress: async () => {} };

    await expect(processor(job as unknown as Job<CrawlJobData>)).rejects.toThrow(
      /crawl of "globex" incomplete: 1 page still failing after retries \(response of .* is not JSON: .*\(after 2 attempts\)\)/,
    );
    expect(await queues.postings.getWaitingCount()).toBe(100);
  });
});

describe('a Redis restart while a command waits', () => {
  it('reconnects with backoff, says so once each way, and the wait carries on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobsift-restart-'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let own = await startRedisServer(dataDir, true);
    const port = Number(new URL(own.url).port);
    const lines: string[] = [];
    const client = await connectRedis(own.url);
    reportOutages(client, own.url, (event) => lines.push(`jobsift: ${outageMessage(event)}\n`));
    const ownQueues = openQueues(client, prefix);
    try {
      const [jobId = ''] = await enqueueCrawls(ownQueues.crawl, [demo('acme')], 'test');
      const waiting = waitForCrawls(ownQueues, [jobId], () => {}, 50);

      await own.stop();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      own = await startRedisServer(dataDir, true, port);

      // A worker that appears after the restart finishes the crawl job.
      const workerConnection = createRedis(own.url);
      const worker = new Worker(CRAWL_QUEUE, async () => ({ done: true }), {
        connection: workerConnection,
        prefix,
      });
      const [outcome] = await waiting;
      await worker.close();
      await workerConnection.quit();

      expect(outcome?.state).toBe('completed');
      expect(lines).toEqual([
        expect.stringMatching(
          /^jobsift: lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+.*; reconnecting\n$/,
        ),
        expect.stringMatching(
          /^jobsift: reconnected to Redis at redis:\/\/127\.0\.0\.1:\d+ after \d+\.\d s\n$/,
        ),
      ]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      await ownQueues.close();
      await client.quit().catch(() => {});
      await own.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
