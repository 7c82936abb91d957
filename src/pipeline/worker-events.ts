import type { Job, Worker } from 'bullmq';
import type { CrawlReport } from '../crawl/index.js';
import { plural } from '../format.js';
import type { Logger } from '../log/index.js';
import type { CrawlJobData, PostingJobData } from '../queue/index.js';

/** `1.2 s` from two ISO times of a report. */
function seconds(startedAt: string, finishedAt: string): number {
  const ms = Date.parse(finishedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) ? Math.round(ms / 100) / 10 : 0;
}

/** Whether BullMQ gave up on the job (no attempt left, or an UnrecoverableError). */
function failedForGood(job: Job): boolean {
  return job.finishedOn !== undefined;
}

function attempts(job: Job): string {
  return `attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}`;
}

/** One line per finished crawl, one per failed crawl attempt (an error once it fails for good). */
export function logCrawlEvents(
  worker: Worker<CrawlJobData, CrawlReport>,
  log: Logger,
  onFinished: (outcome: 'completed' | 'failed') => void = () => {},
): void {
  worker.on('completed', (job, report) => {
    onFinished('completed');
    const failures = report.pages.failed + report.postings.failed;
    const time = seconds(report.startedAt, report.finishedAt);
    const why = report.complete
      ? ''
      : `; incomplete: ${report.failures[0]?.reason ?? 'a limit was reached'}`;
    log.info(
      {
        event: 'crawl.finished',
        source: report.source,
        jobId: job.id,
        pages: report.pages,
        postings: report.postings,
        failures,
        complete: report.complete,
        seconds: time,
      },
      `crawl ${report.source} finished: ${plural(report.pages.ok, 'page')}, ${plural(report.postings.found, 'posting')}, ${plural(failures, 'failure')}, ${time} s${why}`,
    );
  });
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const final = failedForGood(job);
    if (final) onFinished('failed');
    const fields = {
      event: final ? 'crawl.failed' : 'crawl.retrying',
      source: job.name,
      jobId: job.id,
      attempt: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      reason: error.message,
    };
    if (final)
      log.error(fields, `crawl ${job.name} failed (${attempts(job)}, no more): ${error.message}`);
    else
      log.warn(
        fields,
        `crawl ${job.name} failed (${attempts(job)}; retried later): ${error.message}`,
      );
  });
}

/**
 * One line per posting job that failed for good, with its reason; a failed attempt that will be
 * retried only at debug level (a Redis outage fails many at once).
 */
export function logPostingEvents<Result>(
  worker: Worker<PostingJobData, Result>,
  log: Logger,
  onFinished: (outcome: 'completed' | 'failed') => void = () => {},
): void {
  worker.on('completed', () => onFinished('completed'));
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const key = (job.data as Partial<PostingJobData> | undefined)?.posting?.key ?? job.id;
    const final = failedForGood(job);
    const fields = {
      event: final ? 'posting.failed' : 'posting.retrying',
      posting: key,
      jobId: job.id,
      attempt: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      reason: error.message,
    };
    if (final) {
      onFinished('failed');
      log.warn(fields, `posting ${key} failed (${attempts(job)}, no more): ${error.message}`);
    } else {
      log.debug(
        fields,
        `posting ${key} failed (${attempts(job)}; retried later): ${error.message}`,
      );
    }
  });
}
