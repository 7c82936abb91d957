import { setTimeout as sleep } from 'node:timers/promises';
import { CheerioCrawler, Configuration, log, NonRetryableError } from '@crawlee/cheerio';
import { describeError, isJobsiftError } from '../errors.js';
import type { Posting } from '../posting/index.js';
import {
  type AdapterResult,
  ashbyBoardUrl,
  greenhouseBoardUrl,
  isSitemapXml,
  jobLinksFromListing,
  LEVER_PAGE_SIZE,
  leverPageUrl,
  parseAshbyBoard,
  parseGreenhouseBoard,
  parseJobPostingPage,
  parseLeverPage,
  parseSitemap,
} from './adapters/index.js';
import { backoffDelay, parseRetryAfter } from './retry-after.js';
import type { SourceConfig } from './sources.js';

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
}

export interface CrawlFailure {
  url: string;
  reason: string;
  sourceId?: string;
}

/** What one crawl did: every page and posting is accounted for, with why it failed if it did. */
export interface CrawlReport {
  source: string;
  startedAt: string;
  finishedAt: string;
  pages: { ok: number; failed: number; skipped: number; withoutPostings: number };
  /** `skipped`: unlisted or expired postings, left out on purpose. */
  postings: { found: number; failed: number; skipped: number };
  /** Up to 50 failures with their reasons (pages and postings). */
  failures: CrawlFailure[];
  /** False when a page failed or maxPostings cut the crawl short. */
  complete: boolean;
  truncated: boolean;
}

type Label = 'board' | 'lever-page' | 'jsonld-entry' | 'jsonld-page';
interface UserData {
  label: Label;
  skip?: number;
  depth?: number;
}

const MAX_REPORTED_FAILURES = 50;

/**
 * Crawls one source with Crawlee's CheerioCrawler, politely: the source's requests-per-minute
 * limit, robots.txt for websites, backoff on 5xx and timeouts, `Retry-After` on 429. Storage
 * stays in memory (the frontier of record is the BullMQ queue). Never throws for a bad page or
 * posting; the report says what failed and why.
 */
export async function crawlSource(
  source: SourceConfig,
  options: CrawlOptions,
): Promise<CrawlReport> {
  const now = options.now ?? (() => new Date());
  const report: CrawlReport = {
    source: source.id,
    startedAt: now().toISOString(),
    finishedAt: '',
    pages: { ok: 0, failed: 0, skipped: 0, withoutPostings: 0 },
    postings: { found: 0, failed: 0, skipped: 0 },
    failures: [],
    complete: true,
    truncated: false,
  };
  const addFailure = (failure: CrawlFailure) => {
    if (report.failures.length < MAX_REPORTED_FAILURES) report.failures.push(failure);
  };
  const pausedUntil = new Map<string, number>();
  const seenPostingKeys = new Set<string>();
  const backoffBaseMs = options.backoffBaseMs ?? 1_000;
  const backoffCapMs = options.backoffCapMs ?? 30_000;
  const retryAfterCapMs = options.retryAfterCapMs ?? 120_000;
  const userAgent = options.userAgent ?? USER_AGENT;

  const accept = async (result: AdapterResult): Promise<void> => {
    report.postings.failed += result.failures.length;
    report.postings.skipped += result.skipped ?? 0;
    for (const failure of result.failures) addFailure(failure);
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
        await accept(result);
        const skip = (data.skip ?? 0) + result.itemCount;
        // A full page means there may be more: page on until a posting is actually cut off, so
        // a board filled exactly at a page boundary still reports whether it was truncated.
        if (result.itemCount >= LEVER_PAGE_SIZE && !report.truncated) {
          await self.addRequests([
            {
              url: leverPageUrl(source, skip, LEVER_PAGE_SIZE),
              userData: { label: 'lever-page', skip },
            },
          ]);
        }
        return;
      }
      case 'jsonld-entry': {
        if (isSitemapXml(text)) {
          const sitemap = parseSitemap(text, url);
          await self.addRequests([
            ...sitemap.sitemaps.map((loc) => ({
              url: loc,
              userData: { label: 'jsonld-entry' },
            })),
            ...sitemap.pages.map((page) => ({
              url: page.url,
              userData: { label: 'jsonld-page', depth: 1 },
            })),
          ]);
          return;
        }
        const result = parseJobPostingPage(text, { source, url, now: now() });
        if (result.postings.length > 0 || result.failures.length > 0) {
          await accept(result);
          return;
        }
        const links = jobLinksFromListing(text, url);
        await self.addRequests(
          links.map((link) => ({ url: link, userData: { label: 'jsonld-page', depth: 1 } })),
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
        return;
      }
    }
  };

  const crawler = new CheerioCrawler(
    {
      maxRequestsPerMinute: source.maxRequestsPerMinute,
      maxConcurrency: 4,
      maxRequestRetries: options.maxRetries ?? 3,
      requestHandlerTimeoutSecs: options.requestTimeoutSecs ?? 60,
      navigationTimeoutSecs: options.requestTimeoutSecs ?? 60,
      useSessionPool: false,
      persistCookiesPerSession: false,
      additionalMimeTypes: [
        'application/json',
        'application/xml',
        'text/xml',
        'application/rss+xml',
        'text/plain',
      ],
      ...(source.type === 'jsonld' ? { respectRobotsTxtFile: { userAgent: ROBOTS_AGENT } } : {}),
      onSkippedRequest: async ({ url, reason }) => {
        report.pages.skipped += 1;
        if (reason === 'robotsTxt') addFailure({ url, reason: 'disallowed by robots.txt' });
      },
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          gotOptions.headers = { ...gotOptions.headers, 'user-agent': userAgent };
          gotOptions.useHeaderGenerator = false;
          gotOptions.http2 = false;
          const host = new URL(request.url).host;
          let wait = (pausedUntil.get(host) ?? 0) - Date.now();
          if (request.retryCount > 0) {
            wait = Math.max(wait, backoffDelay(request.retryCount, backoffBaseMs, backoffCapMs));
          }
          if (wait > 0) await sleep(wait);
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
          pausedUntil.set(new URL(request.url).host, Date.now() + wait);
          throw new Error(`429 Too Many Requests (retrying after ${Math.round(wait / 1000)} s)`);
        }
        if (status >= 400) throw new NonRetryableError(`HTTP ${status}`);
        const text = typeof body === 'string' ? body : body.toString('utf8');
        try {
          await handlePage(request.userData as UserData, text, url, self);
        } catch (error) {
          // A response of the wrong shape will not improve on retry; anything else may.
          if (isJobsiftError(error) && !error.retryable) throw new NonRetryableError(error.message);
          throw error;
        }
        report.pages.ok += 1;
      },
      failedRequestHandler: async ({ request }, error) => {
        report.pages.failed += 1;
        report.complete = false;
        const attempts = request.retryCount + 1;
        addFailure({
          url: request.url,
          reason: `${describeError(error)} (after ${attempts} attempt${attempts === 1 ? '' : 's'})`,
        });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run([startRequest(source)]);
  if (report.truncated) report.complete = false;
  report.finishedAt = now().toISOString();
  return report;
}

function startRequest(source: SourceConfig): { url: string; userData: UserData } {
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

function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NonRetryableError(`response of ${url} is not JSON: ${describeError(error)}`);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Crawlee logs every request at INFO; jobsift reports crawls itself. */
export function quietCrawleeLogs(): void {
  log.setLevel(log.LEVELS.ERROR);
}
