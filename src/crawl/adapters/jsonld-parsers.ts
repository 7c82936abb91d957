/** The parsers of the jsonld adapter, which load cheerio: imported on first use. */
export { parseJobPostingPage } from './jsonld.js';
export { jobLinksFromListing } from './listing.js';
export { isSitemapComplete, isSitemapXml, parseSitemap } from './sitemap.js';
