/**
 * A crawl worker in its own process, for tests that kill it: `node --import tsx <this file>`
 * with REDIS_URL, JOBSIFT_PREFIX and JOBSIFT_LOCK_MS set. Says `ready` over IPC once started.
 */
import { startCrawlWorker } from '../../../src/pipeline/index.js';

const redisUrl = process.env.REDIS_URL ?? '';
const prefix = process.env.JOBSIFT_PREFIX ?? '';
const lockMs = Number(process.env.JOBSIFT_LOCK_MS ?? '1000');
if (redisUrl === '' || prefix === '') throw new Error('REDIS_URL and JOBSIFT_PREFIX must be set');

const worker = startCrawlWorker(
  { redisUrl, prefix, concurrency: 1, lockDurationMs: lockMs, crawlLockDurationMs: lockMs },
  { backoffBaseMs: 50 },
);
process.once('SIGTERM', () => {
  void worker.close().then(() => process.exit(0));
});
process.send?.('ready');
