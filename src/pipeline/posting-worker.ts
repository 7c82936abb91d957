import { Worker } from 'bullmq';
import { createRedis, POSTINGS_QUEUE, type PostingJobData } from '../queue/index.js';
import type { CompiledRules } from '../rules/index.js';
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
