import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRobotsCheck, type RobotsOptions } from '../../../src/crawl/robots.js';

// A real local server: robots.txt is fetched with Node's fetch, as in a crawl.

interface Served {
  status: number;
  body: string;
}

let server: http.Server;
let origin: string;
let answer: Served;
let requests: http.IncomingHttpHeaders[];

beforeEach(async () => {
  answer = { status: 200, body: '' };
  requests = [];
  server = http.createServer((request, response) => {
    if (request.url !== '/robots.txt') {
      response.writeHead(404).end();
      return;
    }
    requests.push(request.headers);
    response.writeHead(answer.status, {
      'content-type': 'text/plain',
      'content-length': Buffer.byteLength(answer.body),
    });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const ROBOTS = `User-agent: *
Disallow: /private/

User-agent: jobsift
Disallow: /jobs/drafts/
`;

function check(overrides: Partial<RobotsOptions> = {}) {
  const verdict = createRobotsCheck({
    userAgent: 'jobsift-test/1.0 (+https://example.org)',
    agent: 'jobsift',
    timeoutMs: 5_000,
    ...overrides,
  });
  const allowed = async (url: string) => (await verdict(url)).allowed;
  return { allowed, verdict };
}

describe('createRobotsCheck', () => {
  it('fetches robots.txt with our User-Agent, once per origin', async () => {
    answer = { status: 200, body: ROBOTS };
    const { allowed } = check();
    const answers = await Promise.all([
      allowed(`${origin}/jobs/1`),
      allowed(`${origin}/jobs/2`),
      allowed(`${origin}/jobs/drafts/3`),
    ]);
    expect(answers).toEqual([true, true, false]);
    expect(await allowed(`${origin}/jobs/4`)).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.['user-agent']).toBe('jobsift-test/1.0 (+https://example.org)');
  });

  it('follows the group of our agent token, not the * group', async () => {
    answer = { status: 200, body: ROBOTS };
    const { allowed } = check();
    expect(await allowed(`${origin}/private/x`)).toBe(true);
    expect(await allowed(`${origin}/jobs/drafts/x`)).toBe(false);
  });

  it('uses the * group when no group names our agent', async () => {
    answer = { status: 200, body: 'User-agent: *\nDisallow: /private/\n' };
    const { allowed } = check();
    expect(await allowed(`${origin}/private/x`)).toBe(false);
    expect(await allowed(`${origin}/jobs/x`)).toBe(true);
  });

  it('allows everything when robots.txt is 404 or another 4xx', async () => {
    for (const status of [404, 403, 410]) {
      answer = { status, body: 'User-agent: *\nDisallow: /\n' };
      const { verdict } = check();
      expect(await verdict(`${origin}/jobs/1`)).toEqual({ allowed: true });
    }
  });

  it.each([503, 500, 429])(
    'fetches nothing when robots.txt answers %i, says why, and asks once (RFC 9309)',
    async (status) => {
      answer = { status, body: 'User-agent: *\nAllow: /\n' };
      const { verdict } = check();
      expect(await verdict(`${origin}/jobs/1`)).toEqual({
        allowed: false,
        unavailable: `HTTP ${status}`,
      });
      expect((await verdict(`${origin}/jobs/2`)).allowed).toBe(false);
      expect(requests).toHaveLength(1);
    },
  );

  it('fetches nothing when the host cannot be reached, and says why', async () => {
    await new Promise((resolve) => server.close(resolve));
    server = http.createServer();
    const { verdict } = check();
    const answer = await verdict(`${origin}/jobs/1`);
    expect(answer.allowed).toBe(false);
    expect(answer.allowed === false && answer.unavailable).toMatch(/ECONNREFUSED/);
  });

  it('tells rules that disallow apart from an unreadable robots.txt', async () => {
    answer = { status: 200, body: ROBOTS };
    const { verdict } = check();
    expect(await verdict(`${origin}/jobs/drafts/1`)).toEqual({ allowed: false });
  });

  it("reports the Crawl-delay of our agent's group, else the * group's, and none when unset", async () => {
    const delays = async (body: string) => {
      answer = { status: 200, body };
      const told: string[] = [];
      const { verdict } = check({
        onCrawlDelay: (url, seconds) => told.push(`${url.href} ${seconds}`),
      });
      await verdict(`${origin}/jobs/1`);
      return told;
    };
    expect(
      await delays('User-agent: *\nCrawl-delay: 10\n\nUser-agent: jobsift\nCrawl-delay: 2.5\n'),
    ).toEqual([`${origin}/robots.txt 2.5`]);
    expect(await delays('User-agent: *\nCrawl-delay: 10\n')).toEqual([`${origin}/robots.txt 10`]);
    expect(await delays(ROBOTS)).toEqual([]);
  });

  it('waits for beforeFetch (the host pacing) before the request', async () => {
    answer = { status: 200, body: ROBOTS };
    const seen: string[] = [];
    const { allowed } = check({
      beforeFetch: async (url) => {
        seen.push(`${url.href} (${requests.length} requests so far)`);
      },
    });
    await allowed(`${origin}/jobs/1`);
    expect(seen).toEqual([`${origin}/robots.txt (0 requests so far)`]);
  });
});
