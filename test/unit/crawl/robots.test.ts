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
  const unavailable: string[] = [];
  const allowed = createRobotsCheck({
    userAgent: 'jobsift-test/1.0 (+https://example.org)',
    agent: 'jobsift',
    timeoutMs: 5_000,
    onUnavailable: (url, reason) => unavailable.push(`${url}: ${reason}`),
    ...overrides,
  });
  return { allowed, unavailable };
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

  it('allows everything when robots.txt is 404, without a complaint', async () => {
    answer = { status: 404, body: 'User-agent: *\nDisallow: /\n' };
    const { allowed, unavailable } = check();
    expect(await allowed(`${origin}/jobs/1`)).toBe(true);
    expect(unavailable).toEqual([]);
  });

  it('allows everything when robots.txt answers 5xx, and says so', async () => {
    answer = { status: 503, body: 'User-agent: *\nDisallow: /\n' };
    const { allowed, unavailable } = check();
    expect(await allowed(`${origin}/jobs/1`)).toBe(true);
    expect(await allowed(`${origin}/jobs/2`)).toBe(true);
    expect(requests).toHaveLength(1);
    expect(unavailable).toEqual([`${origin}/robots.txt: HTTP 503`]);
  });

  it('allows everything when the host cannot be reached, and says why', async () => {
    await new Promise((resolve) => server.close(resolve));
    server = http.createServer();
    const { allowed, unavailable } = check();
    expect(await allowed(`${origin}/jobs/1`)).toBe(true);
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/robots\.txt: .*ECONNREFUSED/);
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
