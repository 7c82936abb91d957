import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { log } from '@crawlee/cheerio';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type CrawlOptions,
  type CrawlReport,
  crawlSource,
  inMemoryPageMemory,
  parseSources,
  quietCrawleeLogs,
  type SourceConfig,
  USER_AGENT,
} from '../../src/crawl/index.js';
import {
  type BoardServer,
  defaultBoardsDir,
  demoSources,
  type RecordedRequest,
  startBoardServer,
} from '../../src/demo/index.js';
import type { Posting } from '../../src/posting/index.js';

// Real HTTP to the local board server, a fresh one per test (fault queues and boards do not
// leak between tests), and the real Crawlee crawler. No Redis.
//
// Sources crawl at FAST_RPM unless a test sets `maxRequestsPerMinute`: the default of 60 spaces
// requests to a host a second apart, which would make each site crawl take over ten seconds.

interface ManifestPosting {
  nativeId: string;
  title: string;
  isListed?: boolean;
}
interface ManifestBoard {
  company: string;
  path: string;
  postings: ManifestPosting[];
}
interface ManifestPage {
  nativeId: string;
  title: string;
  company?: string;
  disallowedByRobots?: boolean;
  malformed?: boolean;
}
interface Manifest {
  boards: {
    greenhouse: Record<string, ManifestBoard>;
    lever: Record<string, ManifestBoard>;
    ashby: Record<string, ManifestBoard>;
    site: { sitemap: string; robots: string; pages: ManifestPage[] };
  };
}

const boardsDir = defaultBoardsDir();
const manifest = JSON.parse(readFileSync(join(boardsDir, 'manifest.json'), 'utf8')) as Manifest;
const fixture = (path: string): unknown => JSON.parse(readFileSync(join(boardsDir, path), 'utf8'));

const site = manifest.boards.site;
const crawlablePages = site.pages.filter((p) => !p.disallowedByRobots);
const goodPages = crawlablePages.filter((p) => !p.malformed);
const disallowedPages = site.pages.filter((p) => p.disallowedByRobots);
const malformedPages = site.pages.filter((p) => p.malformed);

let server: BoardServer;

beforeAll(() => {
  quietCrawleeLogs();
});
beforeEach(async () => {
  server = await startBoardServer();
});
afterEach(async () => {
  await server.close();
});

/** The demo source with this id, pointing at the test's server, validated (defaults filled). */
function demo(id: string, overrides: Record<string, unknown> = {}): SourceConfig {
  const raw = demoSources(server.origin).find((s) => s.id === id);
  if (raw === undefined) throw new Error(`no demo source ${id}`);
  return source({ ...raw, ...overrides });
}

const FAST_RPM = 60_000;

function source(raw: Record<string, unknown>): SourceConfig {
  const [parsed] = parseSources(
    { sources: [{ maxRequestsPerMinute: FAST_RPM, ...raw }] },
    'test sources',
  );
  if (parsed === undefined) throw new Error('no source parsed');
  return parsed;
}

interface CrawlResult {
  report: CrawlReport;
  postings: Posting[];
  batches: number;
}

async function crawl(
  config: SourceConfig,
  options: Omit<CrawlOptions, 'onPostings'> = {},
): Promise<CrawlResult> {
  const postings: Posting[] = [];
  let batches = 0;
  const report = await crawlSource(config, {
    ...options,
    onPostings: async (batch) => {
      batches += 1;
      postings.push(...batch);
    },
  });
  return { report, postings, batches };
}

function requestsTo(prefix: string): RecordedRequest[] {
  return server.requests.filter((r) => r.path.startsWith(prefix));
}

function sortedKeys(postings: Posting[]): string[] {
  return postings.map((p) => p.key).sort();
}

/** Every posting is keyed `sourceId:nativeId` and belongs to the source; no key twice. */
function expectWellKeyed(postings: Posting[], sourceId: string): void {
  for (const posting of postings) {
    expect(posting.source).toBe(sourceId);
    expect(posting.key).toBe(`${sourceId}:${posting.sourceId}`);
  }
  expect(new Set(postings.map((p) => p.key)).size).toBe(postings.length);
}

/** `count` Lever postings made from the fixture's, each with a new id. */
function leverBoard(count: number): Record<string, unknown>[] {
  const base = fixture('lever/globex.json') as Record<string, unknown>[];
  return Array.from({ length: count }, (_, i) => ({
    ...structuredClone(base[i % base.length]),
    id: `paged-${String(i).padStart(3, '0')}`,
  }));
}

function acmeBoard(): { jobs: Record<string, unknown>[] } {
  return fixture('greenhouse/acme.json') as { jobs: Record<string, unknown>[] };
}

const GREENHOUSE_PATH = '/v1/boards/acme/jobs';

describe('crawlSource: each source type end to end', () => {
  it.each([
    ['greenhouse', 'acme'],
    ['lever', 'globex'],
    ['ashby', 'initech'],
  ] as const)(
    '%s board %s: every listed posting of the manifest, one page',
    async (type, board) => {
      const expected = manifest.boards[type][board];
      if (expected === undefined) throw new Error(`manifest has no ${type} board ${board}`);
      const listed = expected.postings.filter((p) => p.isListed !== false);
      const unlisted = expected.postings.length - listed.length;

      const { report, postings } = await crawl(demo(board));

      expectWellKeyed(postings, board);
      expect(sortedKeys(postings)).toEqual(listed.map((p) => `${board}:${p.nativeId}`).sort());
      const titleById = new Map(postings.map((p) => [p.sourceId, p.title]));
      for (const p of listed) expect(titleById.get(p.nativeId)).toBe(p.title);
      for (const p of postings) expect(p.company).toBe(expected.company);
      expect(report).toMatchObject({
        source: board,
        complete: true,
        truncated: false,
        pages: { ok: 1, failed: 0, skipped: 0, withoutPostings: 0 },
        postings: { found: listed.length, failed: 0, skipped: unlisted },
        failures: [],
      });
      expect(Date.parse(report.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
      const path = expected.path.split('?')[0] as string;
      expect(server.requests.map((r) => r.path.split('?')[0])).toEqual([path]);
    },
  );

  it('ashby: the unlisted posting is skipped, not a failure', async () => {
    const unlisted = manifest.boards.ashby.initech?.postings.filter((p) => p.isListed === false);
    expect(unlisted?.length).toBeGreaterThan(0);
    const { report, postings } = await crawl(demo('initech'));
    const keys = new Set(postings.map((p) => p.key));
    for (const p of unlisted ?? []) expect(keys.has(`initech:${p.nativeId}`)).toBe(false);
    expect(report.postings.skipped).toBe(unlisted?.length);
  });

  it('jsonld site: robots.txt, the sitemap, then every allowed job page', async () => {
    const config = demo('northstar-jobs');
    expect(config).toMatchObject({ type: 'jsonld', url: `${server.origin}${site.sitemap}` });

    const { report, postings } = await crawl(config);

    expectWellKeyed(postings, 'northstar-jobs');
    const byPath = new Map(postings.map((p) => [new URL(p.url ?? '').pathname, p]));
    expect([...byPath.keys()].sort()).toEqual(goodPages.map((p) => p.nativeId).sort());
    for (const page of goodPages) {
      expect(byPath.get(page.nativeId)).toMatchObject({ title: page.title, company: page.company });
    }
    expect(report).toMatchObject({
      complete: true,
      truncated: false,
      // The sitemap, and each page robots.txt allows (the malformed one included).
      pages: { ok: 1 + crawlablePages.length, failed: 0, skipped: disallowedPages.length },
      postings: { found: goodPages.length, failed: malformedPages.length, skipped: 0 },
    });
    expect(requestsTo(site.robots)).toHaveLength(1);
    expect(requestsTo(site.sitemap)).toHaveLength(1);
  });
});

interface FeedsManifest {
  boards: Record<string, Record<string, { nativeId: string; title: string }[]>>;
}
const feedsManifest = JSON.parse(
  readFileSync(join(boardsDir, 'feeds-manifest.json'), 'utf8'),
) as FeedsManifest;

describe('crawlSource: the API and feed source types end to end', () => {
  it.each([
    ['workable', 'harborlight', 'harborlight', 2],
    ['smartrecruiters', 'lumengrid', 'lumengrid', 4],
    ['recruitee', 'pollen', 'pollen', 1],
    ['personio', 'fernwerk', 'fernwerk', 1],
    ['remoteok', 'remoteok', 'remoteok', 1],
    ['hn', 'whoishiring', 'hn-hiring', 2],
    ['rss', 'remote-jobs', 'remote-feed', 1],
  ] as const)(
    '%s board %s: every item of the feeds manifest, over real HTTP',
    async (type, board, sourceId, pages) => {
      const expected = feedsManifest.boards[type]?.[board] ?? [];
      expect(expected.length).toBeGreaterThan(0);
      const { report, postings } = await crawl(demo(sourceId));
      expectWellKeyed(postings, sourceId);
      expect(postings.map((p) => [p.sourceId, p.title]).sort()).toEqual(
        expected.map((item) => [item.nativeId, item.title]).sort(),
      );
      for (const p of postings) expect(p.descriptionText.length).toBeGreaterThan(100);
      expect(report).toMatchObject({
        complete: true,
        truncated: false,
        pages: { ok: pages, failed: 0 },
        postings: { found: expected.length, failed: 0 },
      });
    },
  );

  it('jsonld listing page without a sitemap: follows its same-origin links to maxDepth', async () => {
    server.setSiteFile(
      '/careers.html',
      '<html><body><a href="/jobs/">All jobs</a> <a href="https://elsewhere.example/jobs/1">Partner</a></body></html>',
    );
    const deep = await crawl(
      source({ id: 'listing', type: 'jsonld', url: `${server.origin}/careers.html` }),
    );
    // careers → the listing (no JobPosting, depth 1) → its job pages (depth 2).
    expect(deep.postings).toHaveLength(goodPages.length);
    expect(deep.report).toMatchObject({
      complete: true,
      postings: { failed: malformedPages.length },
    });
    expect(server.requests.some((r) => r.path.includes('elsewhere'))).toBe(false);

    server.requests.length = 0;
    const shallow = await crawl(
      source({ id: 'listing', type: 'jsonld', url: `${server.origin}/careers.html`, maxDepth: 1 }),
    );
    expect(shallow.postings).toEqual([]);
    expect(requestsTo('/jobs/python')).toHaveLength(0);
    expect(shallow.report.pages.withoutPostings).toBe(1);
  });

  it('jsonld listing page: linkPattern limits the links followed', async () => {
    const { postings } = await crawl(
      source({
        id: 'listing',
        type: 'jsonld',
        url: `${server.origin}/jobs/`,
        linkPattern: 'python',
      }),
    );
    expect(postings.map((p) => p.title).sort()).toEqual(
      goodPages
        .filter((p) => p.nativeId.includes('python'))
        .map((p) => p.title)
        .sort(),
    );
  });
});

describe('crawlSource: Lever paging', () => {
  it('pages by skip/limit until a short page: 230 postings in 3 requests', async () => {
    server.setBoard('lever', 'big', leverBoard(230));
    const { report, postings } = await crawl(
      source({ id: 'big', type: 'lever', board: 'big', baseUrl: server.origin }),
    );

    expect(server.requests.map((r) => r.path)).toEqual([
      '/v0/postings/big?mode=json&skip=0&limit=100',
      '/v0/postings/big?mode=json&skip=100&limit=100',
      '/v0/postings/big?mode=json&skip=200&limit=100',
    ]);
    expectWellKeyed(postings, 'big');
    expect(sortedKeys(postings)).toEqual(
      Array.from({ length: 230 }, (_, i) => `big:paged-${String(i).padStart(3, '0')}`),
    );
    expect(report).toMatchObject({
      complete: true,
      truncated: false,
      pages: { ok: 3, failed: 0 },
      postings: { found: 230, failed: 0 },
    });
  });

  it('keeps the postings of good pages when a later page fails', async () => {
    server.setBoard('lever', 'big', leverBoard(230));
    const failing = '/v0/postings/big?mode=json&skip=100&';
    server.fail(failing, [{ status: 503 }, { status: 503 }]);
    const { report, postings } = await crawl(
      source({ id: 'big', type: 'lever', board: 'big', baseUrl: server.origin }),
      { maxRetries: 1, backoffBaseMs: 20 },
    );
    expect(postings).toHaveLength(100);
    expect(requestsTo(failing)).toHaveLength(2);
    expect(requestsTo('/v0/postings/big?mode=json&skip=200')).toHaveLength(0);
    expect(report).toMatchObject({
      complete: false,
      pages: { ok: 1, failed: 1 },
      postings: { found: 100 },
    });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.url).toBe(
      `${server.origin}/v0/postings/big?mode=json&skip=100&limit=100`,
    );
  });
});

describe('crawlSource: redirects', () => {
  let elsewhere: BoardServer;
  beforeEach(async () => {
    elsewhere = await startBoardServer();
  });
  afterEach(async () => {
    await elsewhere.close();
  });
  const redirectTo = (location: string) => ({ status: 302, headers: { location } });
  const boardQuery = '/v1/boards/acme/jobs?content=true';

  it('follows a redirect within the source origin', async () => {
    server.fail(GREENHOUSE_PATH, [redirectTo(`${server.origin}${boardQuery}&moved=1`)]);
    const { report, postings } = await crawl(demo('acme'));
    expect(postings.length).toBeGreaterThan(0);
    expect(report).toMatchObject({ complete: true, pages: { ok: 1, failed: 0 } });
  });

  it('does not follow a board API redirect to another origin', async () => {
    server.fail(GREENHOUSE_PATH, [redirectTo(`${elsewhere.origin}${boardQuery}`)]);
    const { report, postings } = await crawl(demo('acme'));
    expect(elsewhere.requests).toHaveLength(0);
    expect(postings).toHaveLength(0);
    expect(report).toMatchObject({ complete: false, pages: { ok: 0, failed: 1 } });
    expect(report.failures[0]?.reason).toContain(
      `redirected to ${elsewhere.origin}${boardQuery}, outside the source's origins (${server.origin}); not followed`,
    );
  });

  it('follows a redirect to an origin that allowedOrigins lists', async () => {
    server.fail(GREENHOUSE_PATH, [redirectTo(`${elsewhere.origin}${boardQuery}`)]);
    const { report, postings } = await crawl(demo('acme', { allowedOrigins: [elsewhere.origin] }));
    expect(elsewhere.requests).toHaveLength(1);
    expect(postings.length).toBeGreaterThan(0);
    expect(report).toMatchObject({ complete: true });
  });
});

describe('crawlSource: pages per crawl are bounded', () => {
  it('stops a Lever board that ignores skip once a page brings nothing new', async () => {
    const firstPage = JSON.stringify(leverBoard(100));
    // Every page request answers the first page again, as a board that ignores `skip` does.
    const same = { status: 200, body: firstPage, headers: { 'content-type': 'application/json' } };
    server.fail(
      '/v0/postings/loop',
      Array.from({ length: 30 }, () => same),
    );
    const { report, postings } = await crawl(
      source({ id: 'loop', type: 'lever', board: 'loop', baseUrl: server.origin }),
    );

    expect(requestsTo('/v0/postings/loop')).toHaveLength(2);
    expect(postings).toHaveLength(100);
    expect(report).toMatchObject({ complete: false, postings: { found: 100 } });
    expect(report.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/no posting not already seen on an earlier page/),
    ]);
  });

  it('stops a Lever board at maxPages', async () => {
    server.setBoard('lever', 'big', leverBoard(350));
    const { report, postings } = await crawl(
      source({ id: 'big', type: 'lever', board: 'big', baseUrl: server.origin, maxPages: 2 }),
    );
    expect(requestsTo('/v0/postings/big')).toHaveLength(2);
    expect(postings).toHaveLength(200);
    expect(report).toMatchObject({ complete: false, truncated: true, pages: { ok: 2 } });
    expect(report.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/maxPages \(2\)/)]);
  });

  it('stops a jsonld site at maxPages: the sitemap and two job pages', async () => {
    const { report, postings } = await crawl(demo('northstar-jobs', { maxPages: 3 }));
    const fetched = server.requests.filter((r) => r.path !== '/robots.txt');
    expect(fetched).toHaveLength(3);
    expect(postings.length).toBeLessThanOrEqual(2);
    expect(report).toMatchObject({ complete: false, truncated: true });
  });
});

describe('crawlSource: maxRequestsPerMinute spaces requests to a host', () => {
  /** Milliseconds between consecutive arrivals of `requests` at the server. */
  function gaps(requests: RecordedRequest[]): number[] {
    return requests.slice(1).map((r, i) => r.at - (requests[i]?.at ?? 0));
  }

  it('Lever pages at 300 per minute arrive at least 200 ms apart', async () => {
    server.setBoard('lever', 'big', leverBoard(230));
    const started = Date.now();
    const { report } = await crawl(
      source({
        id: 'big',
        type: 'lever',
        board: 'big',
        baseUrl: server.origin,
        maxRequestsPerMinute: 300,
      }),
    );

    expect(report).toMatchObject({ complete: true, pages: { ok: 3 } });
    expect(server.requests).toHaveLength(3);
    for (const gap of gaps(server.requests)) expect(gap).toBeGreaterThanOrEqual(180);
    // Spaced, not throttled harder than asked.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a site at 600 per minute: robots.txt, the sitemap and every page at least 100 ms apart', async () => {
    const { report } = await crawl(demo('northstar-jobs', { maxRequestsPerMinute: 600 }));

    expect(report).toMatchObject({ complete: true, pages: { failed: 0 } });
    // The job pages are enqueued together and fetched up to 4 at a time, yet one at a time here.
    expect(server.requests).toHaveLength(2 + crawlablePages.length);
    for (const gap of gaps(server.requests)) expect(gap).toBeGreaterThanOrEqual(90);
  });

  it("a site's robots.txt Crawl-delay spaces its requests further than maxRequestsPerMinute", async () => {
    server.setSiteFile(
      site.robots,
      'User-agent: *\nCrawl-delay: 5\n\nUser-agent: jobsift\nCrawl-delay: 0.15\nDisallow: /private/\n',
    );
    const { report } = await crawl(demo('northstar-jobs', { maxRequestsPerMinute: 60_000 }));

    expect(report).toMatchObject({ complete: true, pages: { failed: 0 } });
    // The job pages follow our agent's delay (0.15 s), not the * group's (5 s), nor the 1 ms of
    // maxRequestsPerMinute. (The sitemap, the crawler's first request, leaves late.)
    const pages = server.requests.filter((r) => r.path.startsWith('/jobs/'));
    expect(pages.length).toBeGreaterThan(3);
    const spacing = gaps(pages);
    for (const gap of spacing) expect(gap).toBeGreaterThanOrEqual(135);
    expect(Math.max(...spacing)).toBeLessThan(1_000);
  });

  it('spaces a retry too, and still waits out its backoff', async () => {
    server.fail(GREENHOUSE_PATH, [{ status: 500 }]);
    const { report } = await crawl(demo('acme', { maxRequestsPerMinute: 150 }), {
      backoffBaseMs: 1,
    });

    expect(report.complete).toBe(true);
    const [failed, retried] = requestsTo(GREENHOUSE_PATH);
    expect((retried?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(380);
  });
});

describe('crawlSource: maxPostings', () => {
  it('stops a board at maxPostings and says it was truncated', async () => {
    const { report, postings } = await crawl(demo('acme', { maxPostings: 10 }));
    expect(postings).toHaveLength(10);
    expect(report).toMatchObject({
      complete: false,
      truncated: true,
      postings: { found: 10 },
    });
  });

  it('is not truncated when the board has exactly maxPostings', async () => {
    const count = manifest.boards.greenhouse.acme?.postings.length;
    const { report, postings } = await crawl(demo('acme', { maxPostings: count }));
    expect(postings).toHaveLength(count as number);
    expect(report).toMatchObject({ complete: true, truncated: false });
  });

  it('stops paging Lever once maxPostings is reached, also at a page boundary', async () => {
    server.setBoard('lever', 'big', leverBoard(230));
    const lever = (maxPostings: number) =>
      source({ id: 'big', type: 'lever', board: 'big', baseUrl: server.origin, maxPostings });

    const mid = await crawl(lever(150));
    expect(mid.postings).toHaveLength(150);
    expect(mid.report).toMatchObject({ complete: false, truncated: true });
    expect(requestsTo('/v0/postings/big')).toHaveLength(2);

    server.requests.length = 0;
    const boundary = await crawl(lever(100));
    expect(boundary.postings).toHaveLength(100);
    expect(boundary.report).toMatchObject({ complete: false, truncated: true });
    expect(requestsTo('/v0/postings/big?mode=json&skip=200')).toHaveLength(0);
  });

  it('stops a jsonld site at maxPostings and says it was truncated', async () => {
    const { report, postings } = await crawl(demo('northstar-jobs', { maxPostings: 3 }));
    expect(postings).toHaveLength(3);
    expect(report).toMatchObject({ complete: false, truncated: true, postings: { found: 3 } });
  });
});

describe('crawlSource: gzipped sitemaps', () => {
  /** The site's sitemap, gzipped and served as a file, listed by a sitemap index. */
  function serveGzippedSitemap(gzipped: Buffer): void {
    server.setSiteFile('/sitemaps/jobs.xml.gz', gzipped);
    server.setSiteFile(
      site.sitemap,
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${server.origin}/sitemaps/jobs.xml.gz</loc></sitemap></sitemapindex>`,
    );
  }
  const sitemapText = () =>
    readFileSync(join(boardsDir, 'site', 'sitemap.xml'), 'utf8').replaceAll(
      '{{origin}}',
      server.origin,
    );

  it('unzips a sitemap.xml.gz served as application/gzip and crawls its pages', async () => {
    const plain = await crawl(demo('northstar-jobs'));
    server.requests.length = 0;
    serveGzippedSitemap(gzipSync(sitemapText()));
    const { report, postings } = await crawl(demo('northstar-jobs'));

    expect(requestsTo('/sitemaps/jobs.xml.gz')).toHaveLength(1);
    expect(sortedKeys(postings)).toEqual(sortedKeys(plain.postings));
    expect(postings.length).toBe(goodPages.length);
    expect(report.pages.failed).toBe(0);
  });

  it('reports a damaged gzip sitemap as a failed page with a one-line reason', async () => {
    const damaged = gzipSync(sitemapText()).subarray(0, 40);
    serveGzippedSitemap(damaged);
    const { report, postings } = await crawl(demo('northstar-jobs'));

    expect(postings).toHaveLength(0);
    expect(report.pages.failed).toBe(1);
    const failure = report.failures.find((f) => f.url.endsWith('/sitemaps/jobs.xml.gz'));
    expect(failure?.reason).toMatch(
      /^gzip body could not be unzipped: [^\n]+ \(after 1 attempt\)$/,
    );
  });
});

describe('crawlSource: re-crawls skip sitemap pages whose <lastmod> is unchanged', () => {
  const pagePaths = () => server.requests.map((r) => r.path).filter((p) => p.endsWith('.html'));

  it('fetches again only the pages it could not read, and counts the rest unchanged', async () => {
    const memory = inMemoryPageMemory();
    const first = await crawl(demo('northstar-jobs'), { pageMemory: memory });
    expect(first.postings).toHaveLength(goodPages.length);
    expect(first.report.pages.unchanged).toBe(0);
    // Pages read without failures are remembered; the malformed ones are not.
    expect(memory.pages.size).toBe(crawlablePages.length - malformedPages.length);

    server.requests.length = 0;
    const second = await crawl(demo('northstar-jobs'), { pageMemory: memory });
    expect(pagePaths().sort()).toEqual(malformedPages.map((p) => p.nativeId).sort());
    expect(second.postings).toHaveLength(0);
    expect(second.report.pages.unchanged).toBe(memory.pages.size);
    // The malformed pages are read again, so their failures are still reported.
    expect(second.report.postings.failed).toBe(first.report.postings.failed);
    expect(second.report.complete).toBe(true);
  });

  it('fetches a page again when its <lastmod> changed, and always when it has none', async () => {
    const memory = inMemoryPageMemory();
    await crawl(demo('northstar-jobs'), { pageMemory: memory });
    const [changed, undated] = goodPages;
    if (changed === undefined || undated === undefined) throw new Error('too few pages');
    const sitemap = readFileSync(join(boardsDir, 'site', 'sitemap.xml'), 'utf8');
    const withChanges = sitemap.replace(
      /(<loc>\{\{origin\}\}([^<]+)<\/loc>\s*)<lastmod>[^<]*<\/lastmod>/g,
      (whole, locPart: string, path: string) =>
        path === changed.nativeId
          ? `${locPart}<lastmod>2030-01-01</lastmod>`
          : path === undated.nativeId
            ? locPart
            : whole,
    );
    expect(withChanges).not.toBe(sitemap);
    server.setSiteFile(site.sitemap, withChanges);

    server.requests.length = 0;
    const second = await crawl(demo('northstar-jobs'), { pageMemory: memory });
    expect(pagePaths().sort()).toEqual(
      [changed.nativeId, undated.nativeId, ...malformedPages.map((p) => p.nativeId)].sort(),
    );
    expect(second.postings.map((p) => p.title).sort()).toEqual(
      [changed.title, undated.title].sort(),
    );
  });

  it('forgets pages the sitemap no longer lists, but not when a sitemap could not be read', async () => {
    const memory = inMemoryPageMemory();
    await crawl(demo('northstar-jobs'), { pageMemory: memory });
    const [dropped] = goodPages;
    if (dropped === undefined) throw new Error('no pages');
    const droppedUrl = `${server.origin}${dropped.nativeId}`;
    expect(memory.pages.has(droppedUrl)).toBe(true);

    server.fail(site.sitemap, [{ status: 500 }, { status: 500 }]);
    await crawl(demo('northstar-jobs'), { pageMemory: memory, maxRetries: 1, backoffBaseMs: 1 });
    expect(memory.pages.has(droppedUrl)).toBe(true);

    const sitemap = readFileSync(join(boardsDir, 'site', 'sitemap.xml'), 'utf8');
    const without = sitemap.replace(
      new RegExp(
        `\\s*<url>\\s*<loc>\\{\\{origin\\}\\}${dropped.nativeId.replaceAll('.', '\\.')}</loc>[\\s\\S]*?</url>`,
      ),
      '',
    );
    expect(without).not.toBe(sitemap);
    // An index whose second sitemap fails: the page may be listed there, so it is kept.
    server.setSiteFile('/sitemaps/a.xml', without);
    server.setSiteFile(
      site.sitemap,
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${server.origin}/sitemaps/a.xml</loc></sitemap><sitemap><loc>${server.origin}/sitemaps/b.xml</loc></sitemap></sitemapindex>`,
    );
    await crawl(demo('northstar-jobs'), { pageMemory: memory, maxRetries: 0 });
    expect(requestsTo('/sitemaps/b.xml')).toHaveLength(1);
    expect(memory.pages.has(droppedUrl)).toBe(true);

    server.setSiteFile(site.sitemap, without);
    const remembered = memory.pages.size;
    await crawl(demo('northstar-jobs'), { pageMemory: memory });
    expect(memory.pages.has(droppedUrl)).toBe(false);
    expect(memory.pages.size).toBe(remembered - 1);
  });

  it('fetches every page without a memory', async () => {
    await crawl(demo('northstar-jobs'));
    server.requests.length = 0;
    const again = await crawl(demo('northstar-jobs'));
    expect(pagePaths()).toHaveLength(crawlablePages.length);
    expect(again.report.pages.unchanged).toBe(0);
  });
});

describe('crawlSource: robots.txt', () => {
  it('never requests a disallowed page and counts it as skipped', async () => {
    expect(disallowedPages.length).toBeGreaterThan(0);
    const { report, postings } = await crawl(demo('northstar-jobs'));

    for (const page of disallowedPages) {
      expect(requestsTo(page.nativeId)).toHaveLength(0);
      expect(report.failures).toContainEqual({
        url: `${server.origin}${page.nativeId}`,
        reason: 'disallowed by robots.txt',
      });
    }
    expect(requestsTo('/private/')).toHaveLength(0);
    expect(report.pages.skipped).toBe(disallowedPages.length);
    const titles = new Set(postings.map((p) => p.title));
    for (const page of disallowedPages) expect(titles.has(page.title)).toBe(false);
  });

  it('reads the group for the jobsift agent rather than the * group', async () => {
    server.setSiteFile(
      '/robots.txt',
      'User-agent: *\nDisallow: /\n\nUser-agent: jobsift\nDisallow: /jobs/python\n',
    );
    const { report, postings } = await crawl(demo('northstar-jobs'));

    const blocked = site.pages.filter((p) => p.nativeId.startsWith('/jobs/python'));
    expect(blocked.length).toBeGreaterThan(0);
    for (const page of blocked) expect(requestsTo(page.nativeId)).toHaveLength(0);
    expect(report.pages.skipped).toBe(blocked.length);
    // /private/ is allowed for jobsift by this robots.txt, so its posting is found now.
    const paths = postings.map((p) => new URL(p.url ?? '').pathname).sort();
    const expected = site.pages.filter((p) => !p.malformed && !blocked.includes(p));
    expect(paths).toEqual(expected.map((p) => p.nativeId).sort());
  });

  it('allows every page when robots.txt is 404', async () => {
    server.setSiteFile(site.robots, null);
    const { report, postings } = await crawl(demo('northstar-jobs'));

    expect(requestsTo(site.robots)).toHaveLength(1);
    for (const page of site.pages) expect(requestsTo(page.nativeId)).toHaveLength(1);
    expect(postings).toHaveLength(site.pages.length - malformedPages.length);
    expect(report.pages.skipped).toBe(0);
    expect(report.failures.map((f) => f.reason)).not.toContain('disallowed by robots.txt');
  });

  it.each([
    ['a 500', { status: 500, body: 'User-agent: *\nDisallow: /\n' }],
    ['a dropped connection', { status: 0 }],
  ])(
    'fetches nothing else when robots.txt fails with %s, and says why (RFC 9309)',
    async (_, fault) => {
      server.fail(site.robots, [fault]);
      const { report, postings } = await crawl(demo('northstar-jobs'));

      expect(server.requests.map((r) => r.path)).toEqual([site.robots]);
      expect(postings).toHaveLength(0);
      // A failed page, not a skipped one: the crawl job fails and BullMQ tries again later.
      expect(report).toMatchObject({ complete: false, pages: { ok: 0, failed: 1, skipped: 0 } });
      expect(report.failures).toHaveLength(1);
      expect(report.failures[0]?.url).toBe(`${server.origin}${site.sitemap}`);
      expect(report.failures[0]?.reason).toMatch(
        /^not fetched: robots\.txt could not be read \(.+\)/,
      );
    },
  );

  it('skips the start URL itself when robots.txt disallows it', async () => {
    server.setSiteFile(site.robots, 'User-agent: jobsift\nDisallow: /sitemap.xml\n');
    const { report, postings } = await crawl(demo('northstar-jobs'));

    expect(server.requests.map((r) => r.path)).toEqual([site.robots]);
    expect(postings).toHaveLength(0);
    expect(report.pages).toMatchObject({ ok: 0, failed: 0, skipped: 1 });
    expect(report.failures).toEqual([
      { url: `${server.origin}${site.sitemap}`, reason: 'disallowed by robots.txt' },
    ]);
  });

  it('records the malformed page as a posting failure with a one-line reason', async () => {
    expect(malformedPages.length).toBeGreaterThan(0);
    const { report, postings } = await crawl(demo('northstar-jobs'));

    expect(postings.length).toBe(goodPages.length);
    for (const page of malformedPages) {
      const failure = report.failures.find((f) => f.url === `${server.origin}${page.nativeId}`);
      expect(failure?.reason).toMatch(/not valid JSON/);
      expect(failure?.reason).not.toContain('\n');
      expect(requestsTo(page.nativeId)).toHaveLength(1);
    }
    expect(report.postings.failed).toBe(malformedPages.length);
    expect(report.pages.failed).toBe(0);
  });
});

describe('crawlSource: User-Agent', () => {
  it('sends USER_AGENT on every request, robots.txt included', async () => {
    for (const id of ['acme', 'globex', 'initech', 'northstar-jobs']) await crawl(demo(id));
    expect(requestsTo(site.robots)).toHaveLength(1);
    expect(server.requests.length).toBe(3 + 1 + 1 + crawlablePages.length);
    for (const request of server.requests) expect(request.headers['user-agent']).toBe(USER_AGENT);
  });

  it('sends the userAgent option when given', async () => {
    await crawl(demo('acme'), { userAgent: 'jobsift-test/1.0' });
    expect(server.requests.map((r) => r.headers['user-agent'])).toEqual(['jobsift-test/1.0']);
  });

  it('fetches robots.txt with the userAgent option, before any page', async () => {
    await crawl(demo('northstar-jobs'), { userAgent: 'jobsift-test/1.0' });
    const [first] = server.requests;
    expect(first?.path).toBe(site.robots);
    expect(first?.headers['user-agent']).toBe('jobsift-test/1.0');
    for (const request of server.requests) {
      expect(request.headers['user-agent']).toBe('jobsift-test/1.0');
    }
  });
});

describe('crawlSource: 429 and Retry-After', () => {
  it('waits the Retry-After seconds, then succeeds', async () => {
    server.fail(GREENHOUSE_PATH, [{ status: 429, headers: { 'retry-after': '1' } }]);
    const { report, postings } = await crawl(demo('acme'), { backoffBaseMs: 50 });

    const [limited, retry, ...rest] = requestsTo(GREENHOUSE_PATH);
    expect(rest).toHaveLength(0);
    expect(retry).toBeDefined();
    expect((retry?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(postings).toHaveLength(manifest.boards.greenhouse.acme?.postings.length ?? -1);
    expect(report).toMatchObject({ complete: true, pages: { ok: 1, failed: 0 } });
  });

  it('waits until a Retry-After HTTP-date, measured on the crawl clock', async () => {
    const now = new Date('2026-03-02T16:00:00Z');
    server.fail(GREENHOUSE_PATH, [
      { status: 429, headers: { 'retry-after': 'Mon, 02 Mar 2026 16:00:01 GMT' } },
    ]);
    const { report, postings } = await crawl(demo('acme'), { backoffBaseMs: 50, now: () => now });

    const [limited, retry, ...rest] = requestsTo(GREENHOUSE_PATH);
    expect(rest).toHaveLength(0);
    expect(retry).toBeDefined();
    expect((retry?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(postings.length).toBeGreaterThan(0);
    expect(report.complete).toBe(true);
  });
});

describe('crawlSource: server errors', () => {
  it('retries a 500 with backoff: 500, 500, then success in 3 requests', async () => {
    server.fail(GREENHOUSE_PATH, [{ status: 500 }, { status: 500 }]);
    const { report, postings } = await crawl(demo('acme'), { backoffBaseMs: 50 });

    expect(requestsTo(GREENHOUSE_PATH)).toHaveLength(3);
    expect(postings).toHaveLength(manifest.boards.greenhouse.acme?.postings.length ?? -1);
    expect(report).toMatchObject({
      complete: true,
      pages: { ok: 1, failed: 0 },
      failures: [],
    });
  });

  it('retries a dropped connection', async () => {
    server.fail(GREENHOUSE_PATH, [{ status: 0 }]);
    const { report, postings } = await crawl(demo('acme'), { backoffBaseMs: 50 });
    expect(requestsTo(GREENHOUSE_PATH)).toHaveLength(2);
    expect(postings.length).toBeGreaterThan(0);
    expect(report.complete).toBe(true);
  });

  it('gives up after maxRetries on a 500 that persists, and resolves with the reason', async () => {
    const maxRetries = 2;
    server.fail(
      GREENHOUSE_PATH,
      Array.from({ length: maxRetries + 1 }, () => ({ status: 500, body: 'boom' })),
    );
    const { report, postings, batches } = await crawl(demo('acme'), {
      backoffBaseMs: 50,
      maxRetries,
    });

    expect(requestsTo(GREENHOUSE_PATH)).toHaveLength(maxRetries + 1);
    expect(postings).toHaveLength(0);
    expect(batches).toBe(0);
    expect(report).toMatchObject({
      complete: false,
      truncated: false,
      pages: { ok: 0, failed: 1 },
      postings: { found: 0 },
    });
    expect(report.failures).toHaveLength(1);
    const [failure] = report.failures;
    expect(failure?.url).toBe(`${server.origin}${manifest.boards.greenhouse.acme?.path}`);
    expect(failure?.reason).toMatch(/\b500\b/);
    expect(failure?.reason).toContain(`after ${maxRetries + 1} attempts`);
    expect(failure?.reason).not.toContain('\n');
  });

  it('does not retry a 404 (an unknown board)', async () => {
    const { report, postings } = await crawl(demo('acme', { board: 'no-such-board' }), {
      backoffBaseMs: 50,
    });
    expect(requestsTo('/v1/boards/no-such-board/')).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    expect(postings).toHaveLength(0);
    expect(report).toMatchObject({ complete: false, pages: { ok: 0, failed: 1 } });
    expect(report.failures[0]?.reason).toMatch(/\b404\b/);
    expect(report.failures[0]?.reason).toContain('after 1 attempt');
  });

  it('does not retry a board response of the wrong shape', async () => {
    server.fail(GREENHOUSE_PATH, [
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"jobs":"none"}' },
    ]);
    const { report } = await crawl(demo('acme'), { backoffBaseMs: 50 });
    expect(requestsTo(GREENHOUSE_PATH)).toHaveLength(1);
    expect(report).toMatchObject({ complete: false, pages: { ok: 0, failed: 1 } });
    expect(report.failures[0]?.reason).not.toContain('\n');
  });
});

describe('crawlSource: a body that is not the JSON or XML expected is retried', () => {
  const json = { 'content-type': 'application/json' };
  const errorPage = {
    status: 200,
    headers: { 'content-type': 'text/html' },
    body: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>',
  };

  it('retries a truncated Lever page and then reads the rest of the board', async () => {
    server.setBoard('lever', 'big', leverBoard(230));
    const page2 = JSON.stringify(leverBoard(230).slice(100, 200));
    server.fail('/v0/postings/big?mode=json&skip=100&', [
      { status: 200, headers: json, body: page2.slice(0, page2.length / 2) },
    ]);
    const { report, postings } = await crawl(
      source({ id: 'big', type: 'lever', board: 'big', baseUrl: server.origin }),
      { backoffBaseMs: 20 },
    );
    expect(requestsTo('/v0/postings/big?mode=json&skip=100&')).toHaveLength(2);
    expect(postings).toHaveLength(230);
    expect(report).toMatchObject({ complete: true, pages: { ok: 3, failed: 0, gaveUp: 0 } });
  });

  it('retries an HTML page served with 200 for a board, and gives up after the retries', async () => {
    server.fail(GREENHOUSE_PATH, [errorPage, errorPage, errorPage]);
    const { report, postings } = await crawl(demo('acme'), { maxRetries: 2, backoffBaseMs: 20 });
    expect(requestsTo(GREENHOUSE_PATH)).toHaveLength(3);
    expect(postings).toHaveLength(0);
    expect(report).toMatchObject({ complete: false, pages: { ok: 0, failed: 1, gaveUp: 1 } });
    expect(report.failures[0]?.reason).toMatch(/is not JSON: .* \(after 3 attempts\)$/);
  });

  it('retries a truncated sitemap instead of reading the pages it happens to list', async () => {
    const sitemap = readFileSync(join(boardsDir, 'site', 'sitemap.xml'), 'utf8').replaceAll(
      '{{origin}}',
      server.origin,
    );
    const cut = sitemap.slice(0, sitemap.indexOf('</url>') + '</url>'.length);
    server.fail(site.sitemap, [
      { status: 200, headers: { 'content-type': 'application/xml' }, body: cut },
    ]);
    const { report, postings } = await crawl(demo('northstar-jobs'), { backoffBaseMs: 20 });
    expect(requestsTo(site.sitemap)).toHaveLength(2);
    expect(postings).toHaveLength(goodPages.length);
    expect(report.pages).toMatchObject({ failed: 0, gaveUp: 0 });
  });
});

describe('crawlSource: malformed postings', () => {
  it('keeps the good jobs of a board when one job has no title', async () => {
    const board = acmeBoard();
    const bad = board.jobs[3];
    if (bad === undefined) throw new Error('fixture board too small');
    delete bad.title;
    server.setBoard('greenhouse', 'acme', board);

    const { report, postings } = await crawl(demo('acme'));

    const badKey = `acme:${String(bad.id)}`;
    expect(postings).toHaveLength(board.jobs.length - 1);
    expect(postings.map((p) => p.key)).not.toContain(badKey);
    expect(report).toMatchObject({
      complete: true,
      pages: { ok: 1, failed: 0 },
      postings: { found: board.jobs.length - 1, failed: 1 },
    });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.sourceId).toBe(String(bad.id));
    expect(report.failures[0]?.reason).toMatch(/title/);
    expect(report.failures[0]?.reason).not.toContain('\n');
  });
});

describe("crawlSource: Crawlee's log", () => {
  /** Everything written to the console or to stdout/stderr while `run` runs. */
  async function captureOutput(run: () => Promise<unknown>): Promise<string[]> {
    const lines: string[] = [];
    const record = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      return true;
    };
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation(record),
      ),
      vi.spyOn(process.stdout, 'write').mockImplementation(record),
      vi.spyOn(process.stderr, 'write').mockImplementation(record),
    ];
    try {
      await run();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    return lines;
  }

  /** Crawlee's global logger as a program that never called quietCrawleeLogs() has it. */
  async function withCrawleeDefaultLevel<T>(run: () => Promise<T>): Promise<T> {
    const level = log.getLevel();
    log.setLevel(log.LEVELS.INFO);
    try {
      return await run();
    } finally {
      log.setLevel(level);
    }
  }

  async function failingCrawls(options: Omit<CrawlOptions, 'onPostings'> = {}) {
    server.fail(GREENHOUSE_PATH, [{ status: 500 }, { status: 500 }]);
    const serverError = await crawl(demo('acme'), { backoffBaseMs: 1, maxRetries: 1, ...options });
    const notFound = await crawl(demo('acme', { board: 'no-such-board' }), options);
    return { serverError: serverError.report, notFound: notFound.report };
  }

  it('prints nothing on failed pages, which the report lists', async () => {
    let reports: Awaited<ReturnType<typeof failingCrawls>> | undefined;
    const output = await withCrawleeDefaultLevel(() =>
      captureOutput(async () => {
        reports = await failingCrawls();
      }),
    );

    expect(output).toEqual([]);
    expect(reports?.serverError).toMatchObject({ complete: false, pages: { failed: 1 } });
    expect(reports?.serverError.failures[0]?.reason).toMatch(/\b500\b.*after 2 attempts/);
    expect(reports?.notFound).toMatchObject({ complete: false, pages: { failed: 1 } });
    expect(reports?.notFound.failures[0]?.reason).toMatch(/\b404\b/);
  });

  it('prints nothing when robots.txt cannot be read either', async () => {
    server.fail(site.robots, [{ status: 503 }]);
    const output = await withCrawleeDefaultLevel(() =>
      captureOutput(() => crawl(demo('northstar-jobs'))),
    );
    expect(output).toEqual([]);
  });

  it("prints Crawlee's lines with crawleeLogs, for debugging", async () => {
    const output = await captureOutput(() => failingCrawls({ crawleeLogs: true }));
    expect(output.join('\n')).toMatch(/reached maximum retries/);
    expect(output.join('\n')).toMatch(/HttpCrawler/);
  });
});
