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

/** Wait before reconnect attempt `attempt` (1, 2, …): 100 ms doubling, at most 2 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 2_000);
}

/**
 * Connects and PINGs, turning a refused or unknown host into a one-line error. Once connected,
 * the connection reconnects with backoff for as long as it is open (commands wait meanwhile),
 * so a Redis restart does not end a long-running command.
 */
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
  redis.options.retryStrategy = reconnectDelay;
  return redis;
}

/**
 * Writes one line when `redis` loses its connection and one when it is back, however many
 * reconnect attempts it takes in between.
 */
export function reportOutages(
  redis: Redis,
  url: string,
  write: (line: string) => void,
  now: () => number = Date.now,
): void {
  let downSince: number | undefined;
  let reason = '';
  redis.on('error', (error: Error) => {
    if (downSince === undefined) reason = error.message;
  });
  redis.on('reconnecting', () => {
    if (downSince !== undefined) return;
    downSince = now();
    const why = reason === '' ? '' : ` (${reason})`;
    write(`jobsift: lost the connection to Redis at ${redactUrl(url)}${why}; reconnecting\n`);
  });
  redis.on('ready', () => {
    if (downSince === undefined) return;
    const seconds = ((now() - downSince) / 1000).toFixed(1);
    write(`jobsift: reconnected to Redis at ${redactUrl(url)} after ${seconds} s\n`);
    downSince = undefined;
    reason = '';
  });
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
