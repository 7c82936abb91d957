import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type RedisHandle, startRedisServer } from '../../../src/queue/local-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let handle: RedisHandle | undefined;
let dataDir: string | undefined;

/** A fresh redis-server for the integration tests, or REDIS_URL when set; tests isolate by prefix. */
export async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    project.provide('redisUrl', fromEnv);
    return;
  }
  dataDir = mkdtempSync(join(tmpdir(), 'jobsift-test-redis-'));
  handle = await startRedisServer(dataDir, false);
  project.provide('redisUrl', handle.url);
}

export async function teardown(): Promise<void> {
  await handle?.stop();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
}
