import { load } from 'cheerio';
import { InputError } from '../../errors.js';
import { trimmed } from './posting-fields.js';

export interface SitemapPage {
  url: string;
  /** `<lastmod>` as written (W3C datetime: a date or a full timestamp), when present. */
  lastmod?: string;
}

export interface Sitemap {
  /** `<url>` entries of a `<urlset>`. */
  pages: SitemapPage[];
  /** `<sitemap>` entries of a `<sitemapindex>`: more sitemaps to fetch. */
  sitemaps: string[];
}

const ROOT =
  /^(?:\uFEFF)?\s*(?:<\?xml[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?xml-stylesheet[^>]*\?>\s*)*<(?:([\w.-]+):)?(urlset|sitemapindex)\b/i;

/** Whether `body` is a sitemap (`<urlset>`) or a sitemap index (`<sitemapindex>`). */
export function isSitemapXml(body: string): boolean {
  return ROOT.test(body);
}

/** Whether a sitemap ends with the end tag of its root: one cut short in transfer does not. */
export function isSitemapComplete(body: string): boolean {
  return /<\/(?:[\w.-]+:)?(?:urlset|sitemapindex)\s*>\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(body);
}

/**
 * Reads a sitemap or sitemap index (sitemaps.org protocol). `baseUrl` is the URL the sitemap
 * was fetched from: relative `<loc>`s are resolved against it, and `<loc>`s on another origin
 * (which the protocol does not allow a sitemap to list) are ignored, as are non-http(s) ones.
 * Entities (`&amp;`) are decoded; URLs are de-duplicated in document order. Gzipped sitemaps
 * must be gunzipped first.
 *
 * @throws InputError when the body is not a `<urlset>` or `<sitemapindex>`.
 */
export function parseSitemap(xml: string, baseUrl: string): Sitemap {
  const match = ROOT.exec(xml);
  const rootName = match?.[2]?.toLowerCase();
  if (match === null || rootName === undefined) {
    const start = xml.trim().slice(0, 40);
    throw new InputError(
      'invalid_response',
      `${baseUrl}: expected a sitemap (<urlset> or <sitemapindex>), received ${start ? JSON.stringify(start) : 'an empty body'}`,
    );
  }
  // Entries are matched by name with the root's namespace prefix (`sm:url`), so extension
  // elements such as `image:loc` are never read as a `loc`.
  const prefix = match[1] === undefined ? '' : `${match[1].toLowerCase()}:`;
  const named =
    (name: string) =>
    (_: number, el: { name: string }): boolean =>
      el.name.toLowerCase() === prefix + name;
  const $ = load(xml, { xml: true });
  const origin = new URL(baseUrl).origin;
  const entryName = rootName === 'urlset' ? 'url' : 'sitemap';
  const seen = new Set<string>();
  const result: Sitemap = { pages: [], sitemaps: [] };
  $.root()
    .children()
    .first()
    .children()
    .filter(named(entryName))
    .each((_, entry) => {
      const fields = $(entry).children();
      const loc = sameOrigin(trimmed(fields.filter(named('loc')).first().text()), baseUrl, origin);
      if (loc === undefined || seen.has(loc)) return;
      seen.add(loc);
      if (rootName === 'sitemapindex') {
        result.sitemaps.push(loc);
        return;
      }
      const page: SitemapPage = { url: loc };
      const lastmod = trimmed(fields.filter(named('lastmod')).first().text());
      if (lastmod !== undefined) page.lastmod = lastmod;
      result.pages.push(page);
    });
  return result;
}

function sameOrigin(loc: string | undefined, baseUrl: string, origin: string): string | undefined {
  if (loc === undefined) return undefined;
  try {
    const url = new URL(loc, baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin === origin ? url.href : undefined;
  } catch {
    return undefined;
  }
}
