import type { Context, Next } from 'hono';
import { routePath } from 'hono/route';
import type { Redis } from 'ioredis';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Queues } from '../queue/index.js';
import { readWorkerMetrics, statsTotals, type WorkerMetrics } from '../stats/index.js';

const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'failed',
  'completed',
  'prioritized',
] as const;

export interface ApiMetrics {
  /** Counts and times each request, labelled by route pattern (not the raw path). */
  middleware: (c: Context, next: Next) => Promise<void>;
  /** The Prometheus text exposition. */
  render(): Promise<string>;
  contentType: string;
}

/**
 * The metrics of `GET /metrics`: this server's requests (prom-client), and what the workers and
 * the stats hold in Redis, read at scrape time: postings counted / duplicates / failed, posting
 * jobs processed by outcome with their processing-time histogram, crawls and pages per source,
 * queue depths. `processMetrics` adds Node's own (memory, event loop, GC).
 */
export function createMetrics(deps: {
  redis: Redis;
  prefix: string;
  queues: Queues;
  processMetrics?: boolean;
}): ApiMetrics {
  const register = new Registry();
  if (deps.processMetrics) collectDefaultMetrics({ register, prefix: 'jobsift_api_' });
  const requests = new Counter({
    name: 'jobsift_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [register],
  });
  const duration = new Histogram({
    name: 'jobsift_http_request_duration_seconds',
    help: 'HTTP request duration, by route pattern and method',
    labelNames: ['route', 'method'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [register],
  });
  new Gauge({
    name: 'jobsift_postings',
    help: 'Postings the stats hold, by kind: counted (distinct), duplicate, failed',
    labelNames: ['kind'],
    registers: [register],
    async collect() {
      const totals = await statsTotals(deps.redis, deps.prefix);
      this.set({ kind: 'counted' }, totals.postings);
      this.set({ kind: 'duplicate' }, totals.duplicates);
      this.set({ kind: 'failed' }, totals.failed);
    },
  });
  new Gauge({
    name: 'jobsift_queue_jobs',
    help: 'Jobs in each BullMQ queue, by state',
    labelNames: ['queue', 'state'],
    registers: [register],
    async collect() {
      for (const [name, queue] of [
        ['crawl', deps.queues.crawl],
        ['postings', deps.queues.postings],
      ] as const) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
      }
    },
  });

  return {
    contentType: register.contentType,
    async middleware(c, next) {
      const started = performance.now();
      try {
        await next();
      } finally {
        const pattern = routePath(c) || 'unmatched';
        const route = pattern === '/*' || pattern === '*' ? 'unmatched' : pattern;
        requests.inc({ route, method: c.req.method, status: String(c.res.status) });
        duration.observe({ route, method: c.req.method }, (performance.now() - started) / 1000);
      }
    },
    async render() {
      const [own, workers] = await Promise.all([
        register.metrics(),
        readWorkerMetrics(deps.redis, deps.prefix),
      ]);
      return `${own}\n${workerExposition(workers)}`;
    },
  };
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** The workers' counters in the Prometheus text format (they are kept in Redis, not here). */
function workerExposition(m: WorkerMetrics): string {
  const lines = [
    '# HELP jobsift_postings_processed_total Posting jobs processed by the workers, by outcome (retries count again)',
    '# TYPE jobsift_postings_processed_total counter',
  ];
  for (const [outcome, value] of Object.entries(m.postings)) {
    lines.push(`jobsift_postings_processed_total{outcome="${outcome}"} ${value}`);
  }
  lines.push(
    '# HELP jobsift_posting_processing_seconds Time from a posting job starting to it being recorded',
    '# TYPE jobsift_posting_processing_seconds histogram',
  );
  for (const { le, count } of m.buckets) {
    lines.push(`jobsift_posting_processing_seconds_bucket{le="${le}"} ${count}`);
  }
  lines.push(
    `jobsift_posting_processing_seconds_bucket{le="+Inf"} ${m.count}`,
    `jobsift_posting_processing_seconds_sum ${m.sum}`,
    `jobsift_posting_processing_seconds_count ${m.count}`,
    '# HELP jobsift_crawls_total Crawl jobs per source, by outcome (failed: after its last attempt)',
    '# TYPE jobsift_crawls_total counter',
  );
  const sources = [...m.crawls].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [source, c] of sources) {
    const label = escapeLabel(source);
    lines.push(`jobsift_crawls_total{source="${label}",outcome="completed"} ${c.completed}`);
    lines.push(`jobsift_crawls_total{source="${label}",outcome="failed"} ${c.failed}`);
  }
  lines.push(
    '# HELP jobsift_crawl_pages_total Pages fetched by finished crawls per source, by outcome',
    '# TYPE jobsift_crawl_pages_total counter',
  );
  for (const [source, c] of sources) {
    const label = escapeLabel(source);
    lines.push(`jobsift_crawl_pages_total{source="${label}",outcome="ok"} ${c.pagesOk}`);
    lines.push(`jobsift_crawl_pages_total{source="${label}",outcome="failed"} ${c.pagesFailed}`);
  }
  return `${lines.join('\n')}\n`;
}
