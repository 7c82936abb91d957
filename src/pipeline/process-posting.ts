import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { enrich } from '../classify/index.js';
import { describeError, isJobsiftError } from '../errors.js';
import type { PostingText } from '../extract/index.js';
import { contentFingerprint, type Posting, plainTextDocument } from '../posting/index.js';
import { type PostingJobData, parseJobData, postingJobSchema } from '../queue/index.js';
import type { CompiledRules } from '../rules/index.js';
import {
  contributionOf,
  type RecordOutcome,
  recordFailure,
  recordPosting,
} from '../stats/index.js';
import { postingSummary } from './posting-summary.js';

export interface ProcessResult {
  outcome: RecordOutcome;
  role: string;
}

/**
 * The process worker's job handler: extract + classify, then record the result in the stats
 * exactly once (one atomic script per posting; a retry after a crash finds it unchanged).
 * Input that can never succeed is counted as failed and fails the job without retries; Redis
 * errors propagate, so BullMQ retries them with backoff.
 */
/**
 * What the worker extracts from. A crawled HTML posting carries the text and headings the crawl
 * made from its HTML, so the HTML is not parsed a second time (the pipeline keeps no mention
 * offsets, which then index `descriptionText`); otherwise the description as given.
 */
export function postingText(posting: Posting): PostingText {
  const description = posting.descriptionHtml ?? posting.descriptionText;
  if (posting.descriptionHtml === undefined || posting.descriptionHeadings === undefined) {
    return { title: posting.title, description };
  }
  return {
    title: posting.title,
    description,
    document: plainTextDocument(posting.descriptionText, posting.descriptionHeadings),
  };
}

export function createPostingProcessor(deps: {
  redis: Redis;
  prefix: string;
  rules: CompiledRules;
  /** Days a posting's summary is kept after it was last seen; absent: for ever. */
  retentionDays?: number | undefined;
}) {
  const { redis, prefix, rules } = deps;
  const summaryTtlMs =
    deps.retentionDays === undefined ? undefined : deps.retentionDays * 86_400_000;
  return async (job: Job<PostingJobData>): Promise<ProcessResult> => {
    let data: PostingJobData;
    try {
      data = parseJobData(postingJobSchema, job.data, 'posting');
    } catch (error) {
      const key =
        typeof job.data?.posting?.key === 'string' ? job.data.posting.key : `job:${job.id}`;
      await recordFailure(redis, prefix, key, describeError(error));
      throw new UnrecoverableError(describeError(error));
    }
    const { posting } = data;
    if (posting.descriptionText.trim() === '') {
      const reason = 'posting has no description text';
      await recordFailure(redis, prefix, posting.key, reason);
      throw new UnrecoverableError(reason);
    }
    try {
      const enrichment = enrich(postingText(posting), rules);
      const outcome = await recordPosting(redis, prefix, {
        key: posting.key,
        fingerprint: contentFingerprint(posting),
        datePosted: posting.datePosted,
        seenAt: new Date(data.seenAt),
        contribution: contributionOf(enrichment),
        summary: postingSummary(posting, enrichment, data.seenAt),
        summaryTtlMs,
      });
      return { outcome, role: enrichment.role.id };
    } catch (error) {
      // Bad input never improves on retry; Redis and other transient errors are retried.
      if (isJobsiftError(error) && !error.retryable) {
        await recordFailure(redis, prefix, posting.key, error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}
