import { plural } from '../format.js';
import type { Logger } from '../log/index.js';
import type { Queues } from '../queue/index.js';

/** Jobs finished by this command's workers since it started. */
export interface FinishedCounts {
  postings: { completed: number; failed: number };
  crawls: { completed: number; failed: number };
}

export function newFinishedCounts(): FinishedCounts {
  return { postings: { completed: 0, failed: 0 }, crawls: { completed: 0, failed: 0 } };
}

export interface Summaries {
  /** Logs one summary now (the timer calls it; a tick still waiting on Redis is not doubled). */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Every `intervalMs`, one line: postings processed and failed since the last line, the rate,
 * the totals since start, and the depths of both queues. An interval of 0 logs none.
 */
export function startSummaries(options: {
  queues: Queues;
  counts: FinishedCounts;
  intervalMs: number;
  log: Logger;
  now?: () => number;
}): Summaries {
  const { queues, counts, log } = options;
  const now = options.now ?? Date.now;
  let last = { at: now(), processed: 0, failed: 0 };
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const [postings, crawl] = await Promise.all([
        queues.postings.getJobCounts('waiting', 'active', 'delayed', 'failed'),
        queues.crawl.getJobCounts('waiting', 'active', 'delayed'),
      ]);
      const at = now();
      const processed = counts.postings.completed + counts.postings.failed;
      const failed = counts.postings.failed;
      const seconds = Math.max((at - last.at) / 1000, 0.001);
      const recent = { processed: processed - last.processed, failed: failed - last.failed };
      const rate = Math.round((recent.processed / seconds) * 10) / 10;
      last = { at, processed, failed };
      log.info(
        {
          event: 'summary',
          seconds: Math.round(seconds * 10) / 10,
          processed: recent.processed,
          failed: recent.failed,
          rate,
          total: {
            processed,
            failed,
            crawls: counts.crawls.completed,
            crawlsFailed: counts.crawls.failed,
          },
          queues: { postings, crawl },
        },
        `last ${Math.round(seconds)} s: ${plural(recent.processed, 'posting')} processed, ${recent.failed} failed, ${rate}/s; since start ${processed} processed, ${failed} failed, ${plural(counts.crawls.completed, 'crawl')} done, ${counts.crawls.failed} failed; queued postings ${postings.waiting ?? 0} waiting, ${postings.active ?? 0} active, ${postings.delayed ?? 0} delayed, ${postings.failed ?? 0} failed; crawls ${crawl.waiting ?? 0} waiting, ${crawl.active ?? 0} active, ${crawl.delayed ?? 0} delayed`,
      );
    } catch {
      // Redis is away: the outage has its own line, and the next tick tries again.
    } finally {
      running = false;
    }
  };
  const timer =
    options.intervalMs > 0 ? setInterval(() => void tick(), options.intervalMs) : undefined;
  timer?.unref();
  return { tick, stop: () => clearInterval(timer) };
}
