import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import {
  connectRedis,
  type OutageEvent,
  openQueues,
  type Queues,
  type RedisHandle,
  reportOutages,
  resolveRedis,
} from '../queue/index.js';

/** A Redis (found or started), one connection to it, and the queues: what every command needs. */
export interface Stack {
  handle: RedisHandle;
  redis: Redis;
  queues: Queues;
  prefix: string;
  close(): Promise<void>;
}

/** `onOutage` is called once when the connection to Redis is lost and once when it is back. */
export async function openStack(
  config: Config,
  prefix = config.prefix,
  onOutage?: (event: OutageEvent) => void,
): Promise<Stack> {
  const handle = await resolveRedis({
    redisUrl: config.redisUrl,
    dataDir: resolve(config.dataDir, 'redis'),
  });
  let redis: Redis;
  try {
    redis = await connectRedis(handle.url);
  } catch (error) {
    await handle.stop();
    throw error;
  }
  if (onOutage !== undefined) reportOutages(redis, handle.url, onOutage);
  const queues = openQueues(redis, prefix);
  return {
    handle,
    redis,
    queues,
    prefix,
    close: async () => {
      await queues.close();
      await redis.quit().catch(() => {});
      await handle.stop();
    },
  };
}

/** Deletes every key under `prefix:` (SCAN + UNLINK, so it never blocks Redis). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
