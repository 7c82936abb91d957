/**
 * Pure source adapters: request URLs and response → Posting mapping per source type, plus
 * sitemap and listing-page link discovery. No network, no clock (pass `now` in the context).
 * Every adapter returns postings and per-item failures; a body of the wrong shape throws
 * `InputError`.
 */

/** Retry-After parsing and exponential backoff with full jitter. */
export { backoffDelay, parseRetryAfter } from '../retry-after.js';
/** Ashby job board: `ashbyBoardUrl`, `parseAshbyBoard` (skips unlisted jobs). */
export { type AshbySource, ashbyAdapter, ashbyBoardUrl, parseAshbyBoard } from './ashby.js';
/** RSS 2.0 and Atom feeds (`type: rss`). */
export { type FeedSource, feedAdapter } from './feed.js';
/** Greenhouse board: `greenhouseBoardUrl`, `parseGreenhouseBoard` (decodes `content` once). */
export {
  type GreenhouseSource,
  greenhouseAdapter,
  greenhouseBoardUrl,
  parseGreenhouseBoard,
} from './greenhouse.js';
/** "Ask HN: Who is hiring?" threads, and the reading of a comment's first line. */
export { type HnSource, hnAdapter, hnCommentsUrl, hnThreadsUrl } from './hn.js';
export { type HiringLine, parseHiringLine } from './hn-first-line.js';
/** JSON bodies (a bad one is retried) and big boards parsed in slices. */
export { type ArrayMember, arrayMember } from './json-members.js';
/** schema.org JobPosting JSON-LD in any page. */
export { parseJobPostingPage } from './jsonld.js';
/** Websites: sitemaps or a listing page, then JSON-LD job pages. */
export { type JsonLdSource, jsonLdAdapter } from './jsonld-adapter.js';
/** The tolerant JSON parser used for JSON-LD blocks. */
export { parseLenientJson } from './lenient-json.js';
/** Lever board pages: `leverPageUrl`, `parseLeverPage` (`itemCount` drives paging). */
export {
  LEVER_PAGE_SIZE,
  type LeverSource,
  leverAdapter,
  leverPageUrl,
  parseLeverPage,
} from './lever.js';
/** Same-origin candidate job links of a careers listing page. */
export { jobLinksFromListing } from './listing.js';
export { boardSlices, jsonBoardSlices, parseJsonBody } from './page-body.js';
/** Personio XML feeds. */
export { type PersonioSource, personioAdapter } from './personio.js';
/** Recruitee Careers Site API. */
export { type RecruiteeSource, recruiteeAdapter } from './recruitee.js';
/** Every source type's adapter. */
export { ADAPTERS, adapterFor } from './registry.js';
/** Remote OK's JSON API (the legal notice left out, each posting linking back). */
export { type RemoteOkSource, remoteOkAdapter } from './remoteok.js';
/** Sitemaps and sitemap indexes (sitemaps.org). */
export {
  isSitemapComplete,
  isSitemapXml,
  parseSitemap,
  type Sitemap,
  type SitemapPage,
} from './sitemap.js';
/** SmartRecruiters Posting API: list pages, then each posting. */
export {
  type SmartRecruitersSource,
  smartRecruitersAdapter,
  smartRecruitersListUrl,
} from './smartrecruiters.js';
export type { AdapterContext, AdapterFailure, AdapterResult, BaseSource } from './types.js';
/** Workable widget API, with per-job details when the widget lacks a description. */
export {
  type WorkableSource,
  workableAdapter,
  workableJobUrl,
  workableWidgetUrl,
} from './workable.js';
