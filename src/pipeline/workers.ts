import { Worker } from 'bullmq';
import type { CrawlOptions, CrawlReport } from '../crawl/index.js';
import { quietCrawleeLogs } from '../crawl/index.js';
import {
  CRAWL_QUEUE,
  type CrawlJobData,
  createRedis,
  openQueues,
  POSTINGS_QUEUE,
  type PostingJobData,
} from '../queue/index.js';
import type { CompiledRules } from '../rules/index.js';
import { createCrawlProcessor } from './crawl-job.js';
import { createPostingProcessor, type ProcessResult } from './process-posting.js';

export interface WorkerSettings {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
}

export interface RunningWorker {
  /** Finishes the jobs in hand, takes no new ones, closes connections. */
  close(): Promise<void>;
}

/** A BullMQ worker on the postings queue, processing in this process. */
export function startPostingWorker(settings: WorkerSettings, rules: CompiledRules): RunningWorker {
  const statsRedis = createRedis(settings.redisUrl);
  const connection = createRedis(settings.redisUrl);
  const worker = new Worker<PostingJobData, ProcessResult>(
    POSTINGS_QUEUE,
    createPostingProcessor({ redis: statsRedis, prefix: settings.prefix, rules }),
    {
      connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockDurationMs,
      stalledInterval: settings.lockDurationMs,
      maxStalledCount: 3,
    },
  );
  worker.on('error', () => {});
  return {
    close: async () => {
      await worker.close();
      await Promise.allSettled([statsRedis.quit(), connection.quit()]);
    },
  };
}

/** A BullMQ worker on the crawl queue: a few crawls at once, each polite to its own site. */
export function startCrawlWorker(
  settings: WorkerSettings,
  crawlOptions: Omit<CrawlOptions, 'onPostings'> = {},
): RunningWorker {
  quietCrawleeLogs();
  const connection = createRedis(settings.redisUrl);
  const queueConnection = createRedis(settings.redisUrl);
  const queues = openQueues(queueConnection, settings.prefix);
  const worker = new Worker<CrawlJobData, CrawlReport>(
    CRAWL_QUEUE,
    createCrawlProcessor({ postings: queues.postings, crawlOptions }),
    {
      connection,
      prefix: settings.prefix,
      concurrency: Math.min(settings.concurrency, 4),
      // A crawl can run for minutes; its lock is renewed while it runs.
      lockDuration: Math.max(settings.lockDurationMs, 60_000),
    },
  );
  worker.on('error', () => {});
  return {
    close: async () => {
      await worker.close();
      await queues.close();
      await Promise.allSettled([connection.quit(), queueConnection.quit()]);
    },
  };
}
