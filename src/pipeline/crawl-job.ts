import type { Job, Queue } from 'bullmq';
import {
  type CrawlOptions,
  type CrawlReport,
  crawlSource,
  type PageMemory,
} from '../crawl/index.js';
import { JobsiftError } from '../errors.js';
import { plural } from '../format.js';
import {
  type CrawlJobData,
  crawlJobSchema,
  enqueuePostings,
  type PostingJobData,
  parseJobData,
} from '../queue/index.js';

/**
 * The crawl worker's job handler: crawl one source and queue its postings as they arrive. The
 * report is the job's return value. A crawl where no page succeeded, or where a page still
 * failed with a transient fault once its retries ran out, fails the job (BullMQ retries it
 * later, and `crawl --wait` reports it); postings queued before a failure stay queued.
 */
export function createCrawlProcessor(deps: {
  postings: Queue<PostingJobData>;
  crawlOptions?: Omit<CrawlOptions, 'onPostings' | 'pageMemory'>;
  /** The page memory of a source; none means every page is fetched on every crawl. */
  pageMemory?: (sourceId: string) => PageMemory;
  /**
   * Called after a complete crawl that read every page (none skipped as unchanged) with the
   * keys it listed; takes the others out of the stats and returns how many.
   */
  withdrawUnlisted?: (sourceId: string, listed: ReadonlySet<string>) => Promise<number>;
}) {
  return async (job: Job<CrawlJobData>): Promise<CrawlReport> => {
    const { source, full } = parseJobData(crawlJobSchema, job.data, 'crawl');
    const seenAt = new Date();
    const listed = new Set<string>();
    const pageMemory = full ? undefined : deps.pageMemory?.(source.id);
    const report = await crawlSource(source, {
      ...deps.crawlOptions,
      ...(pageMemory === undefined ? {} : { pageMemory }),
      onListed: (keys) => {
        for (const key of keys) listed.add(key);
      },
      onPostings: async (postings) => {
        await enqueuePostings(deps.postings, postings, seenAt);
        await job.updateProgress({ postings: postings.length });
      },
    });
    if (report.pages.ok === 0 && report.pages.failed > 0) {
      const why = report.failures[0]?.reason ?? 'unknown';
      throw new JobsiftError(
        'crawl_failed',
        `crawl of "${source.id}" failed: 0 pages ok, ${report.pages.failed} failed (${why})`,
        { retryable: true },
      );
    }
    if (report.pages.gaveUp > 0) {
      const failure = report.failures.find((f) => / \(after \d+ attempts?\)$/.test(f.reason));
      throw new JobsiftError(
        'crawl_incomplete',
        `crawl of "${source.id}" incomplete: ${plural(report.pages.gaveUp, 'page')} still failing after retries (${failure?.reason ?? 'unknown'})`,
        { retryable: true },
      );
    }
    if (deps.withdrawUnlisted !== undefined && report.complete && report.pages.unchanged === 0) {
      report.postings.withdrawn = await deps.withdrawUnlisted(source.id, listed);
    }
    return report;
  };
}
