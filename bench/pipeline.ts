/**
 * `npm run bench` (second part): the whole pipeline, from a local Greenhouse board of 6,000
 * postings through a real `jobsift worker` (its crawl worker, the postings queue and its process
 * workers) to recorded stats, next to the ceiling of a no-op BullMQ worker measured in the same
 * run on the same Redis. After a warm-up pass of each, both alternate over BENCH_PIPELINE_ROUNDS
 * rounds (3); medians are reported, and the peak RSS of the worker parent and of each process
 * worker over the whole run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'bullmq';
import { parseGreenhouseBoard, parseSources, quietCrawleeLogs } from '../src/crawl/index.js';
import { startBoardServer, syntheticGreenhouseBoard } from '../src/demo/index.js';
import { deleteKeysUnder, waitForCrawls } from '../src/pipeline/index.js';
import {
  createRedis,
  enqueueCrawls,
  enqueuePostings,
  openQueues,
  POSTINGS_QUEUE,
  type RedisHandle,
  startRedisServer,
} from '../src/queue/index.js';
import { statsTotals } from '../src/stats/index.js';
import { watchMemory } from './process-memory.js';
import { median } from './rounds.js';

const POSTINGS = 6_000;
const processes = availableParallelism();
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

quietCrawleeLogs();
let handle: RedisHandle | undefined;
let dataDir: string | undefined;
let redisUrl = process.env.REDIS_URL ?? '';
if (redisUrl === '') {
  dataDir = mkdtempSync(join(tmpdir(), 'jobsift-bench-redis-'));
  handle = await startRedisServer(dataDir, false);
  redisUrl = handle.url;
}
const redis = createRedis(redisUrl);
const board = syntheticGreenhouseBoard(POSTINGS, 42);
const server = await startBoardServer({ boards: { greenhouse: { synthetic: board } } });
const [source] = parseSources(
  {
    sources: [
      {
        id: 'synthetic',
        type: 'greenhouse',
        board: 'synthetic',
        baseUrl: server.origin,
        maxPostings: POSTINGS,
      },
    ],
  },
  'bench',
);
if (source?.type !== 'greenhouse') throw new Error('unreachable');
const boardSource = source;
const { postings } = parseGreenhouseBoard(board, { source, url: server.origin });
const megabytes = JSON.stringify(board).length / 1e6;

console.log(
  `\npipeline: ${POSTINGS} postings (${megabytes.toFixed(1)} MB board), ${processes} cores, Redis ${handle ? 'started for the bench' : 'REDIS_URL'}`,
);

// Ceiling: the same posting payloads through BullMQ with a worker that does nothing.
async function measureCeiling(): Promise<number> {
  const prefix = 'bench-noop';
  await deleteKeysUnder(redis, prefix);
  const queues = openQueues(redis, prefix);
  let done = 0;
  // BullMQ leaves a connection it was given open: it is closed here, or it would keep
  // reconnecting after the bench's redis-server stops, and the bench would never exit.
  const workerConnection = createRedis(redisUrl);
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker(POSTINGS_QUEUE, async () => {}, {
      connection: workerConnection,
      prefix,
      concurrency: 50,
    });
    worker.on('completed', () => {
      done += 1;
      if (done === postings.length) void worker.close().then(resolve);
    });
  });
  const started = performance.now();
  await enqueuePostings(queues.postings, postings, new Date());
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await queues.close();
  await workerConnection.quit();
  await deleteKeysUnder(redis, prefix);
  return postings.length / seconds;
}

// The pipeline: crawl worker + one process worker per core, to recorded stats. The workers are
// started once and kept across rounds, as `jobsift worker` runs: a round measures workers in
// their steady state, not their start (loading rules, compiling the code as it first runs).
const PIPELINE_PREFIX = 'bench-pipeline';
await deleteKeysUnder(redis, PIPELINE_PREFIX);
const worker = spawn(
  process.execPath,
  [
    new URL('../bin/jobsift.js', import.meta.url).pathname,
    'worker',
    '--processes',
    String(processes),
    '--concurrency',
    String(concurrency),
    '--log-format',
    'json',
  ],
  {
    env: {
      ...process.env,
      REDIS_URL: redisUrl,
      JOBSIFT_PREFIX: PIPELINE_PREFIX,
      JOBSIFT_SUMMARY_SECS: '0',
      JOBSIFT_LOG_LEVEL: 'info',
      // Node flags for `jobsift worker` (its process workers inherit them through the environment),
      // e.g. BENCH_WORKER_NODE_OPTIONS=--max-old-space-size=160.
      ...(process.env.BENCH_WORKER_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS }
        : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let workerLog = '';
await new Promise<void>((resolve, reject) => {
  worker.stderr.on('data', (chunk: Buffer) => {
    workerLog += chunk.toString();
    if (workerLog.includes('"event":"started"')) resolve();
  });
  worker.once('exit', (code) =>
    reject(new Error(`jobsift worker exited (code ${code}): ${workerLog}`)),
  );
});
const memory = watchMemory(worker.pid ?? 0);

async function measurePipeline(): Promise<{ rate: number; crawlSeconds: number; ok: boolean }> {
  await deleteKeysUnder(redis, PIPELINE_PREFIX);
  const queues = openQueues(redis, PIPELINE_PREFIX);
  const started = performance.now();
  const jobIds = await enqueueCrawls(queues.crawl, [boardSource], 'bench');
  let crawlSeconds = 0;
  const outcomes = await waitForCrawls(
    queues,
    jobIds,
    (progress) => {
      if (crawlSeconds === 0 && progress.crawlsDone === progress.crawls) {
        crawlSeconds = (performance.now() - started) / 1000;
      }
    },
    50,
  );
  const seconds = (performance.now() - started) / 1000;
  const totals = await statsTotals(redis, PIPELINE_PREFIX);
  const recorded = totals.postings + totals.duplicates + totals.failed;
  const ok = outcomes[0]?.state === 'completed' && recorded === POSTINGS;
  if (!ok) console.log(`WARNING: crawl ${outcomes[0]?.state}, recorded ${recorded} of ${POSTINGS}`);
  await queues.close();
  return { rate: recorded / seconds, crawlSeconds, ok };
}

// Other tenants of this machine move a single run by ±15%: the ceiling and the pipeline
// alternate over a few rounds, each round's ratio is taken, and the medians are reported.
const ROUNDS = Number(process.env.BENCH_PIPELINE_ROUNDS ?? 3);
const rounds: { ceiling: number; rate: number; crawlSeconds: number }[] = [];
const warmUp = { ceiling: await measureCeiling(), pipeline: await measurePipeline() };
console.log(
  `  warm-up (not counted): no-op ceiling ${warmUp.ceiling.toFixed(0)} jobs/s, pipeline ${warmUp.pipeline.rate.toFixed(0)} postings/s`,
);
for (let round = 1; round <= ROUNDS; round++) {
  const ceiling = await measureCeiling();
  const { rate, crawlSeconds } = await measurePipeline();
  rounds.push({ ceiling, rate, crawlSeconds });
  console.log(
    `  round ${round}: no-op ceiling ${ceiling.toFixed(0)} jobs/s, pipeline ${rate.toFixed(0)} postings/s (crawl and queueing done after ${crawlSeconds.toFixed(2)} s), ratio ${(rate / ceiling).toFixed(2)}`,
  );
}
console.log(
  `no-op BullMQ ceiling (add + process, concurrency 50): ${median(rounds.map((r) => r.ceiling)).toFixed(0)} jobs/s (median of ${ROUNDS})`,
);
console.log(
  `pipeline (crawl → queue → ${processes} process workers × ${concurrency} → stats): ${median(rounds.map((r) => r.rate)).toFixed(0)} postings/s (median of ${ROUNDS}; target ≥ 1,000)`,
);
console.log(
  `ratio to the no-op ceiling: ${median(rounds.map((r) => r.rate / r.ceiling)).toFixed(2)} (median of ${ROUNDS}; target ≥ 0.3)`,
);

const peaks = memory.report();
memory.stop();
const within = (mb: number, target: number) =>
  `${mb.toFixed(0)} MB (target ≤ ${target} MB${mb <= target ? '' : ', missed'})`;
console.log(`peak RSS, jobsift worker parent (crawl worker, queues): ${within(peaks.parent, 250)}`);
console.log(
  `peak RSS, process workers: ${peaks.children.map((child) => within(child.peak, 150)).join('; ')}`,
);
await new Promise((resolve) => {
  worker.once('exit', resolve);
  worker.kill('SIGTERM');
});
await deleteKeysUnder(redis, PIPELINE_PREFIX);
await redis.quit();
await server.close();
await handle?.stop();
if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
