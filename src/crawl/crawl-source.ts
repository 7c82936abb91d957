import { Configuration, HttpCrawler, log, NonRetryableError } from '@crawlee/cheerio';
import { isJobsiftError } from '../errors.js';
import { plural } from '../format.js';
import { adapterFor } from './adapters/registry.js';
import { createCrawlBook } from './crawl-book.js';
import type { CrawlOptions } from './crawl-options.js';
import type { CrawlReport } from './crawl-report.js';
import { addFailure } from './crawl-report.js';
import { createHostPacer } from './host-pacer.js';
import { fetchedPage } from './response-text.js';
import { backoffDelay, parseRetryAfter } from './retry-after.js';
import { createRobotsCheck } from './robots.js';
import type { CrawlRequest, PageContext } from './source-adapter.js';
import { redirectOrigins, type SourceConfig } from './sources.js';
import { createUnreachableWatch, describeRequestError } from './unreachable.js';

export type { CrawlOptions } from './crawl-options.js';
export type { CrawlFailure, CrawlReport } from './crawl-report.js';

/** An honest User-Agent: who we are and where to read about it. */
export const USER_AGENT =
  'jobsift/0.1 (+https://github.com/jobsift/jobsift; job-market research crawler)';
/** The token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'jobsift';

/** Crawlee requests in flight at most; fewer when requests are spaced far apart. */
const MAX_CONCURRENCY = 4;
/** Concurrency is lowered so that a request waits about this long at most for its slot. */
const MAX_SLOT_WAIT_MS = 5_000;
/** A host that does not accept the connection in this long counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A robots.txt Crawl-delay is honoured up to this many seconds between requests. */
const MAX_CRAWL_DELAY_SECS = 60;

/**
 * Crawls one source with Crawlee, politely: requests to a host spaced 60 /
 * `maxRequestsPerMinute` seconds apart (60 → one a second), robots.txt for websites (read with
 * our User-Agent), backoff on 5xx and timeouts, `Retry-After` on 429. What to fetch and what a
 * response means is the source type's adapter (`ADAPTERS`); this is the shell around it. Each
 * body is read as text and parsed once, by the adapter (Crawlee's `HttpCrawler`, the base of
 * `CheerioCrawler`, without its HTML parse). Storage stays in memory (the frontier of record
 * is the BullMQ queue) and Crawlee logs nothing unless `crawleeLogs` is set. Never throws for
 * a bad page or posting; the report says what failed and why.
 */
export async function crawlSource(
  source: SourceConfig,
  options: CrawlOptions,
): Promise<CrawlReport> {
  const adapter = adapterFor(source.type);
  const now = options.now ?? (() => new Date());
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const backoffCapMs = options.backoffCapMs ?? 30_000;
  const retryAfterCapMs = options.retryAfterCapMs ?? 120_000;
  const requestTimeoutSecs = options.requestTimeoutSecs ?? 60;
  const userAgent = options.userAgent ?? USER_AGENT;
  const crawleeLog = log.child({
    prefix: 'HttpCrawler',
    level: options.crawleeLogs ? log.LEVELS.DEBUG : log.LEVELS.OFF,
  });

  // A board host must not steer the crawler elsewhere: redirects are followed only to the
  // source's origins, or within the origin of the request itself (a sitemap may list pages on
  // another host). A redirect not followed fails its page.
  const origins = redirectOrigins(source);
  const redirectAllowed = (target: URL, from: URL): boolean =>
    target.origin === from.origin || origins.includes(target.origin);

  // Spacing, backoff and Retry-After all wait in the pre-navigation hook, one slot per request.
  const pacer = createHostPacer(60_000 / source.maxRequestsPerMinute);
  const robots = adapter.website
    ? createRobotsCheck({
        userAgent,
        agent: ROBOTS_AGENT,
        timeoutMs: requestTimeoutSecs * 1000,
        beforeFetch: (url) => pacer.wait(url.host),
        onCrawlDelay: (url, seconds) =>
          pacer.slowDown(url.host, Math.min(seconds, MAX_CRAWL_DELAY_SECS) * 1000),
      })
    : undefined;
  const book = createCrawlBook(source, options, now(), robots);
  const { report } = book;

  const pageContext: PageContext<SourceConfig> = {
    source,
    get now() {
      return now();
    },
    isNew: (key) => book.isNew(key),
    get truncated() {
      return report.truncated;
    },
    changedPages: (pages) => book.changedPages(pages),
    remember: async (pages) => {
      await options.pageMemory?.remember(pages);
    },
  };

  // The start page's robots.txt is read first: its Crawl-delay sets how far apart requests go,
  // and so how many may wait at once.
  const starts = adapter.start(source);
  const startRequests = await book.allowed(starts);
  book.counted(startRequests.length);
  const intervalMs = pacer.intervalFor(new URL(starts[0]?.url ?? origins[0] ?? '').host);
  const maxConcurrency = Math.max(
    1,
    Math.min(MAX_CONCURRENCY, Math.floor(MAX_SLOT_WAIT_MS / intervalMs)),
  );
  // That wait counts against Crawlee's per-request timeout, so the timeout makes room for it.
  const maxWaitSecs = Math.ceil(
    (maxConcurrency * intervalMs + Math.max(backoffCapMs, retryAfterCapMs)) / 1000,
  );

  const unreachable = createUnreachableWatch({
    source: source.id,
    report: options.onUnreachable ?? (() => {}),
    ...(options.unreachableEveryMs === undefined ? {} : { everyMs: options.unreachableEveryMs }),
  });

  const crawler = new HttpCrawler(
    {
      maxRequestsPerMinute: source.maxRequestsPerMinute,
      maxConcurrency,
      maxRequestRetries: options.maxRetries ?? 3,
      // Crawlee retries a refused connection as a session error, up to this many times.
      maxSessionRotations: options.maxRetries ?? 3,
      requestHandlerTimeoutSecs: requestTimeoutSecs + maxWaitSecs,
      navigationTimeoutSecs: requestTimeoutSecs,
      log: crawleeLog,
      useSessionPool: false,
      persistCookiesPerSession: false,
      additionalMimeTypes: [
        'application/json',
        'application/xml',
        'text/xml',
        'application/rss+xml',
        'application/atom+xml',
        'text/plain',
        // Gzipped sitemaps (sitemap.xml.gz) come as files, not with Content-Encoding.
        'application/gzip',
        'application/x-gzip',
        'application/octet-stream',
      ],
      // robots.txt is checked before a request is added (book.allowed), not by Crawlee, whose
      // robots.txt request would not carry our User-Agent.
      onSkippedRequest: async () => {
        report.pages.skipped += 1;
      },
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': userAgent };
          gotOptions.useHeaderGenerator = false;
          gotOptions.http2 = false;
          gotOptions.followRedirect = (response) => {
            const location = headerValue(response.headers.location);
            return (
              location !== undefined &&
              redirectAllowed(new URL(location, response.url), new URL(request.url))
            );
          };
          gotOptions.timeout = { request: requestTimeoutSecs * 1000, connect: CONNECT_TIMEOUT_MS };
          const backoff =
            request.retryCount > 0
              ? backoffDelay(request.retryCount, backoffBaseMs, backoffCapMs)
              : 0;
          await pacer.wait(new URL(request.url).host, Date.now() + backoff);
        },
      ],
      requestHandler: async ({ request, response, body, crawler: self }) => {
        const status = response.statusCode ?? 0;
        const url = request.loadedUrl ?? request.url;
        if (status === 429) {
          const delay = parseRetryAfter(headerValue(response.headers['retry-after']), now());
          const wait = Math.min(
            delay ?? backoffDelay(request.retryCount + 1, backoffBaseMs, backoffCapMs),
            retryAfterCapMs,
          );
          pacer.pause(new URL(request.url).host, Date.now() + wait);
          throw new Error(`429 Too Many Requests (retrying after ${Math.round(wait / 1000)} s)`);
        }
        if (status >= 400) throw new NonRetryableError(`HTTP ${status}`);
        if (status >= 300) {
          const location = headerValue(response.headers.location) ?? '';
          const target = URL.canParse(location, url) ? new URL(location, url).href : location;
          throw new NonRetryableError(
            `HTTP ${status} redirected to ${target}, outside the source's origins (${origins.join(', ')}); not followed (allowedOrigins in sources.yaml can list more)`,
          );
        }
        try {
          // The text lives only in `page`, so an adapter can let it go once parsed.
          const page = await fetchedPage(url, body, request.userData as CrawlRequest);
          book.handling(page.request);
          for await (const outcome of adapter.handle(page, pageContext)) {
            const more = await book.apply(outcome, url);
            if (more.length > 0) await self.addRequests(more.map(toCrawlee));
          }
        } catch (error) {
          book.unhandled(request.userData as CrawlRequest);
          // A response of the wrong shape will not improve on retry; anything else may.
          if (isJobsiftError(error) && !error.retryable) throw new NonRetryableError(error.message);
          throw error;
        }
        report.pages.ok += 1;
      },
      errorHandler: async ({ request }, error) => unreachable(request.url, error),
      failedRequestHandler: async ({ request }, error) => {
        unreachable(request.url, error, true);
        book.pageFailed(request.userData as CrawlRequest);
        if (!(error instanceof NonRetryableError)) report.pages.gaveUp += 1;
        const attempts = request.retryCount + 1;
        addFailure(report, {
          url: request.url,
          reason: `${describeRequestError(request.url, error)} (after ${plural(attempts, 'attempt')})`,
        });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run(startRequests.map(toCrawlee));
  return book.finish(now());
}

/** A Crawlee request that carries the adapter's request back as `userData`. */
function toCrawlee(request: CrawlRequest): { url: string; userData: CrawlRequest } {
  return { url: request.url, userData: request };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Silences Crawlee's global logger (its storages and other parts outside a crawler); each
 * crawl's own logger is silent unless `crawleeLogs` is set. jobsift reports crawls itself.
 */
export function quietCrawleeLogs(): void {
  log.setLevel(log.LEVELS.OFF);
}
