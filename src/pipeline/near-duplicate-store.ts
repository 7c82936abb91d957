import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type {
  NearDuplicateEntry,
  NearDuplicateRegistration,
  NearDuplicateStore,
} from '../crawl/index.js';

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

/**
 * Registers one posting and looks up its earlier candidates: KEYS entry, sequence counter, then
 * its band sets; ARGV posting key, MinHash, title words, company words, own fingerprint, and the
 * entry key prefix. Returns its number, then each candidate with a lower number and that number
 * (`seq, key, seq, key, seq, …`). A script runs atomically, so two workers registering the same
 * posting at once agree on its number, and every posting with a lower number is filed already.
 * The candidates' entry keys are derived inside the script: fine on a single Redis (the setup
 * jobsift uses), not on Redis Cluster.
 */
const REGISTER_SCRIPT = `
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq'))
if not seq then
  seq = redis.call('INCR', KEYS[2])
  redis.call('HSET', KEYS[1], 'seq', seq)
end
redis.call('HSET', KEYS[1], 'mh', ARGV[2], 't', ARGV[3], 'c', ARGV[4])
redis.call('HSETNX', KEYS[1], 'fp', ARGV[5])
local bands = {}
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[1])
  bands[#bands + 1] = KEYS[i]
end
local reply = { seq }
if #bands == 0 then return reply end
for _, key in ipairs(redis.call('SUNION', unpack(bands))) do
  local other = tonumber(redis.call('HGET', ARGV[6] .. key, 'seq'))
  if other and other < seq then
    reply[#reply + 1] = key
    reply[#reply + 1] = other
  end
end
return reply
`;
const REGISTER_SCRIPT_SHA = createHash('sha1').update(REGISTER_SCRIPT).digest('hex');

const filingSchema = z
  .tuple([z.number().int()], z.union([z.string(), z.number().int()]))
  .transform(([seq, ...rest]) => {
    const earlier: { key: string; seq: number }[] = [];
    for (let i = 0; i + 1 < rest.length; i += 2) {
      earlier.push({ key: String(rest[i]), seq: Number(rest[i + 1]) });
    }
    return { seq, earlier };
  });

/** The replies of an executed pipeline, or the first error among them. */
function replies(results: [Error | null, unknown][] | null): unknown[] {
  return (results ?? []).map(([error, value]) => {
    if (error !== null) throw error;
    return value;
  });
}

const entrySchema = z.tuple([
  z.string().regex(/^\d+$/),
  z.string(),
  z.string().nullable(),
  z.string().nullable(),
  z.string(),
]);

/** Each method is one pipelined round trip (registering: two when the script is new to the server). */
export function redisNearDuplicateStore(redis: Redis, prefix: string): NearDuplicateStore {
  const keys = nearDuplicateKeys(prefix);
  const entryPrefix = keys.entry('');
  const register = (registrations: readonly NearDuplicateRegistration[]) => {
    const write = redis.pipeline();
    for (const { key, signature, fingerprint } of registrations) {
      write.evalsha(
        REGISTER_SCRIPT_SHA,
        2 + signature.bands.length,
        keys.entry(key),
        keys.seq,
        ...signature.bands.map((band) => keys.band(band)),
        key,
        signature.minhash.join(','),
        signature.title.join(' '),
        signature.company.join(' '),
        fingerprint,
        entryPrefix,
      );
    }
    return write.exec();
  };
  return {
    async registerAll(registrations) {
      if (registrations.length === 0) return [];
      let results = await register(registrations);
      // The server does not have the script (first use, restart, SCRIPT FLUSH). Registering a
      // posting again changes nothing, so the whole batch is simply sent again.
      if (results?.some(([error]) => error?.message.includes('NOSCRIPT'))) {
        await redis.script('LOAD', REGISTER_SCRIPT);
        results = await register(registrations);
      }
      return replies(results).map((reply) => filingSchema.parse(reply));
    },
    async entries(postingKeys) {
      if (postingKeys.length === 0) return [];
      const read = redis.pipeline();
      for (const key of postingKeys) read.hmget(keys.entry(key), 'seq', 'mh', 't', 'c', 'fp');
      return replies(await read.exec()).flatMap((value, i): NearDuplicateEntry[] => {
        const parsed = entrySchema.safeParse(value);
        const key = postingKeys[i];
        // A key whose entry is gone or half-written is no candidate.
        if (!parsed.success || key === undefined) return [];
        const [seq, mh, t, c, fingerprint] = parsed.data;
        const split = (s: string | null) => (s ? s.split(' ') : []);
        return [
          {
            key,
            seq: Number(seq),
            minhash: mh.split(',').map(Number),
            title: split(t),
            company: split(c),
            fingerprint,
          },
        ];
      });
    },
    async setFingerprints(fingerprints) {
      if (fingerprints.length === 0) return;
      const write = redis.pipeline();
      for (const { key, fingerprint } of fingerprints)
        write.hset(keys.entry(key), 'fp', fingerprint);
      replies(await write.exec());
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
