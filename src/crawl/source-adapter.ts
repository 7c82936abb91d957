import type { z } from 'zod';
import type { SitemapPage } from './adapters/sitemap.js';
import type { AdapterFailure, AdapterResult } from './adapters/types.js';

/**
 * A request an adapter asks the crawl to make. `label` and `data` come back with the response,
 * so the adapter knows what it asked for (`label: 'page', data: { skip: 100 }`); `data` must be
 * JSON (Crawlee keeps it with the request).
 */
export interface CrawlRequest {
  url: string;
  label: string;
  data?: Record<string, unknown>;
  /**
   * A page that lists other pages (a sitemap): when it fails or robots.txt disallows it, the
   * page memory does not forget the pages that only it may still list.
   */
  listing?: boolean;
  /**
   * The response is one posting's detail (SmartRecruiters, Workable, an HN item): such
   * requests are not made past maxPostings (the crawl is then truncated).
   */
  posting?: boolean;
}

/** One response, as the adapter sees it: the text of the body and the request it answers. */
export interface FetchedPage {
  /** The URL the body came from, after redirects. */
  url: string;
  /**
   * The body as text (decoded when first read); `parseJsonBody` empties it once parsed, so it
   * is held once.
   */
  text: string;
  /** The body's bytes when the response was not compressed: a board can be read in parts. */
  readonly bytes?: Buffer;
  request: CrawlRequest;
}

/**
 * What the crawl offers an adapter while it handles a page. The crawl accepts each part an
 * adapter yields before the adapter resumes, so `isNew` and `truncated` see what came before.
 */
export interface PageContext<S> {
  source: S;
  /** The crawl's clock. */
  now: Date;
  /** Whether no posting with this key was accepted earlier in the crawl. */
  isNew(key: string): boolean;
  /** Whether maxPostings (or maxPages) has cut the crawl short. */
  readonly truncated: boolean;
  /**
   * The sitemap pages to fetch: those whose `<lastmod>` differs from the one the page memory
   * has (all of them without a memory); the others count as unchanged.
   */
  changedPages(pages: readonly SitemapPage[]): Promise<SitemapPage[]>;
  /** Remembers pages read whole (no failures), so a later crawl skips them while unchanged. */
  remember(pages: readonly { url: string; lastmod: string }[]): Promise<void>;
}

/** One part of what a page gave; every field is optional. */
export interface PageOutcome extends Partial<AdapterResult> {
  /** More pages to fetch (robots.txt is asked first for websites; maxPages bounds them). */
  requests?: CrawlRequest[];
  /** Paging stopped early for this reason: the crawl is incomplete. */
  incomplete?: string;
  /** The page was read but holds no posting (a category page of a sitemap). */
  withoutPostings?: boolean;
  /** The adapter left postings out for maxPostings (it did not ask for their details). */
  truncated?: boolean;
}

/**
 * One source type. The crawl (`crawlSource`) does the fetching, politeness and bookkeeping;
 * an adapter says what to fetch first and what each response means.
 *
 * @example
 * export const exampleAdapter = defineAdapter({
 *   type: 'example',
 *   options: z.strictObject({ ...commonOptions, type: z.literal('example'), board: boardName }),
 *   origin: () => 'https://api.example.com',
 *   start: (source) => [{ url: `https://api.example.com/jobs/${source.board}`, label: 'board' }],
 *   *handle(page, ctx) { yield parseBoard(parseJsonBody(page), ctx.source, page.url); },
 * });
 */
export interface SourceAdapter<O extends SourceOptions = SourceOptions, S = z.output<O>> {
  readonly type: string;
  /** The sources.yaml entry of this type: a strict object (typos fail) with the common fields. */
  readonly options: O;
  /** Where requests go by default: the source's own origin, for the redirect policy. */
  origin(source: S): string;
  /** A website rather than an API: robots.txt is read and obeyed. */
  readonly website?: boolean;
  /** The first requests of a crawl. */
  start(source: S): CrawlRequest[];
  /**
   * What a response means, in parts: postings and per-item failures, more requests, or why
   * paging stops. Throwing `JobsiftError` with `retryable: true` (a body cut short, not JSON)
   * retries the page; a non-retryable one fails it.
   */
  handle(
    page: FetchedPage,
    ctx: PageContext<S>,
  ): Iterable<PageOutcome> | AsyncIterable<PageOutcome>;
}

/** The schema of a sources.yaml entry: a strict object with a literal `type`. */
export type SourceOptions = z.ZodObject<{ type: z.ZodLiteral<string> } & z.core.$ZodLooseShape>;

/** Types an adapter: its source type is inferred from `options`. */
export function defineAdapter<O extends SourceOptions>(
  adapter: SourceAdapter<O>,
): SourceAdapter<O> {
  return adapter;
}

export type { AdapterFailure };
