import { load } from 'cheerio';

/** Paths ending like this are files, not pages. */
const ASSET =
  /\.(?:css|js|mjs|json|xml|rss|atom|png|jpe?g|gif|svg|webp|avif|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|zip|gz|tgz|rar|7z|mp[34]|m4a|mov|avi|webm|ogg|wav|woff2?|ttf|otf|eot)$/i;

/**
 * The links of a careers listing page that may lead to job pages: absolute URLs on the page's
 * own origin (after `<base href>`), without fragments, de-duplicated in document order.
 * Skips `mailto:`/`tel:`/`javascript:` and other non-http(s) links, assets (stylesheets,
 * scripts, images, PDFs, documents, archives, fonts, media) and the page itself.
 */
export function jobLinksFromListing(html: string, pageUrl: string): string[] {
  const $ = load(html);
  const page = withoutFragment(pageUrl);
  const origin = new URL(pageUrl).origin;
  let base = pageUrl;
  const baseHref = $('base[href]').first().attr('href');
  if (baseHref !== undefined) {
    try {
      base = new URL(baseHref.trim(), pageUrl).href;
    } catch {
      // An unusable <base href> is ignored, as browsers do.
    }
  }
  const links = new Set<string>();
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')?.trim();
    if (href === undefined || href === '' || href.startsWith('#')) return;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    if (url.origin !== origin || ASSET.test(url.pathname)) return;
    url.hash = '';
    if (url.href !== page) links.add(url.href);
  });
  return [...links];
}

function withoutFragment(href: string): string {
  const url = new URL(href);
  url.hash = '';
  return url.href;
}
