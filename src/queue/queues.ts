import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
// From the module itself, not the crawl index: a process worker must not load Crawlee.
import { type SourceConfig, sourceSchema } from '../crawl/sources.js';
import { InputError } from '../errors.js';
import { type Posting, postingSchema } from '../posting/index.js';

export const CRAWL_QUEUE = 'crawl';
export const POSTINGS_QUEUE = 'postings';

/** Crawl job data: the whole source, so a worker on another machine needs no sources file. */
export const crawlJobSchema = z.object({
  source: sourceSchema,
  requestedBy: z.string().optional(),
  /** Fetch every sitemap page, even those whose `<lastmod>` was already read. */
  full: z.boolean().optional(),
});
export type CrawlJobData = z.input<typeof crawlJobSchema>;

/** Postings job data: the normalised posting and when it was crawled. */
export const postingJobSchema = z.object({ posting: postingSchema, seenAt: z.iso.datetime() });
export type PostingJobData = z.infer<typeof postingJobSchema>;

/**
 * Job ids are the posting key, made BullMQ-safe: BullMQ rejects ids with `:` (its own key
 * separator) and ids that look like integers; percent-encoding removes both.
 */
export function postingJobId(key: string): string {
  return `p-${encodeURIComponent(key)}`;
}

export function crawlSchedulerId(sourceId: string): string {
  return `source-${sourceId}`;
}

/**
 * Completed posting jobs are removed at once so that a later crawl of the same posting can queue
 * it again (a changed posting must be re-processed); while it waits, its id collapses duplicates.
 */
export const POSTING_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

export const CRAWL_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 1_000 },
};

export interface Queues {
  crawl: Queue<CrawlJobData>;
  postings: Queue<PostingJobData>;
  close(): Promise<void>;
}

export function openQueues(connection: ConnectionOptions, prefix: string): Queues {
  const crawl = new Queue<CrawlJobData>(CRAWL_QUEUE, { connection, prefix });
  const postings = new Queue<PostingJobData>(POSTINGS_QUEUE, { connection, prefix });
  // Without a listener BullMQ prints every connection error with its stack; the connection's
  // outages are reported once each (reportOutages), and commands fail or wait on their own.
  for (const queue of [crawl, postings]) queue.on('error', () => {});
  return {
    crawl,
    postings,
    close: async () => {
      await Promise.all([crawl.close(), postings.close()]);
    },
  };
}

const ADD_CHUNK = 1_000;

/**
 * Queues postings in chunks of 1,000; a posting already waiting (same key) is not queued twice.
 * A posting whose earlier job failed for good is queued again: the failed job, kept for a week
 * so that it can be inspected, would otherwise hold its id and block the posting once fixed.
 */
export async function enqueuePostings(
  queue: Queue<PostingJobData>,
  postings: readonly Posting[],
  seenAt: Date,
): Promise<void> {
  for (let i = 0; i < postings.length; i += ADD_CHUNK) {
    const chunk = postings.slice(i, i + ADD_CHUNK);
    await removeFailedJobs(
      queue,
      chunk.map((posting) => postingJobId(posting.key)),
    );
    await queue.addBulk(
      chunk.map((posting) => ({
        name: 'posting',
        data: { posting, seenAt: seenAt.toISOString() },
        opts: { ...POSTING_JOB_OPTIONS, jobId: postingJobId(posting.key) },
      })),
    );
  }
}

/** Removes those of `jobIds` that are in the failed set (the lookups go out as one pipeline). */
async function removeFailedJobs(queue: Queue, jobIds: readonly string[]): Promise<void> {
  const client = await queue.getBackend().client;
  const failedKey = queue.toKey('failed');
  const scores = await Promise.all(jobIds.map((id) => client.zscore(failedKey, id)));
  for (const [index, id] of jobIds.entries()) {
    if (scores[index] !== null) await queue.remove(id);
  }
}

/** Queues a crawl of each source now. */
export async function enqueueCrawls(
  queue: Queue<CrawlJobData>,
  sources: readonly SourceConfig[],
  requestedBy: string,
  options: { full?: boolean } = {},
): Promise<string[]> {
  const jobs = await queue.addBulk(
    sources.map((source) => ({
      name: source.id,
      data: { source, requestedBy, ...(options.full ? { full: true } : {}) },
      opts: CRAWL_JOB_OPTIONS,
    })),
  );
  return jobs.map((job) => job.id ?? '');
}

/**
 * Makes the queue's job schedulers match the sources: one per source (cron + time zone, the
 * source as job data), and none for sources that are gone. Returns what changed.
 */
export async function syncSchedulers(
  queue: Queue<CrawlJobData>,
  sources: readonly SourceConfig[],
): Promise<{ upserted: string[]; removed: string[] }> {
  const wanted = new Set(sources.map((source) => crawlSchedulerId(source.id)));
  for (const source of sources) {
    await queue.upsertJobScheduler(
      crawlSchedulerId(source.id),
      { pattern: source.schedule, tz: source.timezone },
      { name: source.id, data: { source, requestedBy: 'schedule' }, opts: CRAWL_JOB_OPTIONS },
    );
  }
  const removed: string[] = [];
  const existing = await queue.getJobSchedulers(0, -1);
  for (const scheduler of existing) {
    const id = scheduler.key;
    if (!wanted.has(id) && id.startsWith('source-')) {
      await queue.removeJobScheduler(id);
      removed.push(id.slice('source-'.length));
    }
  }
  return { upserted: sources.map((source) => source.id), removed };
}

/** Parses job data on the consuming side; bad data can never succeed, so it is an InputError. */
export function parseJobData<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new InputError(
    'invalid_job_data',
    `invalid ${what} job data: ${field}${issue?.message ?? 'unknown'}`,
  );
}
