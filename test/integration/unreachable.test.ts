import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  crawlSource,
  parseSources,
  quietCrawleeLogs,
  type UnreachableEvent,
} from '../../src/crawl/index.js';

// A board whose host cannot be reached: a closed port on 127.0.0.1, real Crawlee requests.

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe('a crawl of a board that refuses connections', () => {
  it('says so at the first failure and while it retries, and its report says why', async () => {
    quietCrawleeLogs();
    const port = await closedPort();
    const [source] = parseSources(
      {
        sources: [
          { id: 'dead', type: 'lever', board: 'dead', baseUrl: `http://127.0.0.1:${port}` },
        ],
      },
      'test',
    );
    if (source === undefined) throw new Error('no source');
    const events: UnreachableEvent[] = [];
    const report = await crawlSource(source, {
      onPostings: async () => {},
      maxRetries: 3,
      backoffBaseMs: 100,
      unreachableEveryMs: 0,
      onUnreachable: (event) => events.push(event),
    });
    expect(events.map((event) => event.failures)).toEqual([1, 2, 3, 4]);
    expect(events[0]).toMatchObject({
      source: 'dead',
      host: `127.0.0.1:${port}`,
      code: 'ECONNREFUSED',
    });
    expect(events[0]?.message).toBe(
      `board dead unreachable: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED); retrying`,
    );
    expect(report.pages).toMatchObject({ ok: 0, failed: 1, gaveUp: 1 });
    expect(report.failures).toEqual([
      {
        url: expect.stringContaining(`http://127.0.0.1:${port}/`),
        reason: `cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED) (after 4 attempts)`,
      },
    ]);
  });
});
