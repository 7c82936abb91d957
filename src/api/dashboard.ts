import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Hono } from 'hono';
import { PACKAGE_ROOT } from '../package-root.js';

/** One built file of the dashboard, read once at start. */
interface Asset {
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * The page may load only its own scripts and styles and call only its own origin: even a
 * string from a posting that slipped into markup could not run or send anything.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The built dashboard of this package: `dist/web`, made by `npm run build`. */
export function defaultDashboardDir(): string {
  return join(PACKAGE_ROOT, 'dist', 'web');
}

/**
 * Reads the built dashboard into memory: `index.html` at `/` (revalidated on every load, as it
 * names the current bundles) and `assets/*` (content-hashed names, so cached for a year as
 * immutable). Undefined when the folder has no index.html (not built).
 */
export function loadDashboardAssets(dir: string): Map<string, Asset> | undefined {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const assets = new Map<string, Asset>();
  const add = (path: string, file: string, cacheControl: string): void => {
    const body = new Uint8Array(readFileSync(file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      etag,
    };
    if (path === '/') {
      headers['content-security-policy'] = PAGE_POLICY;
      headers['referrer-policy'] = 'no-referrer';
    }
    assets.set(path, { body, headers });
  };
  add('/', index, 'no-cache');
  const assetDir = join(dir, 'assets');
  if (existsSync(assetDir)) {
    for (const entry of readdirSync(assetDir, { withFileTypes: true })) {
      if (entry.isFile()) add(`/assets/${entry.name}`, join(assetDir, entry.name), IMMUTABLE);
    }
  }
  return assets;
}

export interface DashboardOptions {
  /** The built dashboard (default: this package's `dist/web`). */
  dir?: string;
}

/**
 * Serves the skill-demand dashboard at `/` and its bundles under `/assets/`, from the files
 * `npm run build` made (read once, here; request paths are looked up, never joined onto the
 * file system). Without a build, `/` answers 503 saying what to run. Mount it with
 * `createApp({ ..., extend: (app) => dashboardRoutes(app) })`.
 */
export function dashboardRoutes(app: Pick<Hono, 'get'>, options: DashboardOptions = {}): void {
  const dir = options.dir ?? defaultDashboardDir();
  const assets = loadDashboardAssets(dir);
  app.get('/', (c) => {
    const asset = assets?.get('/');
    if (asset === undefined) {
      return c.text(
        `jobsift: the dashboard is not built (no ${join(dir, 'index.html')}); run npm run build\n`,
        503,
      );
    }
    return send(asset, c.req.header('if-none-match'));
  });
  app.get('/assets/:name', (c) => {
    const asset = assets?.get(`/assets/${c.req.param('name')}`);
    if (asset === undefined) {
      return c.json(
        { error: { code: 'not_found', message: `no dashboard asset ${c.req.path}` } },
        404,
      );
    }
    return send(asset, c.req.header('if-none-match'));
  });
}

function send(asset: Asset, ifNoneMatch: string | undefined): Response {
  const etag = asset.headers.etag ?? '';
  if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
    const { 'content-type': _type, ...headers } = asset.headers;
    return new Response(null, { status: 304, headers });
  }
  return new Response(asset.body, { status: 200, headers: asset.headers });
}
