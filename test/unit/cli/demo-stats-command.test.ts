import { describe, expect, it } from 'vitest';
import { demoStatsCommand } from '../../../src/cli/demo-command.js';
import { loadConfig } from '../../../src/config.js';
import type { Stack } from '../../../src/pipeline/index.js';

const stackOn = (url: string, origin: Stack['handle']['origin'], prefix = 'jobsift-demo') =>
  ({ handle: { url, origin, stop: async () => {} }, prefix }) as unknown as Stack;

describe("the demo's stats command", () => {
  it('names the prefix, and the Redis when it came from REDIS_URL', () => {
    const config = loadConfig({});
    expect(demoStatsCommand(config, stackOn('redis://127.0.0.1:45678', 'managed'), '--top 5')).toBe(
      'JOBSIFT_PREFIX=jobsift-demo npx jobsift stats --top 5',
    );
    expect(demoStatsCommand(config, stackOn('redis://cache:6379/2', 'env'), '--top 5')).toBe(
      'REDIS_URL=redis://cache:6379/2 JOBSIFT_PREFIX=jobsift-demo npx jobsift stats --top 5',
    );
  });

  it('hides a password, quotes what the shell would split, and names a data folder not the default', () => {
    const config = loadConfig({ JOBSIFT_DATA_DIR: '/tmp/my data' });
    expect(demoStatsCommand(config, stackOn("redis://u:p'w@h:1", 'env'), '--top 3')).toBe(
      `REDIS_URL='redis://u:***@h:1' JOBSIFT_PREFIX=jobsift-demo JOBSIFT_DATA_DIR='/tmp/my data' npx jobsift stats --top 3`,
    );
  });
});
