/**
 * What a crawl remembers of a site's pages between crawls: the sitemap `<lastmod>` of each page
 * when it was last read. A later crawl skips a page whose `<lastmod>` has not changed, so a
 * scheduled re-crawl of a big site asks only for what is new.
 */
export interface PageMemory {
  /** The remembered `<lastmod>` of each URL, in order (undefined when none). */
  recall(urls: readonly string[]): Promise<(string | undefined)[]>;
  /** Remembers that these pages were read when their sitemap said these `<lastmod>`s. */
  remember(pages: readonly { url: string; lastmod: string }[]): Promise<void>;
  /** Forgets every page but these (the site's sitemaps no longer list the others). */
  keepOnly(urls: ReadonlySet<string>): Promise<void>;
}

/** A memory kept in this process only (tests, one-off crawls). */
export function inMemoryPageMemory(): PageMemory & { readonly pages: Map<string, string> } {
  const pages = new Map<string, string>();
  return {
    pages,
    recall: async (urls) => urls.map((url) => pages.get(url)),
    remember: async (read) => {
      for (const { url, lastmod } of read) pages.set(url, lastmod);
    },
    keepOnly: async (urls) => {
      for (const url of pages.keys()) if (!urls.has(url)) pages.delete(url);
    },
  };
}
