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
/** Greenhouse board: `greenhouseBoardUrl`, `parseGreenhouseBoard` (decodes `content` once). */
export {
  type GreenhouseSource,
  greenhouseAdapter,
  greenhouseBoardUrl,
  parseGreenhouseBoard,
} from './greenhouse.js';
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
/** JSON bodies (a bad one is retried) and big boards parsed in slices. */
export { boardSlices, parseJsonBody } from './page-body.js';
/** Every source type's adapter. */
export { ADAPTERS, adapterFor } from './registry.js';
/** Sitemaps and sitemap indexes (sitemaps.org). */
export {
  isSitemapComplete,
  isSitemapXml,
  parseSitemap,
  type Sitemap,
  type SitemapPage,
} from './sitemap.js';
export type { AdapterContext, AdapterFailure, AdapterResult, BaseSource } from './types.js';
