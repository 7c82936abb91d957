import { z } from 'zod';
import { JobsiftError } from '../../errors.js';
import { type CrawlRequest, defineAdapter, type PageOutcome } from '../source-adapter.js';
import { commonOptions, urlOption } from '../source-options.js';

// The page parsers load cheerio, which a process worker (validating a source in job data) must
// not pay for: they are imported when the first page arrives.
const parsers = () => import('./jsonld-parsers.js');

/** Links deep from a listing page, when `maxDepth` is not set. */
const DEFAULT_MAX_DEPTH = 2;

const linkPattern = z.string().superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a regular expression (${error instanceof Error ? error.message : String(error)})`,
      input: pattern,
    });
  }
});

/** `type: jsonld`: a website whose job pages carry schema.org JobPosting JSON-LD. */
export const jsonLdOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('jsonld'),
  /** A sitemap (or sitemap index), or a listing page whose links lead to job pages. */
  url: urlOption('a sitemap or listing page'),
  /**
   * From a listing page: how many links deep to go. 1 reads the pages it links to; 2 (the
   * default) also follows the links of those that have no JobPosting (page 2 of the listing, a
   * department's list). Sitemap pages are never followed further.
   */
  maxDepth: z.number().int().min(1).max(5).optional(),
  /** From a listing page: only links whose URL matches this regular expression are followed. */
  linkPattern: linkPattern.optional(),
});
export type JsonLdSource = z.output<typeof jsonLdOptions>;

/**
 * Websites with JSON-LD job pages, found through their sitemaps (index, `.xml.gz`, `<lastmod>`
 * remembered between crawls) or, without a sitemap, through the same-origin links of a careers
 * listing page, to `maxDepth`. robots.txt is obeyed; maxPages bounds what is fetched.
 */
export const jsonLdAdapter = defineAdapter({
  type: 'jsonld',
  options: jsonLdOptions,
  website: true,
  origin: (source) => new URL(source.url).origin,
  start: (source) => [{ url: source.url, label: 'entry', listing: true }],
  async *handle(page, ctx): AsyncGenerator<PageOutcome> {
    const {
      isSitemapComplete,
      isSitemapXml,
      jobLinksFromListing,
      parseJobPostingPage,
      parseSitemap,
    } = await parsers();
    const { text, url, request } = page;
    const data = request.data ?? {};
    if (request.label === 'entry' && isSitemapXml(text)) {
      // A partial list would be read as the whole one: retry it instead.
      if (!isSitemapComplete(text)) {
        throw new JobsiftError('truncated_sitemap', `sitemap ${url} ends before its end tag`, {
          retryable: true,
        });
      }
      const sitemap = parseSitemap(text, url);
      const changed = await ctx.changedPages(sitemap.pages);
      yield {
        requests: [
          ...sitemap.sitemaps.map(
            (loc): CrawlRequest => ({
              url: loc,
              label: 'entry',
              data: { sitemap: true },
              listing: true,
            }),
          ),
          ...changed.map(
            (entry): CrawlRequest => ({
              url: entry.url,
              label: 'page',
              data: {
                fromSitemap: true,
                ...(entry.lastmod === undefined ? {} : { lastmod: entry.lastmod }),
              },
            }),
          ),
        ],
      };
      return;
    }
    if (data.sitemap === true) {
      throw new JobsiftError('not_sitemap', `response of ${url} is not a sitemap`, {
        retryable: true,
      });
    }
    // Parsed even once maxPostings is reached, so the crawl records the cut-off (truncated).
    const result = parseJobPostingPage(text, { source: ctx.source, url, now: ctx.now });
    const found = result.postings.length > 0 || result.failures.length > 0;
    const depth = request.label === 'entry' ? 0 : Number(data.depth ?? 1);
    if (found || request.label === 'page') {
      // Sitemaps also list category and listing pages: a page without a JobPosting is not a failure.
      yield { ...result, withoutPostings: !found && !result.skipped };
    }
    if (data.fromSitemap === true) {
      // Its postings are queued: an unchanged page need not be read again. One that failed is
      // read again, so a later crawl still reports what is wrong with it.
      if (typeof data.lastmod === 'string' && result.failures.length === 0 && !ctx.truncated) {
        await ctx.remember([{ url: request.url, lastmod: data.lastmod }]);
      }
      return;
    }
    if (found || depth >= (ctx.source.maxDepth ?? DEFAULT_MAX_DEPTH)) return;
    const pattern =
      ctx.source.linkPattern === undefined ? undefined : new RegExp(ctx.source.linkPattern);
    const links = jobLinksFromListing(text, url).filter(
      (link) => pattern === undefined || pattern.test(link),
    );
    yield {
      requests: links.map(
        (link): CrawlRequest => ({ url: link, label: 'page', data: { depth: depth + 1 } }),
      ),
    };
  },
});
