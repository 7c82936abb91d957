import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSources } from '../../src/crawl/index.js';
import { type BoardServer, demoSources, startBoardServer } from '../../src/demo/index.js';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import {
  createRedis,
  enqueueCrawls,
  enqueuePostings,
  openQueues,
  type Queues,
  type RedisHandle,
  startRedisServer,
} from '../../src/queue/index.js';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

// What `jobsift worker` and `jobsift up` say while they run: the real command against a real
// redis-server, a local fake board and a closed port, in human and in JSON form.

const root = new URL('../..', import.meta.url).pathname;

let server: BoardServer;
let dir: string;
let prefix: string;
let deadPort: number;
const running: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** A port nothing listens on: bound once, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

beforeEach(async () => {
  server = await startBoardServer();
  dir = mkdtempSync(join(tmpdir(), 'jobsift-log-'));
  prefix = uniquePrefix('log');
  deadPort = await closedPort();
  writeFileSync(
    join(dir, 'sources.yaml'),
    [
      'sources:',
      '  - id: acme',
      '    type: greenhouse',
      '    board: acme',
      `    baseUrl: ${server.origin}`,
      '    maxRequestsPerMinute: 6000',
      '  - id: dead',
      '    type: greenhouse',
      '    board: dead',
      `    baseUrl: http://127.0.0.1:${deadPort}`,
      '',
    ].join('\n'),
  );
});

afterEach(async () => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A jobsift command whose stderr lines are collected; `until` waits for one that matches. */
function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [`${root}bin/jobsift.js`, ...args], {
    cwd: dir,
    env: { ...process.env, JOBSIFT_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const line = stderr.split('\n').find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    check();
  });
  return {
    child,
    lines: () => stderr.split('\n').filter(Boolean),
    until: (pattern: RegExp) =>
      new Promise<string>((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
    stop: async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function queuesOn(url: string): Promise<{ redis: Redis; queues: Queues }> {
  const redis = createRedis(url);
  const queues = openQueues(redis, prefix);
  cleanups.push(async () => {
    await queues.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });
  return { redis, queues };
}

function sourcesOf(ids: string[]) {
  const all = parseSources(
    {
      sources: [
        ...demoSources(server.origin)
          .filter((s) => s.id === 'acme')
          .map((s) => ({ ...s, maxRequestsPerMinute: 6000 })),
        { id: 'dead', type: 'greenhouse', board: 'dead', baseUrl: `http://127.0.0.1:${deadPort}` },
      ],
    },
    'test',
  );
  return all.filter((source) => ids.includes(source.id));
}

/** A posting that fails for good: no description text. */
const emptyPosting = {
  key: 'acme:empty-1',
  source: 'acme',
  sourceId: 'empty-1',
  title: 'Data Engineer',
  descriptionText: '   ',
};

describe('jobsift worker says what it does', () => {
  it('in human lines: finished crawls, an unreachable board, a failed job, a summary', async () => {
    const url = testRedisUrl();
    const { queues } = await queuesOn(url);
    const worker = start(['worker', '--processes', '1'], {
      REDIS_URL: url,
      JOBSIFT_PREFIX: prefix,
      JOBSIFT_SUMMARY_SECS: '1',
    });
    await worker.until(/process worker\(s\) × 16 jobs and a crawl worker/);
    await enqueueCrawls(queues.crawl, sourcesOf(['acme', 'dead']), 'test');
    await enqueuePostings(queues.postings, [emptyPosting], new Date());

    const time = '\\d\\d:\\d\\d:\\d\\d';
    expect(await worker.until(/crawl acme finished/)).toMatch(
      new RegExp(
        `^${time} INFO  crawl acme finished: 1 page, 25 postings, 0 failures, \\d+(\\.\\d)? s$`,
      ),
    );
    // Within seconds, naming the source and the host; and again while it retries.
    expect(await worker.until(/board dead unreachable/)).toMatch(
      new RegExp(
        `^${time} WARN  board dead unreachable: cannot reach 127\\.0\\.0\\.1:${deadPort}: connection refused \\(ECONNREFUSED\\); retrying$`,
      ),
    );
    expect(await worker.until(/crawl dead failed/)).toMatch(
      new RegExp(
        `^${time} WARN  crawl dead failed \\(attempt 1 of 3; retried later\\): crawl of "dead" failed: 0 pages ok, 1 failed \\(cannot reach 127\\.0\\.0\\.1:${deadPort}: connection refused \\(ECONNREFUSED\\) \\(after 4 attempts\\)\\)$`,
      ),
    );
    expect(await worker.until(/posting acme:empty-1/)).toMatch(
      new RegExp(
        `^${time} WARN  posting acme:empty-1 failed \\(attempt 1 of 5, no more\\): posting has no description text$`,
      ),
    );
    expect(await worker.until(/since start 26 processed/)).toMatch(
      new RegExp(
        `^${time} INFO  last \\d+ s: \\d+ postings? processed, \\d+ failed, [\\d.]+/s; since start 26 processed, 1 failed, 1 crawl done, 0 failed; queued postings 0 waiting, 0 active, 0 delayed, 1 failed; crawls \\d+ waiting, \\d+ active, \\d+ delayed$`,
      ),
    );
    expect(await worker.stop()).toBe(0);
    const unreachable = worker.lines().filter((line) => /unreachable/.test(line));
    // One line at the first failure and then about one a second, never one per request.
    expect(unreachable.length).toBeLessThanOrEqual(4);
    expect(
      worker.lines().every((line) => new RegExp(`^${time} (INFO |WARN |ERROR) `).test(line)),
    ).toBe(true);
  }, 60_000);

  it('in JSON lines, with one line each way for a Redis restart', async () => {
    const redisDir = mkdtempSync(join(tmpdir(), 'jobsift-log-redis-'));
    let own: RedisHandle = await startRedisServer(redisDir, true);
    const port = Number(new URL(own.url).port);
    cleanups.push(async () => {
      await own.stop();
      rmSync(redisDir, { recursive: true, force: true });
    });
    const { queues } = await queuesOn(own.url);
    const up = start(
      ['up', '--processes', '1', '--log-format', 'json', '--sources', 'sources.yaml'],
      {
        REDIS_URL: own.url,
        JOBSIFT_PREFIX: prefix,
        JOBSIFT_SUMMARY_SECS: '0',
      },
    );
    await up.until(/"event":"started"/);
    await enqueueCrawls(queues.crawl, sourcesOf(['acme']), 'test');
    await up.until(/"event":"crawl.finished"/);

    await own.stop();
    await up.until(/"event":"redis.lost"/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    own = await startRedisServer(redisDir, true, port);
    await up.until(/"event":"redis.back"/);
    expect(await up.stop()).toBe(0);

    const records = up.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    const events = records.map((record) => record.event);
    expect(events.slice(0, 2)).toEqual(['schedules', 'started']);
    expect(events.filter((event) => event === 'redis.lost')).toHaveLength(1);
    expect(events.filter((event) => event === 'redis.back')).toHaveLength(1);
    expect(records.find((record) => record.event === 'schedules')).toMatchObject({
      level: 'info',
      upserted: ['acme', 'dead'],
    });
    expect(records.find((record) => record.event === 'crawl.finished')).toMatchObject({
      level: 'info',
      source: 'acme',
      pages: { ok: 1 },
      postings: { found: 25 },
      failures: 0,
      complete: true,
      msg: expect.stringMatching(/^crawl acme finished: 1 page, 25 postings, 0 failures/),
    });
    expect(records.find((record) => record.event === 'redis.lost')).toMatchObject({
      level: 'warn',
      url: own.url,
      msg: expect.stringMatching(/^lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+/),
    });
    for (const record of records) {
      expect(record).toMatchObject({ time: expect.any(String), pid: expect.any(Number) });
    }
  }, 60_000);
});

describe('jobsift up', () => {
  it('serves the API and the dashboard on the numbers its own workers record', async () => {
    const url = testRedisUrl();
    const { queues } = await queuesOn(url);
    const up = start(['up', '--processes', '1', '--port', '0', '--sources', 'sources.yaml'], {
      REDIS_URL: url,
      JOBSIFT_PREFIX: prefix,
    });
    const listening = await up.until(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const origin = /(http:\/\/127\.0\.0\.1:\d+)/.exec(listening)?.[1] ?? '';
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);

    await enqueueCrawls(queues.crawl, sourcesOf(['acme']), 'test');
    await up.until(/crawl acme finished/);
    let postings = 0;
    for (let attempt = 0; attempt < 100 && postings < 25; attempt++) {
      const roles = (await (await fetch(`${origin}/v1/stats/roles`)).json()) as {
        postings: number;
      };
      postings = roles.postings;
      if (postings < 25) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(postings).toBe(25);
    const sources = (await (await fetch(`${origin}/v1/stats/sources`)).json()) as {
      sources: { id: string; postings: number }[];
    };
    expect(sources.sources.find((s) => s.id === 'acme')?.postings).toBe(25);
    expect(await up.stop()).toBe(0);
  }, 60_000);
});
