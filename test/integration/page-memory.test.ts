import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import { pageMemoryKey, redisPageMemory } from '../../src/pipeline/page-memory-store.js';
import { testRedis, uniquePrefix } from './support/redis.js';

describe('redisPageMemory', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(() => {
    redis = testRedis();
    prefix = uniquePrefix('pages');
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('recalls what it remembered, per source, in the order asked', async () => {
    const careers = redisPageMemory(redis, prefix, 'careers');
    const other = redisPageMemory(redis, prefix, 'other');
    await careers.remember([
      { url: 'https://x.example/jobs/1', lastmod: '2026-11-01' },
      { url: 'https://x.example/jobs/2', lastmod: '2026-11-02T08:00:00Z' },
    ]);
    await careers.remember([{ url: 'https://x.example/jobs/1', lastmod: '2026-11-20' }]);
    expect(
      await careers.recall([
        'https://x.example/jobs/2',
        'https://x.example/jobs/3',
        'https://x.example/jobs/1',
      ]),
    ).toEqual(['2026-11-02T08:00:00Z', undefined, '2026-11-20']);
    expect(await other.recall(['https://x.example/jobs/1'])).toEqual([undefined]);
    expect(await careers.recall([])).toEqual([]);
  });

  it('keeps only the pages still listed, across more than one scan page', async () => {
    const memory = redisPageMemory(redis, prefix, 'big');
    const urls = Array.from({ length: 2_500 }, (_, i) => `https://big.example/jobs/${i}`);
    await memory.remember(urls.map((url) => ({ url, lastmod: '2026-11-01' })));
    const kept = new Set(urls.filter((_, i) => i % 3 === 0));
    await memory.keepOnly(kept);
    expect(await redis.hlen(pageMemoryKey(prefix, 'big'))).toBe(kept.size);
    const recalled = await memory.recall(urls);
    expect(recalled.filter((lastmod) => lastmod !== undefined)).toHaveLength(kept.size);
    expect(recalled[3]).toBe('2026-11-01');
    expect(recalled[4]).toBeUndefined();
  });
});
