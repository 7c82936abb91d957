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

/** The connection to Redis was lost, or is back after `seconds`. */
export type OutageEvent =
  | { kind: 'lost'; url: string; reason: string }
  | { kind: 'back'; url: string; seconds: number };

/** An outage event as the message of one line (no prefix, no newline). */
export function outageMessage(event: OutageEvent): string {
  const url = redactUrl(event.url);
  if (event.kind === 'back')
    return `reconnected to Redis at ${url} after ${event.seconds.toFixed(1)} s`;
  const why = event.reason === '' ? '' : ` (${event.reason})`;
  return `lost the connection to Redis at ${url}${why}; reconnecting`;
}

/**
 * Calls `report` once when `redis` loses its connection and once when it is back, however many
 * reconnect attempts it takes in between.
 */
export function reportOutages(
  redis: Redis,
  url: string,
  report: (event: OutageEvent) => void,
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
    report({ kind: 'lost', url, reason });
  });
  redis.on('ready', () => {
    if (downSince === undefined) return;
    report({ kind: 'back', url, seconds: (now() - downSince) / 1000 });
    downSince = undefined;
    reason = '';
  });
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
