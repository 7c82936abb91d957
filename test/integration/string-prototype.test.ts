import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

const probe = fileURLToPath(new URL('./support/string-prototype-probe.ts', import.meta.url));

describe('what the pipeline loads', () => {
  // See the probe: a dependency that subclasses String (ioredis 6 does) makes every string
  // operation of extraction several times slower on Node 20, in every worker.
  it('leaves String.prototype with fast properties after a crawl and processing', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', probe],
      { env: { ...process.env, REDIS_URL: testRedisUrl(), JOBSIFT_PREFIX: uniquePrefix('probe') } },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(result.postings).toBeGreaterThan(0);
    expect(result.fastStringPrototype).toBe(true);
  }, 60_000);
});
