import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CrawlOptions,
  type CrawlReport,
  crawlSource,
  parseSources,
  quietCrawleeLogs,
  type SourceConfig,
} from '../../../../src/crawl/index.js';
import type { Posting } from '../../../../src/posting/index.js';

/**
 * msw for adapter tests: every outbound request must match a handler (unhandled ones fail the
 * test), every response carries a content-length (without it Crawlee's keep-alive request
 * hangs), and the crawl runs the real Crawlee shell.
 */
export const mswServer = setupServer();
/** URLs requested in the current test, in order. */
export const requested: string[] = [];

export function useMsw(): void {
  beforeAll(() => {
    quietCrawleeLogs();
    mswServer.events.on('request:start', ({ request }) => {
      requested.push(request.url);
    });
    mswServer.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    mswServer.resetHandlers();
    requested.length = 0;
  });
  afterAll(() => {
    mswServer.close();
  });
}

export interface Reply {
  status?: number;
  body?: string | object;
  type?: string;
  headers?: Record<string, string>;
}

/** A response with a content-length; an object body is JSON. */
export function reply({ status = 200, body = '', type, headers = {} }: Reply = {}): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType =
    type ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  return new HttpResponse(text, {
    status,
    headers: {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    },
  });
}

/**
 * Answers GET `url` (its query string exactly: none when it has none) with `replies` in turn,
 * the last one repeated.
 */
export function serve(url: string, ...replies: Reply[]): void {
  const [path, query] = url.split('?');
  let next = 0;
  mswServer.use(
    http.get(path as string, ({ request }) => {
      if (new URL(request.url).search !== (query === undefined ? '' : `?${query}`))
        return undefined;
      const answer = replies[Math.min(next, replies.length - 1)] ?? {};
      next += 1;
      return reply(answer);
    }),
  );
}

export function source(raw: Record<string, unknown>): SourceConfig {
  const [parsed] = parseSources(
    { sources: [{ maxRequestsPerMinute: 60_000, ...raw }] },
    'test sources',
  );
  if (parsed === undefined) throw new Error('no source parsed');
  return parsed;
}

export interface Crawled {
  report: CrawlReport;
  postings: Posting[];
  listed: string[];
}

export async function crawl(
  config: SourceConfig,
  options: Omit<CrawlOptions, 'onPostings'> = {},
): Promise<Crawled> {
  const postings: Posting[] = [];
  const listed: string[] = [];
  const report = await crawlSource(config, {
    backoffBaseMs: 1,
    backoffCapMs: 5,
    retryAfterCapMs: 20,
    maxRetries: 2,
    onListed: (keys) => listed.push(...keys),
    ...options,
    onPostings: async (batch) => {
      postings.push(...batch);
    },
  });
  return { report, postings, listed };
}

/** A posting as JSON has it (undefined fields dropped), for comparing with expected files. */
export function plain(posting: Posting): unknown {
  return JSON.parse(JSON.stringify(posting));
}

/**
 * The retry behaviour every source type shares: a 429 with Retry-After is waited out (capped)
 * and retried, a 5xx is retried with backoff, and both then read the board.
 */
export function describeRetries(
  type: string,
  setup: () => { config: SourceConfig; url: string; ok: Reply; postings: number },
): void {
  describe(`${type}: retries`, () => {
    it('waits out a 429 with Retry-After, then reads the board', async () => {
      const { config, url, ok, postings } = setup();
      serve(
        url,
        { status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } },
        ok,
      );
      const result = await crawl(config);
      expect(result.postings).toHaveLength(postings);
      expect(result.report).toMatchObject({ complete: true, pages: { failed: 0 } });
      expect(
        requested.filter((u) => u.startsWith(url.split('?')[0] as string)).length,
      ).toBeGreaterThanOrEqual(2);
    });

    it('retries a 503, then reads the board', async () => {
      const { config, url, ok, postings } = setup();
      serve(url, { status: 503, body: 'maintenance' }, ok);
      const result = await crawl(config);
      expect(result.postings).toHaveLength(postings);
      expect(result.report).toMatchObject({ complete: true, pages: { failed: 0, gaveUp: 0 } });
    });

    it('gives up on a 500 that persists, and says so', async () => {
      const { config, url } = setup();
      serve(url, { status: 500, body: 'down' });
      const result = await crawl(config);
      expect(result.postings).toEqual([]);
      expect(result.report).toMatchObject({ complete: false, pages: { failed: 1, gaveUp: 1 } });
      expect(result.report.failures[0]?.reason).toMatch(/500.*\(after 3 attempts\)/);
    });
  });
}
