import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { STATS_SCRIPT } from './record-script.js';

const STATS_SCRIPT_SHA = createHash('sha1').update(STATS_SCRIPT).digest('hex');

/**
 * Runs the stats script by EVALSHA, falling back to EVAL (which also caches it on the server)
 * when the server does not have it yet (NOSCRIPT: first use, restart, SCRIPT FLUSH).
 */
export async function runStatsScript(
  redis: Redis,
  recordKey: string,
  argv: readonly string[],
): Promise<unknown> {
  try {
    return await redis.evalsha(STATS_SCRIPT_SHA, 1, recordKey, ...argv);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    return redis.eval(STATS_SCRIPT, 1, recordKey, ...argv);
  }
}
