import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import { openQueues } from '../../src/queue/index.js';
import { testRedis, testRedisUrl, uniquePrefix } from './support/redis.js';

const root = new URL('../..', import.meta.url).pathname;
const jobsift = (args: string[], input?: string, env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [`${root}bin/jobsift.js`, ...args], {
    input,
    encoding: 'utf8',
    cwd: root,
    env,
  });

describe('the jobsift binary', () => {
  it('classifies the sample posting as JSON', () => {
    const result = jobsift([
      'classify',
      '--json',
      '--title',
      'Senior Python Engineer',
      'fixtures/sample-posting.html',
    ]);
    expect(result.status).toBe(0);
    const enrichment = JSON.parse(result.stdout);
    expect(enrichment.role.family).toBe('python-development');
    expect(enrichment.skills.some((skill: { id: string }) => skill.id === 'python')).toBe(true);
  });

  it('reads standard input', () => {
    const result = jobsift(
      ['classify', '--title', 'Registered Nurse'],
      'Provide patient care on a busy ward.',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Role: +Other \(other\)/);
  });

  it('exits 2 with one line and no stack for bad input and bad usage', () => {
    const empty = jobsift(['classify'], '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe(
      "jobsift: standard input: is empty; pass a posting's description as text or HTML\n",
    );
    const unknown = jobsift(['classify', '--nope'], 'x');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--nope'/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the file, path and reason when the rules are broken', () => {
    const result = jobsift(['classify', '--rules', 'test/fixtures/no-such-rules'], 'Python');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^jobsift: test\/fixtures\/no-such-rules\/roles\.yaml: file not found/,
    );
  });

  it('queues crawls, marking them full with --full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsift-cli-'));
    const sourcesFile = join(dir, 'sources.yaml');
    writeFileSync(
      sourcesFile,
      'sources:\n  - id: careers\n    type: jsonld\n    url: http://127.0.0.1:9/sitemap.xml\n',
    );
    const prefix = uniquePrefix('cli');
    const redis = testRedis();
    const queues = openQueues(redis, prefix);
    try {
      const env = { ...process.env, REDIS_URL: testRedisUrl(), JOBSIFT_PREFIX: prefix };
      const queued = (args: string[]) => {
        const result = jobsift(['crawl', '--sources', sourcesFile, ...args], undefined, env);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        return (JSON.parse(result.stdout) as { queued: { jobId: string }[] }).queued[0]?.jobId;
      };
      const incremental = await Job.fromId(queues.crawl, queued([]) ?? '');
      const full = await Job.fromId(queues.crawl, queued(['--full']) ?? '');
      expect(incremental?.data.full).toBeUndefined();
      expect(full?.data.full).toBe(true);
      expect(full?.data.source.id).toBe('careers');
    } finally {
      await queues.close();
      await deleteKeysUnder(redis, prefix);
      await redis.quit();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('crawl --wait with no worker connected fails at once, saying what to run, and queues nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsift-cli-'));
    const sourcesFile = join(dir, 'sources.yaml');
    writeFileSync(
      sourcesFile,
      'sources:\n  - id: careers\n    type: jsonld\n    url: http://127.0.0.1:9/sitemap.xml\n',
    );
    const prefix = uniquePrefix('cli-nowork');
    const redis = testRedis();
    const queues = openQueues(redis, prefix);
    try {
      const env = { ...process.env, REDIS_URL: testRedisUrl(), JOBSIFT_PREFIX: prefix };
      const result = jobsift(['crawl', '--wait', '--sources', sourcesFile], undefined, env);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        /^jobsift: --wait: no crawl worker is connected to Redis at redis:\/\/\S+ \(prefix "test-cli-nowork-\w+"\).*start `jobsift worker`/,
      );
      expect(await queues.crawl.count()).toBe(0);
    } finally {
      await queues.close();
      await deleteKeysUnder(redis, prefix);
      await redis.quit();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the jobsift binary says what went wrong', () => {
  it('prints its version', () => {
    const result = jobsift(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version}\n`,
    );
  });

  it('starts every error with "jobsift:", usage errors from the argument parser too', () => {
    for (const args of [
      ['classify', '--nope'],
      ['no-such-command'],
      ['classify', '--json', '--jsonl'],
    ]) {
      const result = jobsift(args, 'x');
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^jobsift: /);
    }
  });

  it('names the value given to --max-bytes when it is not a number', () => {
    const result = jobsift(['classify', '--max-bytes', 'abc'], 'Python');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('jobsift: --max-bytes: expected a number, received "abc"\n');
  });

  it('exits 2 for an unknown --role or --skill in stats, saying where the ids are', () => {
    const role = jobsift(['stats', '--role', 'data-enginer']);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(
      /^jobsift: --role data-enginer: no such role; .* rules\/roles\.yaml \(data-engineer, /,
    );
    const skill = jobsift(['stats', '--skill', 'pyton']);
    expect(skill.status).toBe(2);
    expect(skill.stderr).toMatch(
      /^jobsift: --skill pyton: no such skill; .* rules\/skills\/\*\.yaml/,
    );
  });

  it('refuses stats --by-source with a filter it does not take', () => {
    const result = jobsift(['stats', '--by-source', '--role', 'data-engineer']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'jobsift: --by-source counts every source over all time; drop --role\n',
    );
  });
});
