import type { Redis } from 'ioredis';
import { statsBase } from './keys.js';

/**
 * Counters the workers keep in Redis for `GET /metrics`: the workers run in other processes (and
 * machines), so the API reads what they did from here. Not exactly-once like the stats: a
 * retried job is processed, and counted, again. One hash, `{prefix}:stats:metrics`.
 */
export const PROCESSING_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

export type ProcessingOutcome = 'added' | 'unchanged' | 'replaced' | 'duplicate' | 'failed';

export function metricsKey(prefix: string): string {
  return `${statsBase(prefix)}:metrics`;
}

/** Counts one processed posting job and its time. */
export async function countProcessing(
  redis: Redis,
  prefix: string,
  outcome: ProcessingOutcome,
  seconds: number,
): Promise<void> {
  const key = metricsKey(prefix);
  const pipeline = redis.pipeline().hincrby(key, `postings|${outcome}`, 1);
  if (outcome !== 'failed') {
    for (const le of PROCESSING_BUCKETS) if (seconds <= le) pipeline.hincrby(key, `time|${le}`, 1);
    pipeline.hincrby(key, 'time|count', 1).hincrbyfloat(key, 'time|sum', seconds);
  }
  await pipeline.exec();
}

/** Counts one crawl job of a source: its outcome and, when it finished, its pages. */
export async function countCrawl(
  redis: Redis,
  prefix: string,
  source: string,
  outcome: 'completed' | 'failed',
  pages?: { ok: number; failed: number },
): Promise<void> {
  const key = metricsKey(prefix);
  const pipeline = redis.pipeline().hincrby(key, `crawl|${source}|${outcome}`, 1);
  if (pages !== undefined) {
    pipeline.hincrby(key, `crawl|${source}|pages_ok`, pages.ok);
    pipeline.hincrby(key, `crawl|${source}|pages_failed`, pages.failed);
  }
  await pipeline.exec();
}

export interface WorkerMetrics {
  postings: Partial<Record<ProcessingOutcome, number>>;
  /** Cumulative: postings processed in at most `le` seconds. */
  buckets: Array<{ le: number; count: number }>;
  count: number;
  sum: number;
  crawls: Map<string, { completed: number; failed: number; pagesOk: number; pagesFailed: number }>;
}

/** What the workers counted so far (zeros when nothing ran). */
export async function readWorkerMetrics(redis: Redis, prefix: string): Promise<WorkerMetrics> {
  const flat = await redis.hgetall(metricsKey(prefix));
  const num = (field: string) => {
    const value = Number(flat[field] ?? 0);
    return Number.isFinite(value) ? value : 0;
  };
  const metrics: WorkerMetrics = {
    postings: {},
    buckets: PROCESSING_BUCKETS.map((le) => ({ le, count: num(`time|${le}`) })),
    count: num('time|count'),
    sum: num('time|sum'),
    crawls: new Map(),
  };
  for (const outcome of ['added', 'unchanged', 'replaced', 'duplicate', 'failed'] as const) {
    metrics.postings[outcome] = num(`postings|${outcome}`);
  }
  for (const field of Object.keys(flat)) {
    const match = /^crawl\|(.+)\|(completed|failed|pages_ok|pages_failed)$/.exec(field);
    if (match === null) continue;
    const source = match[1] ?? '';
    let entry = metrics.crawls.get(source);
    if (entry === undefined) {
      entry = { completed: 0, failed: 0, pagesOk: 0, pagesFailed: 0 };
      metrics.crawls.set(source, entry);
    }
    const value = num(field);
    if (match[2] === 'completed') entry.completed = value;
    else if (match[2] === 'failed') entry.failed = value;
    else if (match[2] === 'pages_ok') entry.pagesOk = value;
    else entry.pagesFailed = value;
  }
  return metrics;
}
