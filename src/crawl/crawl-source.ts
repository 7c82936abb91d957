import { CheerioCrawler, Configuration, log, NonRetryableError } from '@crawlee/cheerio';
import { describeError, isJobsiftError, JobsiftError } from '../errors.js';
import { plural } from '../format.js';
import { type Posting, postingKey } from '../posting/index.js';
import {
  type AdapterResult,
  ashbyBoardUrl,
  greenhouseBoardUrl,
  isSitemapComplete,
  isSitemapXml,
  jobLinksFromListing,
  LEVER_PAGE_SIZE,
  leverPageUrl,
  parseAshbyBoard,
  parseGreenhouseBoard,
  parseJobPostingPage,
  parseLeverPage,
  parseSitemap,
  type SitemapPage,
} from './adapters/index.js';
import { addFailure, type CrawlReport, newCrawlReport } from './crawl-report.js';
import { createHostPacer } from './host-pacer.js';
import type { PageMemory } from './page-memory.js';
import { responseText } from './response-text.js';
import { backoffDelay, parseRetryAfter } from './retry-after.js';
import { createRobotsCheck } from './robots.js';
import { redirectOrigins, type SourceConfig } from './sources.js';
import {
  createUnreachableWatch,
  describeRequestError,
  type UnreachableEvent,
} from './unreachable.js';

export type { CrawlFailure, CrawlReport } from './crawl-report.js';

/** An honest User-Agent: who we are and where to read about it. */
export const USER_AGENT =
  'jobsift/0.1 (+https://github.com/jobsift/jobsift; job-market research crawler)';
/** The token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'jobsift';

export interface CrawlOptions {
  /** Called with each page's postings, in order; the crawl waits for it (back-pressure). */
  onPostings: (postings: Posting[]) => Promise<void>;
  userAgent?: string;
  /** Retries per request after the first attempt (5xx, timeouts, 429). */
  maxRetries?: number;
  /** First retry waits about this long (full jitter, doubling per attempt). */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest `Retry-After` honoured; longer ones are capped. */
  retryAfterCapMs?: number;
  requestTimeoutSecs?: number;
  /** Clock for Retry-After HTTP-dates and JSON-LD validThrough. */
  now?: () => Date;
  /**
   * Print Crawlee's own log lines (every level, DEBUG included) to the console. Off by default:
   * the report says what failed and why.
   */
  crawleeLogs?: boolean;
  /**
   * The `<lastmod>` of sitemap pages read by earlier crawls of this source: a page whose
   * `<lastmod>` is unchanged is not fetched again, and each page read without failures is
   * remembered. Without it every page is fetched.
   */
  pageMemory?: PageMemory;
  /**
   * Called with the keys of each response's listed postings, those that failed validation
   * included (they are still on the board); left out: postings skipped as unlisted or expired.
   */
  onListed?: (keys: string[]) => void;
  /** Told when a host cannot be reached: at its first failure, then every `unreachableEveryMs` (30 s). */
  onUnreachable?: (event: UnreachableEvent) => void;
  unreachableEveryMs?: number;
}

type Label = 'board' | 'lever-page' | 'jsonld-entry' | 'jsonld-page';
interface UserData {
  label: Label;
  skip?: number;
  depth?: number;
  /** For a sitemap page: its URL as the sitemap gave it and its `<lastmod>`. */
  sitemapUrl?: string;
  lastmod?: string;
  /** Listed by a sitemap index: the response must be a sitemap. */
  sitemap?: true;
}
interface PageRequest {
  url: string;
  userData: UserData;
}

/** Crawlee requests in flight at most; fewer when requests are spaced far apart. */
const MAX_CONCURRENCY = 4;
/** Concurrency is lowered so that a request waits about this long at most for its slot. */
const MAX_SLOT_WAIT_MS = 5_000;
/** A host that does not accept the connection in this long counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;
/** A robots.txt Crawl-delay is honoured up to this many seconds between requests. */
const MAX_CRAWL_DELAY_SECS = 60;

/**
 * Crawls one source with Crawlee's CheerioCrawler, politely: requests to a host spaced
 * 60 / `maxRequestsPerMinute` seconds apart (60 → one a second), robots.txt for websites (read
 * with our User-Agent), backoff on 5xx and timeouts, `Retry-After` on 429. Storage stays in
 * memory (the frontier of record is the BullMQ queue) and Crawlee logs nothing unless
 * `crawleeLogs` is set. Never throws for a bad page or posting; the report says what failed
 * and why.
 */
export async function crawlSource(
  source: SourceConfig,
  options: CrawlOptions,
): Promise<CrawlReport> {
  const now = options.now ?? (() => new Date());
  const report = newCrawlReport(source.id, now());
  const seenPostingKeys = new Set<string>();
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const backoffCapMs = options.backoffCapMs ?? 30_000;
  const retryAfterCapMs = options.retryAfterCapMs ?? 120_000;
  const requestTimeoutSecs = options.requestTimeoutSecs ?? 60;
  const userAgent = options.userAgent ?? USER_AGENT;
  const crawleeLog = log.child({
    prefix: 'CheerioCrawler',
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

  // What the sitemaps list, and whether every sitemap was read: only then does the page memory
  // forget the pages they no longer list. (It is a cache: forgetting too much costs fetches.)
  const listed = new Set<string>();
  let sitemapsRead = 0;
  let entriesUnread = 0;

  const robotsAllow =
    source.type === 'jsonld'
      ? createRobotsCheck({
          userAgent,
          agent: ROBOTS_AGENT,
          timeoutMs: requestTimeoutSecs * 1000,
          beforeFetch: (url) => pacer.wait(url.host),
          onCrawlDelay: (url, seconds) =>
            pacer.slowDown(url.host, Math.min(seconds, MAX_CRAWL_DELAY_SECS) * 1000),
        })
      : undefined;
  /**
   * The requests robots.txt allows. One its rules disallow is a skipped page; one whose
   * robots.txt could not be read is a failed page, so a crawl that got nothing else fails and
   * is retried later.
   */
  const allowedByRobots = async (requests: PageRequest[]): Promise<PageRequest[]> => {
    if (robotsAllow === undefined) return requests;
    const allowed: PageRequest[] = [];
    for (const request of requests) {
      const verdict = await robotsAllow(request.url);
      if (verdict.allowed) {
        allowed.push(request);
        continue;
      }
      if (request.userData.label === 'jsonld-entry') entriesUnread += 1;
      if (verdict.unavailable === undefined) {
        report.pages.skipped += 1;
        addFailure(report, { url: request.url, reason: 'disallowed by robots.txt' });
      } else {
        report.pages.failed += 1;
        report.complete = false;
        addFailure(report, {
          url: request.url,
          reason: `not fetched: robots.txt could not be read (${verdict.unavailable}); RFC 9309 treats that as disallowing everything`,
        });
      }
    }
    return allowed;
  };
  // Requests handed to Crawlee, the start page included; past maxPages the rest are dropped.
  let pagesAdded = 1;
  let pagesOverLimit: { first: string; count: number } | undefined;
  const addWithinLimit = async (self: CheerioCrawler, requests: PageRequest[]): Promise<void> => {
    const room = Math.max(0, source.maxPages - pagesAdded);
    const taken = requests.slice(0, room);
    const [firstDropped] = requests.slice(room);
    if (firstDropped !== undefined) {
      report.truncated = true;
      pagesOverLimit ??= { first: firstDropped.url, count: 0 };
      pagesOverLimit.count += requests.length - taken.length;
    }
    pagesAdded += taken.length;
    if (taken.length > 0) await self.addRequests(taken);
  };
  const enqueue = async (self: CheerioCrawler, requests: PageRequest[]): Promise<void> => {
    await addWithinLimit(self, await allowedByRobots(requests));
  };

  /** The sitemap pages to fetch: all but those whose `<lastmod>` was already read. */
  const changedPages = async (pages: readonly SitemapPage[]): Promise<SitemapPage[]> => {
    sitemapsRead += 1;
    for (const page of pages) listed.add(page.url);
    const memory = options.pageMemory;
    if (memory === undefined || pages.length === 0) return [...pages];
    const known = await memory.recall(pages.map((page) => page.url));
    const changed = pages.filter(
      (page, index) => page.lastmod === undefined || known[index] !== page.lastmod,
    );
    report.pages.unchanged += pages.length - changed.length;
    return changed;
  };

  const accept = async (result: AdapterResult): Promise<void> => {
    options.onListed?.([
      ...result.postings.map((posting) => posting.key),
      ...result.failures.flatMap((failure) =>
        failure.sourceId === undefined ? [] : [postingKey(source.id, failure.sourceId)],
      ),
    ]);
    report.postings.failed += result.failures.length;
    report.postings.skipped += result.skipped ?? 0;
    for (const failure of result.failures) addFailure(report, failure);
    const fresh: Posting[] = [];
    for (const posting of result.postings) {
      if (seenPostingKeys.has(posting.key)) continue;
      if (seenPostingKeys.size >= source.maxPostings) {
        report.truncated = true;
        break;
      }
      seenPostingKeys.add(posting.key);
      fresh.push(posting);
    }
    report.postings.found += fresh.length;
    if (fresh.length > 0) await options.onPostings(fresh);
  };

  const handlePage = async (
    data: UserData,
    text: string,
    url: string,
    self: CheerioCrawler,
  ): Promise<void> => {
    switch (data.label) {
      case 'board': {
        const json = parseJson(text, url);
        const parse = (body: unknown) =>
          source.type === 'greenhouse'
            ? parseGreenhouseBoard(body, { source, url })
            : parseAshbyBoard(body, {
                source: source as Extract<SourceConfig, { type: 'ashby' }>,
                url,
              });
        // A big board is normalised and queued in slices, so process workers start on the first
        // postings while the rest are still being parsed.
        for (const [offset, slice] of boardSlices(json)) {
          const result = parse(slice);
          for (const failure of result.failures) {
            failure.reason = failure.reason.replace(
              /^jobs\[(\d+)\]/,
              (_, i: string) => `jobs[${offset + Number(i)}]`,
            );
          }
          await accept(result);
        }
        return;
      }
      case 'lever-page': {
        if (source.type !== 'lever') return;
        const result = parseLeverPage(parseJson(text, url), { source, url });
        // A board that ignores `skip` answers the same page for ever: page on only while pages
        // bring postings not seen before (a page of failed items only also counts as new).
        const broughtNew =
          result.postings.length === 0
            ? result.failures.length > 0
            : result.postings.some((posting) => !seenPostingKeys.has(posting.key));
        await accept(result);
        const skip = (data.skip ?? 0) + result.itemCount;
        const full = result.itemCount >= LEVER_PAGE_SIZE;
        if (full && !broughtNew && !report.truncated) {
          report.complete = false;
          addFailure(report, {
            url,
            reason: `paging stopped: a full page with no posting not already seen on an earlier page (does the board ignore skip?)`,
          });
          return;
        }
        // A full page means there may be more: page on until a posting is actually cut off, so
        // a board filled exactly at a page boundary still reports whether it was truncated.
        if (full && !report.truncated) {
          await addWithinLimit(self, [
            {
              url: leverPageUrl(source, skip, LEVER_PAGE_SIZE),
              userData: { label: 'lever-page', skip },
            },
          ]);
        }
        return;
      }
      case 'jsonld-entry': {
        if (data.sitemap && !isSitemapXml(text)) {
          throw new JobsiftError('not_sitemap', `response of ${url} is not a sitemap`, {
            retryable: true,
          });
        }
        if (isSitemapXml(text)) {
          // A partial list would be read as the whole one: retry it instead.
          if (!isSitemapComplete(text)) {
            throw new JobsiftError('truncated_sitemap', `sitemap ${url} ends before its end tag`, {
              retryable: true,
            });
          }
          const sitemap = parseSitemap(text, url);
          await enqueue(self, [
            ...sitemap.sitemaps.map(
              (loc): PageRequest => ({
                url: loc,
                userData: { label: 'jsonld-entry', sitemap: true },
              }),
            ),
            ...(await changedPages(sitemap.pages)).map(
              (page): PageRequest => ({
                url: page.url,
                userData: {
                  label: 'jsonld-page',
                  depth: 1,
                  sitemapUrl: page.url,
                  ...(page.lastmod === undefined ? {} : { lastmod: page.lastmod }),
                },
              }),
            ),
          ]);
          return;
        }
        const result = parseJobPostingPage(text, { source, url, now: now() });
        if (result.postings.length > 0 || result.failures.length > 0) {
          await accept(result);
          return;
        }
        const links = jobLinksFromListing(text, url);
        await enqueue(
          self,
          links.map(
            (link): PageRequest => ({ url: link, userData: { label: 'jsonld-page', depth: 1 } }),
          ),
        );
        return;
      }
      case 'jsonld-page': {
        // Parsed even once maxPostings is reached, so accept() records the cut-off (truncated).
        const result = parseJobPostingPage(text, { source, url, now: now() });
        // Sitemaps also list category and listing pages: a page without a JobPosting is not a failure.
        if (result.postings.length === 0 && result.failures.length === 0 && !result.skipped) {
          report.pages.withoutPostings += 1;
        }
        await accept(result);
        // Its postings are queued: an unchanged page need not be read again. One that failed
        // is read again, so a later crawl still reports what is wrong with it.
        if (
          data.sitemapUrl !== undefined &&
          data.lastmod !== undefined &&
          result.failures.length === 0 &&
          !report.truncated
        ) {
          await options.pageMemory?.remember([{ url: data.sitemapUrl, lastmod: data.lastmod }]);
        }
        return;
      }
    }
  };

  // The start page's robots.txt is read first: its Crawl-delay sets how far apart requests go,
  // and so how many may wait at once.
  const start = startRequest(source);
  const startRequests = await allowedByRobots([start]);
  const intervalMs = pacer.intervalFor(new URL(start.url).host);
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

  const crawler = new CheerioCrawler(
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
        'text/plain',
        // Gzipped sitemaps (sitemap.xml.gz) come as files, not with Content-Encoding.
        'application/gzip',
        'application/x-gzip',
        'application/octet-stream',
      ],
      // robots.txt is checked before a request is added (allowedByRobots), not by Crawlee, whose
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
          const text = await responseText(body);
          await handlePage(request.userData as UserData, text, url, self);
        } catch (error) {
          // A response of the wrong shape will not improve on retry; anything else may.
          if (isJobsiftError(error) && !error.retryable) throw new NonRetryableError(error.message);
          throw error;
        }
        report.pages.ok += 1;
      },
      errorHandler: async ({ request }, error) => unreachable(request.url, error),
      failedRequestHandler: async ({ request }, error) => {
        unreachable(request.url, error, true);
        if ((request.userData as UserData).label === 'jsonld-entry') entriesUnread += 1;
        report.pages.failed += 1;
        if (!(error instanceof NonRetryableError)) report.pages.gaveUp += 1;
        report.complete = false;
        const attempts = request.retryCount + 1;
        addFailure(report, {
          url: request.url,
          reason: `${describeRequestError(request.url, error)} (after ${plural(attempts, 'attempt')})`,
        });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run(startRequests);
  if (pagesOverLimit !== undefined) {
    addFailure(report, {
      url: pagesOverLimit.first,
      reason: `not fetched: the crawl reached maxPages (${source.maxPages}); ${plural(pagesOverLimit.count, 'more page')} left`,
    });
  }
  if (report.truncated) report.complete = false;
  if (sitemapsRead > 0 && entriesUnread === 0 && !report.truncated) {
    await options.pageMemory?.keepOnly(listed);
  }
  report.finishedAt = now().toISOString();
  return report;
}

function startRequest(source: SourceConfig): PageRequest {
  switch (source.type) {
    case 'greenhouse':
      return { url: greenhouseBoardUrl(source), userData: { label: 'board' } };
    case 'ashby':
      return { url: ashbyBoardUrl(source), userData: { label: 'board' } };
    case 'lever':
      return {
        url: leverPageUrl(source, 0, LEVER_PAGE_SIZE),
        userData: { label: 'lever-page', skip: 0 },
      };
    case 'jsonld':
      return { url: source.url, userData: { label: 'jsonld-entry' } };
  }
}

const BOARD_SLICE = 250;

/** `[offset, body]` pairs: the board as given, or copies holding `BOARD_SLICE` jobs each. */
function* boardSlices(json: unknown): Generator<[number, unknown]> {
  const jobs = (json as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs) || jobs.length <= BOARD_SLICE) {
    yield [0, json];
    return;
  }
  for (let offset = 0; offset < jobs.length; offset += BOARD_SLICE) {
    yield [offset, { ...(json as object), jobs: jobs.slice(offset, offset + BOARD_SLICE) }];
  }
}

/** Parses a board API response; one that is not JSON (cut short, an HTML error page) is retried. */
function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JobsiftError('not_json', `response of ${url} is not JSON: ${describeError(error)}`, {
      cause: error,
      retryable: true,
    });
  }
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
