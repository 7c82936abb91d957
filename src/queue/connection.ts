import { Redis } from 'ioredis';
import { JobsiftError } from '../errors.js';

/**
 * An ioredis connection as BullMQ wants it: `maxRetriesPerRequest: null` so blocking commands
 * of workers wait through reconnects instead of failing.
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
  // Connection errors reach the commands that fail (and BullMQ retries jobs); without a
  // listener ioredis would also print each reconnect attempt with a stack.
  redis.on('error', () => {});
  return redis;
}

/** Connects and PINGs, turning a refused or unknown host into a one-line error. */
export async function connectRedis(url: string, timeoutMs = 5_000): Promise<Redis> {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    retryStrategy: (attempt) => (attempt > 3 ? null : 200),
    connectTimeout: timeoutMs,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new JobsiftError(
      'redis_unavailable',
      `cannot reach Redis at ${redactUrl(url)}: ${reason}`,
      {
        cause: error,
        retryable: true,
      },
    );
  }
  return redis;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
