import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { responseText } from '../../../src/crawl/response-text.js';
import { InputError } from '../../../src/errors.js';

const SITEMAP =
  '<?xml version="1.0"?><urlset><url><loc>https://x.example/jobs/1</loc></url></urlset>';

describe('responseText', () => {
  it('passes text through and decodes a plain body as UTF-8', async () => {
    expect(await responseText(SITEMAP)).toBe(SITEMAP);
    expect(await responseText(Buffer.from('Zürich – Köln', 'utf8'))).toBe('Zürich – Köln');
  });

  it('unzips a gzip body, whatever its name or type said', async () => {
    expect(await responseText(gzipSync(SITEMAP))).toBe(SITEMAP);
  });

  it('fails with a one-line InputError on a damaged gzip body', async () => {
    const damaged = gzipSync(SITEMAP).subarray(0, 20);
    const error = await responseText(damaged).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^gzip body could not be unzipped: [^\n]+$/);
  });

  it('refuses to unzip past the size limit', async () => {
    const bomb = gzipSync(Buffer.alloc(100_000, 0x20));
    expect(bomb.length).toBeLessThan(1_000);
    const error = await responseText(bomb, 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('gzip body unzips to more than 1000 bytes');
  });
});
