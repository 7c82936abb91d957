import { Worker } from 'bullmq';
import { type Logger, silentLogger } from '../log/index.js';
import { createRedis, POSTINGS_QUEUE, type PostingJobData } from '../queue/index.js';
import type { CompiledRules } from '../rules/index.js';
import { createPostingProcessor, type ProcessResult } from './process-posting.js';
import { logPostingEvents } from './worker-events.js';

export interface WorkerSettings {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  /** The lock of a crawl job; default the larger of `lockDurationMs` and 60 s. */
  crawlLockDurationMs?: number;
  /** Where the worker says what failed (and, for crawls, what finished); default silent. */
  log?: Logger;
  /** Called when a job completes or fails for good (counts for the summary). */
  onFinished?: (outcome: 'completed' | 'failed') => void;
}

/**
 * How many times a job may be found with its worker gone (lock expired: the process was killed
 * or hung) and be taken up again before it fails for good. BullMQ's default is 1.
 */
export const MAX_STALLED_COUNT = 3;

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
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
  worker.on('error', () => {});
  logPostingEvents(worker, settings.log ?? silentLogger, settings.onFinished);
  return {
    close: async () => {
      await worker.close();
      await Promise.allSettled([statsRedis.quit(), connection.quit()]);
    },
  };
}
