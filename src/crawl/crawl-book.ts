import { plural } from '../format.js';
import { type Posting, postingKey } from '../posting/index.js';
import type { SitemapPage } from './adapters/sitemap.js';
import type { CrawlOptions } from './crawl-options.js';
import { addFailure, type CrawlReport, newCrawlReport } from './crawl-report.js';
import type { RobotsCheck } from './robots.js';
import type { CrawlRequest, PageOutcome } from './source-adapter.js';
import type { SourceConfig } from './sources.js';

/**
 * The bookkeeping of one crawl, whatever the source type: which postings were accepted (each
 * key once, up to maxPostings), which requests may be made (robots.txt, maxPages, each URL
 * once), what the sitemaps listed, and the report.
 */
export interface CrawlBook {
  readonly report: CrawlReport;
  isNew(key: string): boolean;
  /** The requests robots.txt allows; the others are counted skipped or failed. */
  allowed(requests: readonly CrawlRequest[]): Promise<CrawlRequest[]>;
  /** Counts requests handed to Crawlee outside `apply` (the start requests). */
  counted(count: number): void;
  /** Takes in one part of a page's outcome; returns the requests to hand to Crawlee. */
  apply(outcome: PageOutcome, url: string): Promise<CrawlRequest[]>;
  changedPages(pages: readonly SitemapPage[]): Promise<SitemapPage[]>;
  /** A posting request's response is being handled: it no longer counts as pending. */
  handling(request: CrawlRequest): void;
  /** Handling it failed and it will be retried (or fail): pending again until then. */
  unhandled(request: CrawlRequest): void;
  /** A page failed for good (its retries ran out, or it cannot succeed). */
  pageFailed(request: CrawlRequest): void;
  finish(finishedAt: Date): Promise<CrawlReport>;
}

export function createCrawlBook(
  source: SourceConfig,
  options: CrawlOptions,
  startedAt: Date,
  robots: RobotsCheck | undefined,
): CrawlBook {
  const report = newCrawlReport(source.id, startedAt);
  const seenPostingKeys = new Set<string>();
  const requested = new Set<string>();
  // What the sitemaps list, and whether every sitemap was read: only then does the page memory
  // forget the pages they no longer list. (It is a cache: forgetting too much costs fetches.)
  const listed = new Set<string>();
  let sitemapsRead = 0;
  let listingsUnread = 0;
  let pagesAdded = 0;
  /** Posting requests handed to Crawlee whose response has not been handled yet. */
  const pendingPostings = new Set<string>();
  let pagesOverLimit: { first: string; count: number } | undefined;

  /**
   * One robots.txt disallows is a skipped page; one whose robots.txt could not be read is a
   * failed page, so a crawl that got nothing else fails and is retried later.
   */
  const allowed = async (requests: readonly CrawlRequest[]): Promise<CrawlRequest[]> => {
    const fresh = requests.filter((request) => {
      if (requested.has(request.url)) return false;
      requested.add(request.url);
      return true;
    });
    if (robots === undefined) return fresh;
    const kept: CrawlRequest[] = [];
    for (const request of fresh) {
      const verdict = await robots(request.url);
      if (verdict.allowed) {
        kept.push(request);
        continue;
      }
      if (request.listing) listingsUnread += 1;
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
    return kept;
  };

  /** Past maxPages the rest are dropped (and reported once, at the end). */
  const withinLimit = (all: CrawlRequest[]): CrawlRequest[] => {
    let postingRoom = source.maxPostings - seenPostingKeys.size - pendingPostings.size;
    const requests = all.filter((request) => {
      if (!request.posting) return true;
      if (postingRoom <= 0) {
        report.truncated = true;
        return false;
      }
      postingRoom -= 1;
      return true;
    });
    const room = Math.max(0, source.maxPages - pagesAdded);
    const taken = requests.slice(0, room);
    const [firstDropped] = requests.slice(room);
    if (firstDropped !== undefined) {
      report.truncated = true;
      pagesOverLimit ??= { first: firstDropped.url, count: 0 };
      pagesOverLimit.count += requests.length - taken.length;
    }
    pagesAdded += taken.length;
    for (const request of taken) if (request.posting) pendingPostings.add(request.url);
    return taken;
  };

  const accept = async (outcome: PageOutcome): Promise<void> => {
    const postings = outcome.postings ?? [];
    const failures = outcome.failures ?? [];
    options.onListed?.([
      ...postings.map((posting) => posting.key),
      ...failures.flatMap((failure) =>
        failure.sourceId === undefined ? [] : [postingKey(source.id, failure.sourceId)],
      ),
    ]);
    report.postings.failed += failures.length;
    report.postings.skipped += outcome.skipped ?? 0;
    for (const failure of failures) addFailure(report, failure);
    const fresh: Posting[] = [];
    for (const posting of postings) {
      if (seenPostingKeys.has(posting.key)) continue;
      if (seenPostingKeys.size >= source.maxPostings) {
        report.truncated = true;
        break;
      }
      seenPostingKeys.add(posting.key);
      fresh.push(posting);
    }
    report.postings.found += fresh.length;
    const index = options.nearDuplicates;
    if (index !== undefined) {
      const copies = (await index.checkAll(fresh)).filter((v) => v.copyOf !== undefined).length;
      report.postings.duplicates = (report.postings.duplicates ?? 0) + copies;
    }
    if (fresh.length > 0) await options.onPostings(fresh);
  };

  return {
    report,
    isNew: (key) => !seenPostingKeys.has(key),
    allowed,
    counted(count) {
      pagesAdded += count;
    },
    async apply(outcome, url) {
      if (outcome.postings !== undefined || outcome.failures !== undefined) await accept(outcome);
      else report.postings.skipped += outcome.skipped ?? 0;
      if (outcome.withoutPostings) report.pages.withoutPostings += 1;
      if (outcome.truncated) report.truncated = true;
      if (outcome.incomplete !== undefined) {
        report.complete = false;
        addFailure(report, { url, reason: outcome.incomplete });
      }
      if (outcome.requests === undefined || outcome.requests.length === 0) return [];
      return withinLimit(await allowed(outcome.requests));
    },
    async changedPages(pages) {
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
    },
    handling(request) {
      pendingPostings.delete(request.url);
    },
    unhandled(request) {
      if (request.posting) pendingPostings.add(request.url);
    },
    pageFailed(request) {
      pendingPostings.delete(request.url);
      if (request.listing) listingsUnread += 1;
      report.pages.failed += 1;
      report.complete = false;
    },
    async finish(finishedAt) {
      if (pagesOverLimit !== undefined) {
        addFailure(report, {
          url: pagesOverLimit.first,
          reason: `not fetched: the crawl reached maxPages (${source.maxPages}); ${plural(pagesOverLimit.count, 'more page')} left`,
        });
      }
      if (report.truncated) report.complete = false;
      if (sitemapsRead > 0 && listingsUnread === 0 && !report.truncated) {
        await options.pageMemory?.keepOnly(listed);
      }
      report.finishedAt = finishedAt.toISOString();
      return report;
    },
  };
}
