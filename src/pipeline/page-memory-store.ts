import type { Redis } from 'ioredis';
import type { PageMemory } from '../crawl/page-memory.js';

/** Where a source's page memory lives: one hash, URL → `<lastmod>`, under the key prefix. */
export function pageMemoryKey(prefix: string, sourceId: string): string {
  return `${prefix}:lastmod:${sourceId}`;
}

/** A source's page memory in Redis, shared by every crawl worker of the deployment. */
export function redisPageMemory(redis: Redis, prefix: string, sourceId: string): PageMemory {
  const key = pageMemoryKey(prefix, sourceId);
  return {
    recall: async (urls) => {
      if (urls.length === 0) return [];
      const values = await redis.hmget(key, ...urls);
      return values.map((value) => value ?? undefined);
    },
    remember: async (pages) => {
      if (pages.length === 0) return;
      await redis.hset(key, Object.fromEntries(pages.map((page) => [page.url, page.lastmod])));
    },
    keepOnly: async (urls) => {
      const gone: string[] = [];
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 1000);
        for (let i = 0; i < flat.length; i += 2) {
          const url = flat[i] as string;
          if (!urls.has(url)) gone.push(url);
        }
        cursor = next;
      } while (cursor !== '0');
      for (let i = 0; i < gone.length; i += 1000) await redis.hdel(key, ...gone.slice(i, i + 1000));
    },
  };
}
