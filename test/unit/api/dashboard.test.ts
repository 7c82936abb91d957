import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardRoutes } from '../../../src/api/index.js';

const dir = mkdtempSync(join(tmpdir(), 'jobsift-dashboard-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(dir, 'assets', 'app-ABC123.js'), 'console.log(1)');
writeFileSync(join(dir, 'assets', 'app-DEF456.css'), 'body{}');
writeFileSync(join(dir, 'secret.txt'), 'not an asset');

const app = new Hono();
dashboardRoutes(app, { dir });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dashboardRoutes', () => {
  it('serves the page at / as HTML that is revalidated, with a same-origin-only policy', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toBe('<!doctype html><title>t</title>');
  });

  it('serves hashed bundles as immutable with their content types', async () => {
    const js = await app.request('/assets/app-ABC123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const css = await app.request('/assets/app-DEF456.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.request('/');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.request('/', { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves only the files it read: unknown and traversing paths are 404 JSON', async () => {
    for (const path of ['/assets/nope.js', '/assets/..%2Fsecret.txt', '/assets/../secret.txt']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      if (path.startsWith('/assets/') && !path.includes('/../')) {
        expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
      }
    }
  });

  it('says what to run when the dashboard is not built', async () => {
    const bare = new Hono();
    dashboardRoutes(bare, { dir: join(dir, 'missing') });
    const response = await bare.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
