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
  /**
   * `unchanged`: sitemap pages not fetched because their `<lastmod>` is the one already read.
   * `gaveUp`: failed pages whose fault was transient (5xx, timeout, 429, a body cut short or
   * not the JSON/XML expected) and whose retries ran out; the crawl job then fails.
   */
  pages: {
    ok: number;
    failed: number;
    gaveUp: number;
    skipped: number;
    unchanged: number;
    withoutPostings: number;
  };
  /** `skipped`: unlisted or expired postings, left out on purpose. */
  /** `withdrawn`: postings no longer listed, taken out of the stats after a complete crawl. */
  /**
   * `duplicates` (with near-duplicate detection on): found postings that copy one seen before,
   * on this source or another; they count once.
   */
  postings: {
    found: number;
    failed: number;
    skipped: number;
    withdrawn?: number;
    duplicates?: number;
  };
  /** Up to 50 failures with their reasons (pages and postings). */
  failures: CrawlFailure[];
  /** False when a page failed, paging stopped early, or a limit cut the crawl short. */
  complete: boolean;
  /** maxPostings or maxPages cut the crawl short. */
  truncated: boolean;
}

const MAX_REPORTED_FAILURES = 50;

/** A report with nothing done yet. */
export function newCrawlReport(source: string, startedAt: Date): CrawlReport {
  return {
    source,
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    pages: { ok: 0, failed: 0, gaveUp: 0, skipped: 0, unchanged: 0, withoutPostings: 0 },
    postings: { found: 0, failed: 0, skipped: 0 },
    failures: [],
    complete: true,
    truncated: false,
  };
}

/** Records a failure; past the first 50 only the counts grow. */
export function addFailure(report: CrawlReport, failure: CrawlFailure): void {
  if (report.failures.length < MAX_REPORTED_FAILURES) report.failures.push(failure);
}
