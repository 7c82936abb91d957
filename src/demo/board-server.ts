/**
 * A local HTTP server that plays Greenhouse, Lever and Ashby (their public job-board APIs, same
 * paths and response shapes) and a careers website with schema.org JSON-LD, robots.txt and a
 * sitemap. `jobsift demo`, the integration tests and the benchmark crawl it instead of the
 * internet.
 *
 * Routes (GET and HEAD; anything else is 405):
 * - `/v1/boards/:board/jobs[?content=true]` — Greenhouse, the whole board. Without
 *   `content=true` the jobs lose `content`, `departments` and `offices`, as on the real API.
 * - `/v1/boards/:board/jobs/:id` — Greenhouse, one job (always with content).
 * - `/v0/postings/:site[?mode=json&skip=N&limit=M]` — Lever, a bare array sliced by skip/limit
 *   (limit 100 when absent). `/v0/postings/:site/:id` — one posting.
 * - `/posting-api/job-board/:name[?includeCompensation=true]` — Ashby. Without
 *   `includeCompensation=true` the jobs have no `compensation`, as on the real API.
 * - Any file of the site directory: `/robots.txt`, `/sitemap.xml`, `/jobs/*.html`, `/private/*`
 *   (`/jobs/` serves `jobs/index.html`), with `{{origin}}` replaced by the server's origin.
 *   Only files found under the site directory at start-up (or added with `setSiteFile`) exist;
 *   no request path is ever joined onto a file-system path, so traversal cannot reach anything.
 *
 * Unknown boards and postings answer 404 `{"error":"not found"}`. Every response has a
 * `content-type` and a `content-length`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { feedBoards } from './feed-boards.js';

export type BoardType = 'greenhouse' | 'lever' | 'ashby';

/** Board payloads by board name, in each API's wire format. */
export interface BoardPayloads {
  /** `GET /v1/boards/{name}/jobs?content=true` bodies: `{ jobs: [...], meta: { total } }`. */
  greenhouse?: Record<string, unknown>;
  /** `GET /v0/postings/{name}?mode=json` arrays (the whole board; the server pages it). */
  lever?: Record<string, unknown[]>;
  /** `GET /posting-api/job-board/{name}?includeCompensation=true` bodies. */
  ashby?: Record<string, unknown>;
}

export interface BoardServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Directory with `greenhouse/*.json`, `lever/*.json`, `ashby/*.json` (board name = file
   * name) and `site/` (the careers website). Default: the repository's `fixtures/boards`.
   * `false` loads nothing from disk (in-memory boards only, no site).
   */
  boardsDir?: string | false;
  /** Boards added to, or replacing, those of `boardsDir`. */
  boards?: BoardPayloads;
}

/** One injected response. */
export interface FaultResponse {
  /** HTTP status; 0 destroys the connection without answering (a network error). */
  status: number;
  headers?: Record<string, string>;
  /** Default: empty. */
  body?: string;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface BoardServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  /** Every request received, in order (faulted ones included). Clear with `requests.length = 0`. */
  readonly requests: RecordedRequest[];
  /**
   * The next requests whose path (with query) starts with `pathPrefix` get `responses`, one
   * each, in order; then normal service resumes. Calls add to the queue of that prefix.
   */
  fail(pathPrefix: string, responses: FaultResponse[]): void;
  /** Adds or replaces a board (a snapshot of `payload` is taken now). */
  setBoard(type: 'lever', name: string, payload: unknown[]): void;
  setBoard(type: 'greenhouse' | 'ashby', name: string, payload: unknown): void;
  /** Removes a board; it then answers 404. */
  removeBoard(type: BoardType, name: string): void;
  /** Adds, replaces (`content`) or removes (`null`) a site file, e.g. `/jobs/new-role.html`. */
  /** Adds, replaces or (null) removes a site file; a Buffer is served as it is (e.g. gzip). */
  setSiteFile(path: string, content: string | Buffer | null): void;
  close(): Promise<void>;
}

const NOT_FOUND = '{"error":"not found"}';
const JSON_TYPE = 'application/json; charset=utf-8';

const CONTENT_TYPES: Record<string, string> = {
  '.json': JSON_TYPE,
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
};

/** The repository's `fixtures/boards` directory. */
export function defaultBoardsDir(): string {
  return join(PACKAGE_ROOT, 'fixtures', 'boards');
}

interface GreenhouseBoard {
  full: string;
  /** Lazily: the board without content/departments/offices. */
  list?: string;
  /** Lazily: one job's JSON by id. */
  jobs?: Map<string, string>;
}

interface LeverBoard {
  items: string[];
  ids: Map<string, number>;
}

interface AshbyBoard {
  full: string;
  /** Lazily: the board without compensation. */
  withoutCompensation?: string;
}

interface SiteFile {
  body: string | Buffer;
  type: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `board fixture ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function jsonFiles(dir: string): Array<[name: string, file: string]> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => [entry.name.slice(0, -'.json'.length), join(dir, entry.name)]);
}

function siteFiles(root: string): Map<string, SiteFile> {
  const files = new Map<string, SiteFile>();
  if (!existsSync(root)) return files;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const path = `/${relative(root, full).split(sep).join('/')}`;
        addSiteFile(files, path, readFileSync(full, 'utf8'));
      }
    }
  };
  walk(root);
  return files;
}

function addSiteFile(files: Map<string, SiteFile>, path: string, body: string | Buffer): void {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  files.set(path, { body, type });
  if (path.endsWith('/index.html')) files.set(path.slice(0, -'index.html'.length), { body, type });
}

function greenhouseBoard(payload: unknown): GreenhouseBoard {
  return { full: JSON.stringify(payload) };
}

function greenhouseList(board: GreenhouseBoard): string {
  if (board.list === undefined) {
    const payload: unknown = JSON.parse(board.full);
    if (isRecord(payload) && Array.isArray(payload.jobs)) {
      payload.jobs = payload.jobs.map((job: unknown) => {
        if (!isRecord(job)) return job;
        const { content: _content, departments: _departments, offices: _offices, ...rest } = job;
        return rest;
      });
    }
    board.list = JSON.stringify(payload);
  }
  return board.list;
}

function greenhouseJob(board: GreenhouseBoard, id: string): string | undefined {
  if (board.jobs === undefined) {
    board.jobs = new Map();
    const payload: unknown = JSON.parse(board.full);
    if (isRecord(payload) && Array.isArray(payload.jobs)) {
      for (const job of payload.jobs as unknown[]) {
        if (isRecord(job) && job.id !== undefined)
          board.jobs.set(String(job.id), JSON.stringify(job));
      }
    }
  }
  return board.jobs.get(id);
}

function leverBoard(payload: unknown): LeverBoard {
  if (!Array.isArray(payload)) throw new TypeError('a Lever board is an array of postings');
  const items: string[] = [];
  const ids = new Map<string, number>();
  payload.forEach((posting: unknown, index) => {
    items.push(JSON.stringify(posting));
    if (isRecord(posting) && typeof posting.id === 'string') ids.set(posting.id, index);
  });
  return { items, ids };
}

function ashbyBoard(payload: unknown): AshbyBoard {
  return { full: JSON.stringify(payload) };
}

function ashbyWithoutCompensation(board: AshbyBoard): string {
  if (board.withoutCompensation === undefined) {
    const payload: unknown = JSON.parse(board.full);
    if (isRecord(payload) && Array.isArray(payload.jobs)) {
      payload.jobs = payload.jobs.map((job: unknown) => {
        if (!isRecord(job)) return job;
        const { compensation: _compensation, ...rest } = job;
        return rest;
      });
    }
    board.withoutCompensation = JSON.stringify(payload);
  }
  return board.withoutCompensation;
}

/** A non-negative integer query parameter, its default when absent, or null when invalid. */
function intParam(params: URLSearchParams, name: string, fallback: number): number | null {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

interface Reply {
  status: number;
  body: string | Buffer;
  type: string;
  headers?: Record<string, string>;
}

const json = (status: number, body: string): Reply => ({ status, body, type: JSON_TYPE });
const notFound = (): Reply => json(404, NOT_FOUND);

export async function startBoardServer(options: BoardServerOptions = {}): Promise<BoardServer> {
  const greenhouse = new Map<string, GreenhouseBoard>();
  const lever = new Map<string, LeverBoard>();
  const ashby = new Map<string, AshbyBoard>();
  let site = new Map<string, SiteFile>();

  const boardsDir = options.boardsDir === undefined ? defaultBoardsDir() : options.boardsDir;
  if (boardsDir !== false) {
    if (!existsSync(boardsDir)) throw new Error(`boards directory not found: ${boardsDir}`);
    for (const [name, file] of jsonFiles(join(boardsDir, 'greenhouse')))
      greenhouse.set(name, greenhouseBoard(readJson(file)));
    for (const [name, file] of jsonFiles(join(boardsDir, 'lever')))
      lever.set(name, leverBoard(readJson(file)));
    for (const [name, file] of jsonFiles(join(boardsDir, 'ashby')))
      ashby.set(name, ashbyBoard(readJson(file)));
    site = siteFiles(join(boardsDir, 'site'));
  }
  // Workable, SmartRecruiters, Recruitee, Personio, Remote OK and HN (feed-boards.ts).
  const feeds = feedBoards(boardsDir);
  for (const [name, payload] of Object.entries(options.boards?.greenhouse ?? {}))
    greenhouse.set(name, greenhouseBoard(payload));
  for (const [name, payload] of Object.entries(options.boards?.lever ?? {}))
    lever.set(name, leverBoard(payload));
  for (const [name, payload] of Object.entries(options.boards?.ashby ?? {}))
    ashby.set(name, ashbyBoard(payload));

  const requests: RecordedRequest[] = [];
  const faults: Array<{ prefix: string; queue: FaultResponse[] }> = [];
  let origin = '';

  function takeFault(path: string): FaultResponse | undefined {
    const index = faults.findIndex((fault) => path.startsWith(fault.prefix));
    if (index === -1) return undefined;
    const fault = faults[index];
    const response = fault?.queue.shift();
    if (fault !== undefined && fault.queue.length === 0) faults.splice(index, 1);
    return response;
  }

  function route(url: URL): Reply {
    let segments: string[];
    try {
      segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    } catch {
      return json(400, '{"error":"bad request"}');
    }
    const [a, b, c, d, e, f] = segments;
    const params = url.searchParams;

    // Greenhouse: /v1/boards/:board/jobs[/:id]
    if (a === 'v1' && b === 'boards') {
      const board = c === undefined ? undefined : greenhouse.get(c);
      if (board === undefined || d !== 'jobs' || segments.length > 6) return notFound();
      if (e === undefined || (e === '' && f === undefined)) {
        return json(200, params.get('content') === 'true' ? board.full : greenhouseList(board));
      }
      const job = f === undefined || f === '' ? greenhouseJob(board, e) : undefined;
      return job === undefined ? notFound() : json(200, job);
    }

    // Lever: /v0/postings/:site[/:id]
    if (a === 'v0' && b === 'postings') {
      const board = c === undefined ? undefined : lever.get(c);
      if (board === undefined || segments.length > 5) return notFound();
      const mode = params.get('mode');
      if (mode !== null && mode !== 'json') {
        return json(400, '{"ok":false,"error":"only mode=json is served by the demo server"}');
      }
      if (d === undefined || (d === '' && e === undefined)) {
        const skip = intParam(params, 'skip', 0);
        const limit = intParam(params, 'limit', 100);
        if (skip === null || limit === null) {
          return json(400, '{"ok":false,"error":"skip and limit must be non-negative integers"}');
        }
        return json(200, `[${board.items.slice(skip, skip + limit).join(',')}]`);
      }
      const index = e === undefined || e === '' ? board.ids.get(d) : undefined;
      const item = index === undefined ? undefined : board.items[index];
      return item === undefined ? notFound() : json(200, item);
    }

    // Ashby: /posting-api/job-board/:name
    if (a === 'posting-api' && b === 'job-board') {
      const board = c === undefined ? undefined : ashby.get(c);
      if (board === undefined || !(d === undefined || (d === '' && e === undefined))) {
        return notFound();
      }
      return json(
        200,
        params.get('includeCompensation') === 'true' ? board.full : ashbyWithoutCompensation(board),
      );
    }

    const feed = feeds(url);
    if (feed !== undefined) return feed;

    // The careers site: only files that were loaded (or set) exist.
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return json(400, '{"error":"bad request"}');
    }
    const file = site.get(path);
    if (file === undefined)
      return { status: 404, body: 'Not Found', type: CONTENT_TYPES['.txt'] as string };
    const body =
      typeof file.body === 'string' ? file.body.replaceAll('{{origin}}', origin) : file.body;
    return { status: 200, body, type: file.type };
  }

  function send(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string>,
  ): void {
    const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'content-length') res.setHeader(name, value);
    }
    if (res.getHeader('content-type') === undefined) {
      res.setHeader('content-type', 'text/plain; charset=utf-8');
    }
    res.setHeader('content-length', String(buffer.length));
    res.writeHead(status);
    res.end(req.method === 'HEAD' ? undefined : buffer);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const target = req.url ?? '/';
    requests.push({
      method: req.method ?? 'GET',
      path: target,
      headers: req.headers,
      at: Date.now(),
    });

    const fault = takeFault(target);
    if (fault !== undefined) {
      const answer = (): void => {
        if (fault.status === 0) {
          req.socket.destroy();
          return;
        }
        send(req, res, fault.status, fault.body ?? '', fault.headers ?? {});
      };
      if (fault.delayMs !== undefined && fault.delayMs > 0) setTimeout(answer, fault.delayMs);
      else answer();
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, '{"error":"method not allowed"}', {
        'content-type': JSON_TYPE,
        allow: 'GET, HEAD',
      });
      return;
    }
    let url: URL;
    try {
      url = new URL(target, origin);
    } catch {
      send(req, res, 400, '{"error":"bad request"}', { 'content-type': JSON_TYPE });
      return;
    }
    const reply = route(url);
    send(req, res, reply.status, reply.body, { 'content-type': reply.type, ...reply.headers });
  }

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) {
        send(req, res, 500, JSON.stringify({ error: message }), { 'content-type': JSON_TYPE });
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  function setBoard(type: BoardType, name: string, payload: unknown): void {
    if (type === 'greenhouse') greenhouse.set(name, greenhouseBoard(payload));
    else if (type === 'lever') lever.set(name, leverBoard(payload));
    else ashby.set(name, ashbyBoard(payload));
  }

  return {
    origin,
    port,
    requests,
    fail(pathPrefix, responses) {
      const existing = faults.find((fault) => fault.prefix === pathPrefix);
      if (existing !== undefined) existing.queue.push(...responses);
      else if (responses.length > 0) faults.push({ prefix: pathPrefix, queue: [...responses] });
    },
    setBoard,
    removeBoard(type, name) {
      ({ greenhouse, lever, ashby })[type].delete(name);
    },
    setSiteFile(path, content) {
      const key = path.startsWith('/') ? path : `/${path}`;
      if (content === null) {
        site.delete(key);
        if (key.endsWith('/index.html')) site.delete(key.slice(0, -'index.html'.length));
      } else addSiteFile(site, key, content);
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Companies of the fixture boards: Lever and Ashby responses do not name the employer. */
export const DEMO_COMPANIES = {
  greenhouse: { acme: 'Acme Inc' },
  lever: { globex: 'Globex Corporation' },
  ashby: { initech: 'Initech' },
} as const;

/** A sources.yaml entry (input form) pointing at the demo server. */
export type DemoSource =
  | {
      id: string;
      type: 'greenhouse' | 'lever' | 'ashby';
      board: string;
      company: string;
      baseUrl: string;
    }
  | { id: string; type: 'jsonld' | 'rss'; url: string; [option: string]: unknown }
  | { id: string; type: string; baseUrl: string; [option: string]: unknown };

/** The sources of the fixture boards, served from `origin` (a `BoardServer.origin`). */
export function demoSources(origin: string): DemoSource[] {
  return [
    {
      id: 'acme',
      type: 'greenhouse',
      board: 'acme',
      company: DEMO_COMPANIES.greenhouse.acme,
      baseUrl: origin,
    },
    {
      id: 'globex',
      type: 'lever',
      board: 'globex',
      company: DEMO_COMPANIES.lever.globex,
      baseUrl: origin,
    },
    {
      id: 'initech',
      type: 'ashby',
      board: 'initech',
      company: DEMO_COMPANIES.ashby.initech,
      baseUrl: origin,
    },
    { id: 'northstar-jobs', type: 'jsonld', url: `${origin}/sitemap.xml` },
    { id: 'harborlight', type: 'workable', account: 'harborlight', baseUrl: origin },
    { id: 'lumengrid', type: 'smartrecruiters', companyId: 'lumengrid', baseUrl: origin },
    { id: 'pollen', type: 'recruitee', board: 'pollen', baseUrl: `${origin}/recruitee/pollen` },
    { id: 'fernwerk', type: 'personio', board: 'fernwerk', baseUrl: `${origin}/personio/fernwerk` },
    { id: 'remoteok', type: 'remoteok', baseUrl: `${origin}/remoteok` },
    { id: 'hn-hiring', type: 'hn', baseUrl: `${origin}/hn` },
    {
      id: 'remote-feed',
      type: 'rss',
      url: `${origin}/feeds/remote-jobs.rss`,
      titleFormat: 'company: title',
      remoteOnly: true,
    },
  ];
}
