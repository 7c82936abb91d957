import { Worker } from 'bullmq';
import type { CrawlOptions, CrawlReport } from '../crawl/index.js';
import { createNearDuplicateIndex, quietCrawleeLogs } from '../crawl/index.js';
import { silentLogger } from '../log/index.js';
import { CRAWL_QUEUE, type CrawlJobData, createRedis, openQueues } from '../queue/index.js';
import { countCrawl } from '../stats/index.js';
import { createCrawlProcessor } from './crawl-job.js';
import { redisNearDuplicateStore } from './near-duplicate-store.js';
import { redisPageMemory } from './page-memory-store.js';
import { MAX_STALLED_COUNT, type RunningWorker, type WorkerSettings } from './posting-worker.js';
import { withdrawUnlisted } from './withdraw-unlisted.js';
import { logCrawlEvents } from './worker-events.js';

/** A BullMQ worker on the crawl queue: a few crawls at once, each polite to its own site. */
export function startCrawlWorker(
  settings: WorkerSettings,
  crawlOptions: Omit<CrawlOptions, 'onPostings' | 'pageMemory'> = {},
): RunningWorker {
  quietCrawleeLogs();
  // A crawl can run for minutes; its lock is renewed while it runs.
  const lockDuration = settings.crawlLockDurationMs ?? Math.max(settings.lockDurationMs, 60_000);
  const connection = createRedis(settings.redisUrl);
  const queueConnection = createRedis(settings.redisUrl);
  const queues = openQueues(queueConnection, settings.prefix);
  const worker = new Worker<CrawlJobData, CrawlReport>(
    CRAWL_QUEUE,
    createCrawlProcessor({
      postings: queues.postings,
      crawlOptions: {
        nearDuplicates: createNearDuplicateIndex(
          redisNearDuplicateStore(queueConnection, settings.prefix),
        ),
        ...crawlOptions,
      },
      pageMemory: (sourceId) => redisPageMemory(queueConnection, settings.prefix, sourceId),
      withdrawUnlisted: (sourceId, listed) =>
        withdrawUnlisted(queueConnection, settings.prefix, queues.postings, sourceId, listed),
    }),
    {
      connection,
      prefix: settings.prefix,
      concurrency: Math.min(settings.concurrency, 4),
      lockDuration,
      stalledInterval: lockDuration,
      // A crawl survives worker deaths as a posting job does; it resumes from its first page.
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
  worker.on('error', () => {});
  // For GET /metrics; a lost count is no reason to fail a crawl.
  worker.on('completed', (job, report) => {
    void countCrawl(
      queueConnection,
      settings.prefix,
      job.data.source.id,
      'completed',
      report.pages,
    ).catch(() => {});
  });
  worker.on('failed', (job) => {
    if (job === undefined || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    void countCrawl(
      queueConnection,
      settings.prefix,
      String(job.data?.source?.id ?? job.name),
      'failed',
    ).catch(() => {});
  });
  logCrawlEvents(worker, settings.log ?? silentLogger, settings.onFinished);
  return {
    close: async () => {
      await worker.close();
      await queues.close();
      await Promise.allSettled([connection.quit(), queueConnection.quit()]);
    },
  };
}
