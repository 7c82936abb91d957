import { setTimeout as sleep } from 'node:timers/promises';
import type { CrawlReport } from '../crawl/index.js';
import type { Queues } from '../queue/index.js';

export interface CrawlOutcome {
  source: string;
  jobId: string;
  state: 'completed' | 'failed' | 'missing';
  report?: CrawlReport;
  error?: string;
}

export interface WaitProgress {
  crawlsDone: number;
  crawls: number;
  postingsLeft: number;
}

/**
 * Waits until the crawl jobs have finished (completed, or failed for good) and the postings
 * queue holds nothing waiting, delayed or active, calling `onProgress` every poll.
 */
export async function waitForCrawls(
  queues: Queues,
  jobIds: readonly string[],
  onProgress: (progress: WaitProgress) => void = () => {},
  pollMs = 200,
): Promise<CrawlOutcome[]> {
  for (;;) {
    const outcomes: CrawlOutcome[] = [];
    let pending = 0;
    for (const jobId of jobIds) {
      // The state first: a job read before it finished has no return value yet, and one that
      // finished between the two reads would be reported completed with no report.
      const state = await queues.crawl.getJobState(jobId);
      const job = await queues.crawl.getJob(jobId);
      if (state === 'unknown' || job === undefined) {
        outcomes.push({ source: '?', jobId, state: 'missing' });
        continue;
      }
      if (state === 'completed') {
        outcomes.push({ source: job.name, jobId, state, report: job.returnvalue as CrawlReport });
      } else if (state === 'failed') {
        outcomes.push({ source: job.name, jobId, state, error: job.failedReason });
      } else {
        pending += 1;
      }
    }
    const counts = await queues.postings.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'prioritized',
      'waiting-children',
    );
    const postingsLeft = Object.values(counts).reduce((sum, n) => sum + n, 0);
    onProgress({ crawlsDone: jobIds.length - pending, crawls: jobIds.length, postingsLeft });
    if (pending === 0 && postingsLeft === 0) return outcomes;
    await sleep(pollMs);
  }
}

/** A one-line progress bar for a TTY. */
export function progressLine(progress: WaitProgress, processed: number): string {
  const width = 20;
  const done = progress.crawls === 0 ? 1 : progress.crawlsDone / progress.crawls;
  const filled = Math.round(done * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] crawls ${progress.crawlsDone}/${progress.crawls} · postings processed ${processed} · queued ${progress.postingsLeft}`;
}
