import { Worker } from 'bullmq';
import { type Logger, silentLogger } from '../log/index.js';
import { createRedis, POSTINGS_QUEUE, type PostingJobData } from '../queue/index.js';
import type { CompiledRules } from '../rules/index.js';
import { countProcessing } from '../stats/index.js';
import { createPostingProcessor, type ProcessResult } from './process-posting.js';
import { logPostingEvents } from './worker-events.js';

export interface WorkerSettings {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  /** The lock of a crawl job; default the larger of `lockDurationMs` and 60 s. */
  crawlLockDurationMs?: number;
  /** Days a posting's summary is kept after it was last seen; absent: for ever. */
  postingsRetentionDays?: number | undefined;
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
    createPostingProcessor({
      redis: statsRedis,
      prefix: settings.prefix,
      rules,
      retentionDays: settings.postingsRetentionDays,
    }),
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
  // For GET /metrics; a lost count is no reason to fail or slow a job.
  const seconds = (job: { processedOn?: number | undefined }) =>
    job.processedOn === undefined ? 0 : (Date.now() - job.processedOn) / 1000;
  worker.on('completed', (job, result) => {
    void countProcessing(statsRedis, settings.prefix, result.outcome, seconds(job)).catch(() => {});
  });
  worker.on('failed', (job) => {
    if (job === undefined) return;
    void countProcessing(statsRedis, settings.prefix, 'failed', seconds(job)).catch(() => {});
  });
  logPostingEvents(worker, settings.log ?? silentLogger, settings.onFinished);
  return {
    close: async () => {
      await worker.close();
      await Promise.allSettled([statsRedis.quit(), connection.quit()]);
    },
  };
}
