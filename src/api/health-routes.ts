import { z } from 'zod';
import { describeError } from '../errors.js';
import type { ApiMetrics } from './metrics.js';
import { type ApiDeps, type App, route } from './route.js';

const PROBE_TIMEOUT_MS = 1_000;
/** A health report is reused this long, so a busy prober does not load Redis. */
const PROBE_CACHE_MS = 1_000;
const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

const depthsDoc = z.object({
  waiting: z.number().int(),
  active: z.number().int(),
  delayed: z.number().int(),
  failed: z.number().int(),
});
const healthDoc = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    redis: z.object({
      ok: z.boolean(),
      latencyMs: z.number().optional(),
      error: z.string().optional(),
    }),
    queues: z.object({ crawl: depthsDoc, postings: depthsDoc }).optional(),
    workers: z.object({ crawl: z.number().int(), postings: z.number().int() }).optional(),
  })
  .meta({ id: 'Health' });
type Health = z.infer<typeof healthDoc>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function healthRoutes(app: App, { redis, queues }: ApiDeps, metrics: ApiMetrics): void {
  async function probe(): Promise<Health> {
    try {
      const started = performance.now();
      await withTimeout(redis.ping(), PROBE_TIMEOUT_MS, 'Redis');
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      const [crawl, postings, crawlWorkers, postingWorkers] = await withTimeout(
        Promise.all([
          queues.crawl.getJobCounts(...DEPTH_STATES),
          queues.postings.getJobCounts(...DEPTH_STATES),
          queues.crawl.getWorkersCount(),
          queues.postings.getWorkersCount(),
        ]),
        PROBE_TIMEOUT_MS,
        'Redis',
      );
      const depths = (counts: Record<string, number>) => ({
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      });
      return {
        status: 'ok',
        redis: { ok: true, latencyMs },
        queues: { crawl: depths(crawl), postings: depths(postings) },
        workers: { crawl: crawlWorkers, postings: postingWorkers },
      };
    } catch (error) {
      return { status: 'unavailable', redis: { ok: false, error: describeError(error) } };
    }
  }

  let cached: { at: number; report: Promise<Health> } | undefined;
  route(
    app,
    {
      method: 'get',
      path: '/healthz',
      tag: 'operations',
      summary: 'Redis reachable, queue depths, workers connected (503 when Redis is not)',
      description: `Reused for ${PROBE_CACHE_MS} ms, so frequent probes cost Redis nothing.`,
      response: { description: 'healthy', schema: healthDoc },
      errors: [503],
    },
    async (c) => {
      const now = Date.now();
      if (cached === undefined || now - cached.at > PROBE_CACHE_MS) {
        cached = { at: now, report: probe() };
      }
      const report = await cached.report;
      return c.json(report, report.status === 'ok' ? 200 : 503);
    },
  );

  route(
    app,
    {
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      summary: 'Prometheus metrics: requests, postings, processing time, crawls, queue depths',
      response: {
        description: 'the text exposition format',
        schema: z.string(),
        mediaType: 'text/plain',
      },
      errors: [503],
    },
    async (c) => c.body(await metrics.render(), 200, { 'Content-Type': metrics.contentType }),
  );
}
