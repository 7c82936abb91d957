import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

const root = new URL('../..', import.meta.url).pathname;

describe('jobsift serve', () => {
  it('listens on 127.0.0.1, says where, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [`${root}bin/jobsift.js`, 'serve', '--port', '0'], {
      cwd: root,
      env: {
        ...process.env,
        REDIS_URL: testRedisUrl(),
        JOBSIFT_PREFIX: uniquePrefix('serve-cli'),
        // The tests run silent; serve says where it listens at the info level.
        JOBSIFT_LOG_LEVEL: 'info',
      },
    });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).toMatch(/admin routes off \(set JOBSIFT_ADMIN_TOKEN/);
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: finishing requests in flight\n$/);
  });

  it('exits 2 naming the flag for a bad --port', async () => {
    const child = spawn(process.execPath, [`${root}bin/jobsift.js`, 'serve', '--port', 'http'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: testRedisUrl() },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('jobsift: --port: expected a number, received "http"\n');
  });
});
