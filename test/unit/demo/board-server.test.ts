import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_TYPES } from '../../../src/crawl/index.js';
import {
  type BoardServer,
  defaultBoardsDir,
  demoSources,
  startBoardServer,
  syntheticGreenhouseBoard,
} from '../../../src/demo/index.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request whose path is sent exactly as given (fetch would normalise `..`). */
function raw(origin: string, path: string, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function getJson<T>(url: string): Promise<{ status: number; body: T; res: Response }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as T, res };
}

interface GreenhouseBody {
  jobs: Array<{ id: number; title: string; content?: string; company_name: string }>;
  meta: { total: number };
}
interface LeverPosting {
  id: string;
  text: string;
  createdAt: number;
}
interface AshbyBody {
  apiVersion: string;
  jobs: Array<{ id: string; isListed: boolean; compensation?: unknown }>;
}

const LD_JSON = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;

let server: BoardServer;

beforeAll(async () => {
  server = await startBoardServer();
});

afterAll(async () => {
  await server.close();
});

describe('startBoardServer', () => {
  it('listens on 127.0.0.1 with a random port', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('serves the Greenhouse board with escaped content only when content=true', async () => {
    const full = await getJson<GreenhouseBody>(`${server.origin}/v1/boards/acme/jobs?content=true`);
    expect(full.status).toBe(200);
    expect(full.res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(full.body.jobs).toHaveLength(25);
    expect(full.body.meta.total).toBe(25);
    const first = full.body.jobs[0];
    expect(first?.company_name).toBe('Acme Inc');
    expect(first?.content).toMatch(/^&lt;(p|h3)&gt;/);
    expect(first?.content).not.toMatch(/<p>/);

    const list = await getJson<GreenhouseBody>(`${server.origin}/v1/boards/acme/jobs`);
    expect(list.body.jobs).toHaveLength(25);
    expect(list.body.jobs.every((job) => job.content === undefined)).toBe(true);

    const one = await getJson<{ id: number; title: string; content: string }>(
      `${server.origin}/v1/boards/acme/jobs/${first?.id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body.title).toBe(first?.title);
    expect(one.body.content).toBe(first?.content);
  });

  it('pages the Lever board with skip and limit (limit 100 when absent)', async () => {
    const all = await getJson<LeverPosting[]>(`${server.origin}/v0/postings/globex?mode=json`);
    expect(all.status).toBe(200);
    expect(all.body).toHaveLength(25);

    const pages: LeverPosting[] = [];
    for (let skip = 0; ; skip += 10) {
      const page = await getJson<LeverPosting[]>(
        `${server.origin}/v0/postings/globex?mode=json&skip=${skip}&limit=10`,
      );
      pages.push(...page.body);
      if (page.body.length < 10) break;
    }
    expect(pages.map((p) => p.id)).toEqual(all.body.map((p) => p.id));
    expect(new Set(pages.map((p) => p.id)).size).toBe(25);

    const third = await getJson<LeverPosting[]>(
      `${server.origin}/v0/postings/globex?mode=json&skip=20&limit=10`,
    );
    expect(third.body.map((p) => p.id)).toEqual(all.body.slice(20).map((p) => p.id));
    const beyond = await getJson<LeverPosting[]>(`${server.origin}/v0/postings/globex?skip=500`);
    expect(beyond.body).toEqual([]);
    const bad = await fetch(`${server.origin}/v0/postings/globex?skip=-1`);
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();

    const one = await getJson<LeverPosting>(
      `${server.origin}/v0/postings/globex/${all.body[3]?.id}`,
    );
    expect(one.body.text).toBe(all.body[3]?.text);
    expect(typeof one.body.createdAt).toBe('number');
  });

  it('serves Ashby with compensation only when includeCompensation=true', async () => {
    const withPay = await getJson<AshbyBody>(
      `${server.origin}/posting-api/job-board/initech?includeCompensation=true`,
    );
    expect(withPay.status).toBe(200);
    expect(withPay.body.apiVersion).toBe('1');
    expect(withPay.body.jobs).toHaveLength(15);
    expect(withPay.body.jobs.filter((job) => job.isListed === false)).toHaveLength(1);
    expect(withPay.body.jobs.every((job) => job.compensation !== undefined)).toBe(true);

    const withoutPay = await getJson<AshbyBody>(`${server.origin}/posting-api/job-board/initech`);
    expect(withoutPay.body.jobs).toHaveLength(15);
    expect(withoutPay.body.jobs.some((job) => job.compensation !== undefined)).toBe(false);
  });

  it('answers 404 {"error":"not found"} for unknown boards and postings', async () => {
    for (const path of [
      '/v1/boards/nope/jobs?content=true',
      '/v1/boards/acme/jobs/123',
      '/v0/postings/nope?mode=json',
      '/v0/postings/globex/not-an-id',
      '/posting-api/job-board/nope',
    ]) {
      const res = await fetch(`${server.origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(await res.json(), path).toEqual({ error: 'not found' });
    }
  });

  it('serves robots.txt and sitemap.xml with {{origin}} replaced', async () => {
    const robots = await fetch(`${server.origin}/robots.txt`);
    const robotsText = await robots.text();
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(robotsText).toContain('Disallow: /private/');
    expect(robotsText).toContain(`Sitemap: ${server.origin}/sitemap.xml`);
    expect(robotsText).not.toContain('{{origin}}');

    const sitemap = await fetch(`${server.origin}/sitemap.xml`);
    const xml = await sitemap.text();
    expect(sitemap.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(xml).not.toContain('{{origin}}');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    expect(locs).toHaveLength(10);
    expect(locs.every((loc) => loc.startsWith(`${server.origin}/`))).toBe(true);
    expect(locs.filter((loc) => loc.includes('/private/'))).toHaveLength(1);
  });

  it('serves every sitemap page as HTML whose JSON-LD parses, except the malformed page', async () => {
    const xml = await (await fetch(`${server.origin}/sitemap.xml`)).text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    let postings = 0;
    const broken: string[] = [];
    for (const loc of locs) {
      const res = await fetch(loc);
      expect(res.status, loc).toBe(200);
      expect(res.headers.get('content-type'), loc).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html, loc).not.toContain('{{origin}}');
      for (const [, block] of html.matchAll(LD_JSON)) {
        try {
          const value: unknown = JSON.parse(block as string);
          postings += (JSON.stringify(value).match(/"JobPosting"/g) ?? []).length;
        } catch {
          broken.push(new URL(loc).pathname);
        }
      }
    }
    expect(broken).toEqual(['/jobs/office-manager-draft.html']);
    expect(postings).toBe(9);
  });

  it('puts one posting on Greenhouse acme and on the site with the same company, title and text', async () => {
    const gh = await getJson<GreenhouseBody>(`${server.origin}/v1/boards/acme/jobs?content=true`);
    const xml = await (await fetch(`${server.origin}/sitemap.xml`)).text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    let matches = 0;
    for (const loc of locs) {
      const html = await (await fetch(loc)).text();
      for (const [, block] of html.matchAll(LD_JSON)) {
        let node: { title?: string; description?: string; hiringOrganization?: unknown };
        try {
          node = JSON.parse(block as string);
        } catch {
          continue;
        }
        const org = node.hiringOrganization as { name?: string } | undefined;
        if (org?.name !== 'Acme Inc') continue;
        const twin = gh.body.jobs.find((job) => job.title === node.title);
        expect(twin).toBeDefined();
        expect(decode(twin?.content ?? '')).toBe(node.description);
        matches++;
      }
    }
    expect(matches).toBe(1);
  });

  it('sends content-length on every response, HEAD included', async () => {
    for (const [path, method] of [
      ['/v1/boards/acme/jobs?content=true', 'GET'],
      ['/v0/postings/globex?mode=json&limit=3', 'GET'],
      ['/posting-api/job-board/initech', 'GET'],
      ['/robots.txt', 'GET'],
      ['/jobs/', 'GET'],
      ['/v1/boards/nope/jobs', 'GET'],
      ['/no-such-file.html', 'GET'],
      ['/sitemap.xml', 'HEAD'],
      ['/v1/boards/acme/jobs', 'POST'],
    ] as const) {
      const res = await raw(server.origin, path, method);
      const length = res.headers['content-length'];
      expect(length, `${method} ${path}`).toBeDefined();
      expect(res.headers['content-type'], `${method} ${path}`).toBeDefined();
      if (method === 'HEAD') {
        expect(res.body).toBe('');
        expect(Number(length)).toBeGreaterThan(0);
      } else {
        expect(Number(length), `${method} ${path}`).toBe(Buffer.byteLength(res.body));
      }
      if (method === 'POST') {
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
      }
    }
  });

  it('blocks path traversal', async () => {
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/..%2f..%2f..%2fpackage.json',
      '/jobs/..%2f..%2f..%2f..%2fpackage.json',
      '/..%2fbuild.mjs',
      '/..%2fmanifest.json',
      '/..%2f..%2f..%2ftest%2ffixtures%2flabelled-postings.jsonl',
      '/../../package.json',
      '/jobs/../../package.json',
      '/jobs/..%2f..%2f..%2fpackage.json',
      '/jobs/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/private/..%5c..%5c..%5cpackage.json',
      '/%2e%2e/build.mjs',
      '/../build.mjs',
      '/package.json',
      '/site/robots.txt',
      '/..%00/package.json',
      '/%E0%A4%A',
    ]) {
      const res = await raw(server.origin, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('"name": "jobsift"');
      expect(res.body, path).not.toContain('labelled-postings');
      expect(res.body, path).not.toContain('"lp-0');
      expect(Number(res.headers['content-length']), path).toBe(Buffer.byteLength(res.body));
    }
  });

  it('injects faults in order for matching paths, then serves normally', async () => {
    server.requests.length = 0;
    server.fail('/v1/boards/acme', [
      { status: 429, headers: { 'retry-after': '2' }, body: 'slow down' },
      { status: 503 },
    ]);
    const other = await fetch(`${server.origin}/posting-api/job-board/initech`);
    expect(other.status).toBe(200);
    await other.arrayBuffer();

    const first = await fetch(`${server.origin}/v1/boards/acme/jobs?content=true`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.headers.get('content-length')).toBe('9');
    expect(await first.text()).toBe('slow down');

    const second = await fetch(`${server.origin}/v1/boards/acme/jobs?content=true`);
    expect(second.status).toBe(503);
    expect(second.headers.get('content-length')).toBe('0');
    await second.arrayBuffer();

    const third = await getJson<GreenhouseBody>(
      `${server.origin}/v1/boards/acme/jobs?content=true`,
    );
    expect(third.status).toBe(200);
    expect(third.body.jobs).toHaveLength(25);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /posting-api/job-board/initech',
      'GET /v1/boards/acme/jobs?content=true',
      'GET /v1/boards/acme/jobs?content=true',
      'GET /v1/boards/acme/jobs?content=true',
    ]);
    expect(server.requests.every((r) => typeof r.at === 'number' && r.at > 0)).toBe(true);
    expect(server.requests[0]?.headers.host).toBe(`127.0.0.1:${server.port}`);
  });

  it('can drop the connection or delay a faulted response', async () => {
    server.fail('/v0/postings/globex', [{ status: 0 }, { status: 200, body: '[]', delayMs: 150 }]);
    await expect(fetch(`${server.origin}/v0/postings/globex?mode=json`)).rejects.toThrow();
    const started = Date.now();
    const delayed = await fetch(`${server.origin}/v0/postings/globex?mode=json`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await delayed.text()).toBe('[]');
    const normal = await getJson<LeverPosting[]>(`${server.origin}/v0/postings/globex?mode=json`);
    expect(normal.body).toHaveLength(25);
  });

  it('changes, adds and removes boards with setBoard and removeBoard', async () => {
    const original = await getJson<GreenhouseBody>(
      `${server.origin}/v1/boards/acme/jobs?content=true`,
    );
    const changed = structuredClone(original.body);
    const job = changed.jobs[0];
    if (job === undefined) throw new Error('fixture board is empty');
    job.title = 'Changed Title';
    changed.jobs.pop();
    changed.meta.total = changed.jobs.length;
    server.setBoard('greenhouse', 'acme', changed);
    job.title = 'mutated after setBoard';

    const after = await getJson<GreenhouseBody>(
      `${server.origin}/v1/boards/acme/jobs?content=true`,
    );
    expect(after.body.jobs).toHaveLength(24);
    expect(after.body.jobs[0]?.title).toBe('Changed Title');

    server.setBoard('lever', 'hooli', [{ id: 'a', text: 'One' }]);
    const hooli = await getJson<LeverPosting[]>(`${server.origin}/v0/postings/hooli?mode=json`);
    expect(hooli.body).toEqual([{ id: 'a', text: 'One' }]);
    expect(() =>
      server.setBoard('lever', 'bad', { not: 'an array' } as unknown as unknown[]),
    ).toThrow(TypeError);

    server.removeBoard('lever', 'hooli');
    expect((await fetch(`${server.origin}/v0/postings/hooli?mode=json`)).status).toBe(404);

    server.setBoard('greenhouse', 'acme', original.body);
    const restored = await getJson<GreenhouseBody>(
      `${server.origin}/v1/boards/acme/jobs?content=true`,
    );
    expect(restored.body).toEqual(original.body);
  });

  it('adds and removes site files with setSiteFile', async () => {
    server.setSiteFile('/jobs/new-role.html', '<a href="{{origin}}/jobs/">x</a>');
    const added = await fetch(`${server.origin}/jobs/new-role.html`);
    expect(added.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await added.text()).toBe(`<a href="${server.origin}/jobs/">x</a>`);
    server.setSiteFile('/jobs/new-role.html', null);
    const removed = await fetch(`${server.origin}/jobs/new-role.html`);
    expect(removed.status).toBe(404);
    await removed.arrayBuffer();
  });

  it('describes the demo sources', () => {
    const sources = demoSources(server.origin);
    expect(sources.map((s) => s.type)).toEqual([
      'greenhouse',
      'lever',
      'ashby',
      'jsonld',
      'workable',
      'smartrecruiters',
      'recruitee',
      'personio',
      'remoteok',
      'hn',
      'rss',
    ]);
    // The demo shows every source type.
    expect(new Set(sources.map((s) => s.type))).toEqual(new Set(SOURCE_TYPES));
    expect(sources[3]).toMatchObject({ url: `${server.origin}/sitemap.xml` });
  });
});

describe('startBoardServer with in-memory boards only', () => {
  it('serves the given boards and no files', async () => {
    const own = await startBoardServer({
      boardsDir: false,
      boards: {
        greenhouse: {
          mini: {
            jobs: [{ id: 1, title: 'T', content: '&lt;p&gt;x&lt;/p&gt;' }],
            meta: { total: 1 },
          },
        },
        lever: { tiny: Array.from({ length: 150 }, (_, i) => ({ id: `p${i}`, text: `P${i}` })) },
        ashby: { small: { apiVersion: '1', jobs: [] } },
      },
    });
    try {
      const gh = await getJson<GreenhouseBody>(`${own.origin}/v1/boards/mini/jobs?content=true`);
      expect(gh.body.jobs[0]?.content).toBe('&lt;p&gt;x&lt;/p&gt;');
      const lever = await getJson<LeverPosting[]>(`${own.origin}/v0/postings/tiny?mode=json`);
      expect(lever.body).toHaveLength(100);
      const rest = await getJson<LeverPosting[]>(`${own.origin}/v0/postings/tiny?skip=100`);
      expect(rest.body).toHaveLength(50);
      expect((await fetch(`${own.origin}/posting-api/job-board/small`)).status).toBe(200);
      expect((await fetch(`${own.origin}/v1/boards/acme/jobs`)).status).toBe(404);
      expect((await fetch(`${own.origin}/robots.txt`)).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});

describe('fixture boards', () => {
  const dir = defaultBoardsDir();
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );

  it('are valid JSON, with distinct ids per board', () => {
    const files = walk(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files)
      expect(() => JSON.parse(readFileSync(file, 'utf8')), file).not.toThrow();
    const gh = JSON.parse(
      readFileSync(join(dir, 'greenhouse', 'acme.json'), 'utf8'),
    ) as GreenhouseBody;
    expect(new Set(gh.jobs.map((j) => j.id)).size).toBe(gh.jobs.length);
    const lever = JSON.parse(
      readFileSync(join(dir, 'lever', 'globex.json'), 'utf8'),
    ) as LeverPosting[];
    expect(new Set(lever.map((p) => p.id)).size).toBe(lever.length);
    const dates = lever.map((p) => new Date(p.createdAt).getUTCFullYear());
    expect(new Set(dates)).toEqual(new Set([2026]));
  });
});

describe('syntheticGreenhouseBoard', () => {
  it('builds 5,000 distinct postings quickly and deterministically', () => {
    const started = performance.now();
    const board = syntheticGreenhouseBoard(5000, 7);
    const elapsed = performance.now() - started;
    expect(board.jobs).toHaveLength(5000);
    expect(board.meta.total).toBe(5000);
    expect(new Set(board.jobs.map((j) => j.id)).size).toBe(5000);
    expect(new Set(board.jobs.map((j) => `${j.company_name}\n${j.title}\n${j.content}`)).size).toBe(
      5000,
    );
    expect(new Set(board.jobs.map((j) => j.company_name)).size).toBeGreaterThan(100);
    expect(new Set(board.jobs.map((j) => j.title)).size).toBeGreaterThan(50);
    expect(new Set(board.jobs.map((j) => j.first_published.slice(0, 10))).size).toBeGreaterThan(
      100,
    );
    expect(board.jobs.every((j) => j.first_published.startsWith('2026-'))).toBe(true);
    expect(board.jobs.every((j) => j.content.startsWith('&lt;p&gt;'))).toBe(true);
    expect(elapsed).toBeLessThan(1000);

    expect(syntheticGreenhouseBoard(50, 7)).toEqual(syntheticGreenhouseBoard(50, 7));
    expect(syntheticGreenhouseBoard(50, 8).jobs.map((j) => j.title)).not.toEqual(
      syntheticGreenhouseBoard(50, 7).jobs.map((j) => j.title),
    );
  });

  it('is served by the board server', async () => {
    const own = await startBoardServer({
      boardsDir: false,
      boards: { greenhouse: { big: syntheticGreenhouseBoard(1200, 3) } },
    });
    try {
      const res = await getJson<GreenhouseBody>(`${own.origin}/v1/boards/big/jobs?content=true`);
      expect(res.body.jobs).toHaveLength(1200);
      expect(Number(res.res.headers.get('content-length'))).toBeGreaterThan(1_000_000);
    } finally {
      await own.close();
    }
  });
});
