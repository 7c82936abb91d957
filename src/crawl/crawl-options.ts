import type { Posting } from '../posting/index.js';
import type { NearDuplicateIndex } from './near-duplicate-index.js';
import type { PageMemory } from './page-memory.js';
import type { UnreachableEvent } from './unreachable.js';

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
  /**
   * Near-duplicate detection: each new posting is checked against the postings seen before
   * (on any source); the copies are counted in the report's `postings.duplicates`, and the index
   * remembers which posting each one copies, so that it is recorded once.
   */
  nearDuplicates?: NearDuplicateIndex;
  /** Told when a host cannot be reached: at its first failure, then every `unreachableEveryMs` (30 s). */
  onUnreachable?: (event: UnreachableEvent) => void;
  unreachableEveryMs?: number;
}
