import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uniquePrefix } from './support/redis.js';

// `jobsift demo` prints the command that shows its numbers again, and that command does.

const root = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('jobsift demo', () => {
  it('prints the exact stats command that shows its numbers after it has stopped', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jobsift-demo-data-'));
    dirs.push(dataDir);
    // No REDIS_URL: the demo finds or starts a Redis itself, as on a fresh machine.
    const { REDIS_URL: _unused, ...env } = process.env;
    const demoEnv = { ...env, JOBSIFT_PREFIX: uniquePrefix('demo'), JOBSIFT_DATA_DIR: dataDir };
    const demo = spawnSync(
      process.execPath,
      [`${root}bin/jobsift.js`, 'demo', '--processes', '1'],
      {
        cwd: root,
        env: demoEnv,
        encoding: 'utf8',
      },
    );
    expect(demo.stderr).toMatch(/counted \d+ postings/);
    expect(demo.status).toBe(0);
    const command = /these numbers again \(from this folder\): (.+)$/m.exec(demo.stderr)?.[1];
    expect(command).toMatch(
      /^JOBSIFT_PREFIX=test-demo-\w+-demo JOBSIFT_DATA_DIR=\S+ npx jobsift stats --top 5$/,
    );

    // Run as printed, in a shell whose environment knows neither the prefix nor the data folder.
    const stats = spawnSync('sh', ['-c', command ?? 'false'], { cwd: root, env, encoding: 'utf8' });
    expect(stats.stderr).toBe('');
    expect(stats.status).toBe(0);
    const shown = JSON.parse(stats.stdout) as { postings: number };
    expect(shown.postings).toBeGreaterThan(0);
    expect(shown).toEqual(JSON.parse(demo.stdout));

    // The per-source command, run as printed: the copies the boards repost are theirs.
    const bySourceCommand = /per source \(postings that count, duplicates, crawls\): (.+)$/m.exec(
      demo.stderr,
    )?.[1];
    const bySource = spawnSync('sh', ['-c', bySourceCommand ?? 'false'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(bySource.status).toBe(0);
    const sources = JSON.parse(bySource.stdout) as {
      postings: number;
      duplicates: number;
      sources: { id: string; duplicates: number }[];
    };
    expect(sources.postings).toBe(shown.postings);
    expect(sources.sources.reduce((sum, s) => sum + s.duplicates, 0)).toBe(sources.duplicates);
    expect(sources.duplicates).toBeGreaterThan(0);
    // Which copy counts depends on which crawl got there first; the crawl lines say how many
    // each board brought of jobs its crawl found already registered.
    expect(demo.stderr).toMatch(/^ {2}[\w-]+: .*\(\d+ cop(?:y|ies) of postings seen before\)/m);
  }, 90_000);
});
