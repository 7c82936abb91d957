import type { Redis } from 'ioredis';
import { statsBase } from './keys.js';

/**
 * Remembers answers computed from the stats while they are still exact: the record script counts
 * every change to the figures in `{base}:generation`, so an answer computed at generation g is
 * served again while the generation is still g (one GET instead of reading every day bucket).
 * Re-crawls that change nothing leave the generation, and so the cache, alone.
 */
export function statsCache(redis: Redis, prefix: string, maxEntries = 256) {
  const key = `${statsBase(prefix)}:generation`;
  const entries = new Map<string, { generation: string; value: Promise<unknown> }>();
  return async function cached<T>(query: unknown, compute: () => Promise<T>): Promise<T> {
    // The day too: with no data the default range is "today".
    const id = `${new Date().toISOString().slice(0, 10)} ${JSON.stringify(query)}`;
    const generation = (await redis.get(key)) ?? '0';
    const hit = entries.get(id);
    if (hit !== undefined && hit.generation === generation) {
      entries.delete(id);
      entries.set(id, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    entries.set(id, { generation, value });
    value.catch(() => entries.delete(id));
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
