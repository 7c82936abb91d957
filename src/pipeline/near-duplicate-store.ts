import type { Redis } from 'ioredis';
import type { NearDuplicateEntry, NearDuplicateStore } from '../crawl/index.js';

/**
 * The near-duplicate index in Redis, shared by every crawl worker, under the key prefix:
 *
 * ```
 * {prefix}:nd:seq             counter  registration order
 * {prefix}:nd:entry:{key}     hash     seq, mh (MinHash, comma-separated), t, c (title and company
 *                                      words), fp (the fingerprint the posting is recorded under)
 * {prefix}:nd:band:{band}     set      posting keys filed under that band
 * ```
 */
export function nearDuplicateKeys(prefix: string) {
  return {
    seq: `${prefix}:nd:seq`,
    entry: (key: string) => `${prefix}:nd:entry:${key}`,
    band: (band: string) => `${prefix}:nd:band:${band}`,
  };
}

export function redisNearDuplicateStore(redis: Redis, prefix: string): NearDuplicateStore {
  const keys = nearDuplicateKeys(prefix);
  return {
    async register(key, signature, fingerprint) {
      const entry = keys.entry(key);
      let seq = await redis.hget(entry, 'seq');
      if (seq === null) {
        const next = await redis.incr(keys.seq);
        // Another worker may register the same posting meanwhile: the first number stays.
        await redis.hsetnx(entry, 'seq', String(next));
        seq = (await redis.hget(entry, 'seq')) ?? String(next);
      }
      const write = redis.multi();
      write.hset(entry, {
        mh: signature.minhash.join(','),
        t: signature.title.join(' '),
        c: signature.company.join(' '),
      });
      write.hsetnx(entry, 'fp', fingerprint);
      for (const band of signature.bands) write.sadd(keys.band(band), key);
      await write.exec();
      return Number(seq);
    },
    async candidates(bands) {
      if (bands.length === 0) return [];
      return redis.sunion(...bands.map((band) => keys.band(band)));
    },
    async entries(postingKeys) {
      const read = redis.pipeline();
      for (const key of postingKeys) read.hmget(keys.entry(key), 'seq', 'mh', 't', 'c', 'fp');
      const replies = (await read.exec()) ?? [];
      return replies.flatMap(([error, value], i): NearDuplicateEntry[] => {
        const [seq, mh, t, c, fp] = (value ?? []) as (string | null)[];
        const key = postingKeys[i];
        if (error !== null || key === undefined || seq == null || mh == null || fp == null)
          return [];
        const split = (s: string | null | undefined) => (s ? s.split(' ') : []);
        return [
          {
            key,
            seq: Number(seq),
            minhash: mh.split(',').map(Number),
            title: split(t),
            company: split(c),
            fingerprint: fp,
          },
        ];
      });
    },
    async setFingerprint(key, fingerprint) {
      await redis.hset(keys.entry(key), 'fp', fingerprint);
    },
  };
}

/**
 * The fingerprint a crawl's near-duplicate check gave the posting (that of the posting it
 * copies, or its own), or `undefined` when no crawl checked it.
 */
export async function nearDuplicateFingerprint(
  redis: Redis,
  prefix: string,
  key: string,
): Promise<string | undefined> {
  return (await redis.hget(nearDuplicateKeys(prefix).entry(key), 'fp')) ?? undefined;
}
