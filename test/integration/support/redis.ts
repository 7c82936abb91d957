import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createRedis } from '../../../src/queue/connection.js';

/** The integration suite's Redis (started by global-setup, or REDIS_URL). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A key prefix no other test uses. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

export function testRedis(): Redis {
  return createRedis(testRedisUrl());
}
