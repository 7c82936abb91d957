import type { Redis } from 'ioredis';
import { type App, createApp } from '../../../src/api/index.js';
import { type Config, loadConfig } from '../../../src/config.js';
import { deleteKeysUnder } from '../../../src/pipeline/index.js';
import { openQueues, type Queues } from '../../../src/queue/index.js';
import { type CompiledRules, loadRules } from '../../../src/rules/index.js';
import { testRedis, uniquePrefix } from '../support/redis.js';

let rules: CompiledRules | undefined;

/** The shipped rules, compiled once per test file. */
export function shippedRules(): CompiledRules {
  rules ??= loadRules();
  return rules;
}

export interface TestApi {
  app: App;
  redis: Redis;
  queues: Queues;
  prefix: string;
  config: Config;
  logged: string[];
  close(): Promise<void>;
}

/** An app on the test Redis under a fresh prefix; `close` deletes its keys. */
export function testApi(env: NodeJS.ProcessEnv = {}, label = 'api'): TestApi {
  const redis = testRedis();
  const prefix = uniquePrefix(label);
  const config = loadConfig({ ...env, JOBSIFT_PREFIX: prefix });
  const queues = openQueues(redis, prefix);
  const logged: string[] = [];
  const app = createApp({
    rules: shippedRules(),
    redis,
    queues,
    config,
    log: (line) => logged.push(line),
  });
  return {
    app,
    redis,
    queues,
    prefix,
    config,
    logged,
    close: async () => {
      await queues.close();
      await deleteKeysUnder(redis, prefix);
      await redis.quit();
    },
  };
}

/** POSTs JSON. */
export function postJson(app: App, path: string, body: unknown): Promise<Response> {
  return Promise.resolve(
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}
