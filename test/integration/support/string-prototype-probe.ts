/**
 * Run by `string-prototype.test.ts` as `node --allow-natives-syntax --import tsx <this file>`
 * with REDIS_URL and JOBSIFT_PREFIX set: crawls the demo boards through a crawl worker and a
 * posting worker in this one process, then prints whether `String.prototype` still has fast
 * properties, as JSON on the last line of stdout.
 *
 * Why it matters: on Node 20, a module that subclasses String (`class X extends String`, as
 * ioredis 6's RESP3 decoder does) turns `String.prototype` into a dictionary, and from then on
 * every `charCodeAt` and `slice` in the process is several times slower. Extraction is made of
 * those: such a dependency would slow every worker without failing anything else.
 */

import { parseSources, quietCrawleeLogs } from '../../../src/crawl/index.js';
import { demoSources, startBoardServer } from '../../../src/demo/index.js';
import {
  deleteKeysUnder,
  startCrawlWorker,
  startPostingWorker,
  waitForCrawls,
} from '../../../src/pipeline/index.js';
import { createRedis, enqueueCrawls, openQueues } from '../../../src/queue/index.js';
import { loadRules } from '../../../src/rules/index.js';
import { statsTotals } from '../../../src/stats/index.js';

const redisUrl = process.env.REDIS_URL ?? '';
const prefix = process.env.JOBSIFT_PREFIX ?? '';
if (redisUrl === '' || prefix === '') throw new Error('REDIS_URL and JOBSIFT_PREFIX must be set');

quietCrawleeLogs();
const server = await startBoardServer();
const redis = createRedis(redisUrl);
const queues = openQueues(redis, prefix);
const settings = { redisUrl, prefix, concurrency: 4, lockDurationMs: 30_000 };
const workers = [
  startPostingWorker(settings, loadRules()),
  startCrawlWorker(settings, { backoffBaseMs: 50 }),
];
const sources = parseSources(
  { sources: demoSources(server.origin).map((s) => ({ ...s, maxRequestsPerMinute: 60_000 })) },
  'probe',
);
await waitForCrawls(queues, await enqueueCrawls(queues.crawl, sources, 'probe'));
const { postings } = await statsTotals(redis, prefix);
const hasFastProperties = new Function('return %HasFastProperties(String.prototype)');

await Promise.all(workers.map((worker) => worker.close()));
await queues.close();
await deleteKeysUnder(redis, prefix);
await redis.quit();
await server.close();
console.log(JSON.stringify({ postings, fastStringPrototype: hasFastProperties() }));
