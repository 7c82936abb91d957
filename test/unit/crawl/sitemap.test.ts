import { describe, expect, it } from 'vitest';
import { isSitemapXml, parseSitemap } from '../../../src/crawl/adapters/index.js';
import { InputError } from '../../../src/errors.js';
import { readSourceText as readText } from '../../support/source-fixtures.js';

const SITE = 'https://careers.orbitalledger.example';

function urlset(
  entries: string,
  open = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open}${entries}</urlset>`;
}

describe('parseSitemap', () => {
  it('reads a urlset: decoded locs, lastmod when present', async () => {
    const result = parseSitemap(await readText('sitemap.xml'), `${SITE}/sitemaps/jobs.xml`);
    expect(result).toEqual({
      pages: [
        {
          url: `${SITE}/jobs/senior-platform-engineer-7731`,
          lastmod: '2026-02-27T08:15:00+00:00',
        },
        { url: `${SITE}/jobs/data-analyst-7740?utm_source=sitemap&ref=xml`, lastmod: '2026-03-01' },
        { url: `${SITE}/jobs/` },
      ],
      sitemaps: [],
    });
  });

  it('reads a sitemap index as more sitemaps to fetch', async () => {
    const result = parseSitemap(await readText('sitemap-index.xml'), `${SITE}/sitemap-index.xml`);
    expect(result).toEqual({
      pages: [],
      sitemaps: [`${SITE}/sitemaps/jobs.xml`, `${SITE}/sitemaps/pages.xml.gz`],
    });
  });

  it('ignores locs on another origin, other schemes and duplicates; resolves relative ones', () => {
    const xml = urlset(
      [
        `<url><loc>${SITE}/jobs/1</loc></url>`,
        '<url><loc>https://evil.example/jobs/2</loc></url>',
        `<url><loc>http://careers.orbitalledger.example/jobs/3</loc></url>`,
        `<url><loc>${SITE}:8443/jobs/4</loc></url>`,
        '<url><loc>ftp://careers.orbitalledger.example/jobs/5</loc></url>',
        `<url><loc> ${SITE}/jobs/1 </loc></url>`,
        '<url><loc>/jobs/6</loc></url>',
        '<url><lastmod>2026-01-01</lastmod></url>',
      ].join(''),
    );
    const result = parseSitemap(xml, `${SITE}/sitemap.xml`);
    expect(result.pages.map((p) => p.url)).toEqual([`${SITE}/jobs/1`, `${SITE}/jobs/6`]);
  });

  it('ignores cross-origin child sitemaps of an index', () => {
    const xml =
      '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      `<sitemap><loc>${SITE}/a.xml</loc></sitemap>` +
      '<sitemap><loc>https://cdn.example/b.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(xml, `${SITE}/index.xml`).sitemaps).toEqual([`${SITE}/a.xml`]);
  });

  it('reads prefixed sitemap elements but never image:loc as a page', () => {
    const prefixed = urlset(
      `<sm:url><sm:loc>${SITE}/jobs/7</sm:loc><sm:lastmod>2026-03-01</sm:lastmod></sm:url>`,
      '<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ).replace('</urlset>', '</sm:urlset>');
    expect(parseSitemap(prefixed, `${SITE}/s.xml`).pages).toEqual([
      { url: `${SITE}/jobs/7`, lastmod: '2026-03-01' },
    ]);
    const images = urlset(
      `<url><image:image><image:loc>${SITE}/logo.png</image:loc></image:image><loc>${SITE}/jobs/8</loc></url>`,
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">',
    );
    expect(parseSitemap(images, `${SITE}/s.xml`).pages).toEqual([{ url: `${SITE}/jobs/8` }]);
  });

  it('throws InputError for a body that is not a sitemap', async () => {
    expect(() => parseSitemap('<html><body>Not found</body></html>', `${SITE}/s.xml`)).toThrow(
      InputError,
    );
    const robots = await readText('robots.txt');
    expect(() => parseSitemap(robots, `${SITE}/s.xml`)).toThrow(
      /expected a sitemap \(<urlset> or <sitemapindex>\), received "# Synthetic robots/,
    );
  });
});

describe('isSitemapXml', () => {
  it('recognises urlset and sitemapindex roots, after a declaration or comments', async () => {
    expect(isSitemapXml(await readText('sitemap.xml'))).toBe(true);
    expect(isSitemapXml(await readText('sitemap-index.xml'))).toBe(true);
    expect(isSitemapXml('\uFEFF<!-- generated --><urlset><url/></urlset>')).toBe(true);
  });

  it('rejects HTML, RSS, robots.txt and JSON', async () => {
    expect(isSitemapXml(await readText('jsonld-jobposting.html'))).toBe(false);
    expect(isSitemapXml(await readText('weworkremotely.rss'))).toBe(false);
    expect(isSitemapXml(await readText('robots.txt'))).toBe(false);
    expect(isSitemapXml('{"urlset": []}')).toBe(false);
    expect(isSitemapXml('<html><body><urlset></urlset></body></html>')).toBe(false);
  });
});
