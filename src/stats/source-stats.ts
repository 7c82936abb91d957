import type { Redis } from 'ioredis';
import { statsBase, statsKeys } from './keys.js';
import { statsTotals } from './record.js';
import { readWorkerMetrics } from './worker-metrics.js';

/** What one source brings: the postings it counts, its copies of postings counted elsewhere, its crawls. */
export interface SourceStats {
  id: string;
  /** Its postings that count (exactly once, as every figure). */
  postings: number;
  /**
   * Its postings stored as duplicates: exact or near copies of a posting that counts, on this
   * source or another.
   */
  duplicates: number;
  /** Crawl jobs that completed or failed for good (counted per job, like GET /metrics). */
  crawls: { completed: number; failed: number };
  pages: { ok: number; failed: number };
}

/** Every source with stats or crawls, by id. */
export async function sourceStats(redis: Redis, prefix: string): Promise<SourceStats[]> {
  const [flat, metrics] = await Promise.all([
    redis.hgetall(statsKeys.sources(statsBase(prefix))),
    readWorkerMetrics(redis, prefix),
  ]);
  const byId = new Map<string, SourceStats>();
  const entry = (id: string): SourceStats => {
    let stats = byId.get(id);
    if (stats === undefined) {
      stats = {
        id,
        postings: 0,
        duplicates: 0,
        crawls: { completed: 0, failed: 0 },
        pages: { ok: 0, failed: 0 },
      };
      byId.set(id, stats);
    }
    return stats;
  };
  for (const [field, value] of Object.entries(flat)) {
    const bar = field.indexOf('|');
    const kind = field.slice(0, bar);
    const id = field.slice(bar + 1);
    // Data recorded before these counters existed can take one below zero: it shows as none.
    const count = Math.max(0, Number(value) || 0);
    if (kind === 'postings') entry(id).postings = count;
    else if (kind === 'dup') entry(id).duplicates = count;
  }
  for (const [id, crawl] of metrics.crawls) {
    const stats = entry(id);
    stats.crawls = { completed: crawl.completed, failed: crawl.failed };
    stats.pages = { ok: crawl.pagesOk, failed: crawl.pagesFailed };
  }
  return [...byId.values()]
    .filter((s) => s.postings + s.duplicates + s.crawls.completed + s.crawls.failed > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface SourcesReport {
  /** Postings that count, over every source. */
  postings: number;
  duplicates: number;
  sources: SourceStats[];
}

/** GET /v1/stats/sources and `jobsift stats --by-source`. */
export async function sourcesReport(redis: Redis, prefix: string): Promise<SourcesReport> {
  const [totals, sources] = await Promise.all([
    statsTotals(redis, prefix),
    sourceStats(redis, prefix),
  ]);
  return { postings: totals.postings, duplicates: totals.duplicates, sources };
}
