import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import { CSV_COLUMNS, recordPosting } from '../../src/stats/index.js';
import { testRedis, testRedisUrl, uniquePrefix } from './support/redis.js';

const root = new URL('../..', import.meta.url).pathname;
let redis: Redis;
const prefix = uniquePrefix('cli-postings');
const env = { ...process.env, REDIS_URL: testRedisUrl(), JOBSIFT_PREFIX: prefix };
const jobsift = (args: string[]) =>
  spawnSync(process.execPath, [`${root}bin/jobsift.js`, ...args], {
    encoding: 'utf8',
    cwd: root,
    env,
  });

beforeAll(async () => {
  redis = testRedis();
  for (const [i, role] of ['data-engineer', 'data-engineer', 'data-scientist'].entries()) {
    const key = `acme:${i + 1}`;
    await recordPosting(redis, prefix, {
      key,
      fingerprint: `fp-${key}`,
      datePosted: `2026-02-0${i + 1}`,
      seenAt: new Date('2026-03-01T00:00:00Z'),
      contribution: { role, skills: [{ id: 'python', level: 'required' }] },
      summary: {
        key,
        source: 'acme',
        sourceId: String(i + 1),
        title: `Engineer, "Platform" ${i + 1}`,
        company: 'Acme Inc',
        lastSeen: '2026-03-01T00:00:00.000Z',
        role: { id: role, name: role, score: 0.8 },
        skills: [{ id: 'python', name: 'Python', requirement: 'required' }],
      },
    });
  }
});
afterAll(async () => {
  await deleteKeysUnder(redis, prefix);
  await redis.quit();
});

describe('jobsift postings and export', () => {
  it('prints a page of postings as JSON, and how to get the next one', () => {
    const result = jobsift(['postings', '--role', 'data-engineer', '--limit', '1']);
    expect(result.status).toBe(0);
    const page = JSON.parse(result.stdout) as { postings: Array<{ key: string }>; next: string };
    expect(page.postings.map((p) => p.key)).toEqual(['acme:2']);
    expect(result.stderr).toBe(`jobsift: more postings: add --cursor ${page.next}\n`);
    const rest = JSON.parse(
      jobsift(['postings', '--role', 'data-engineer', '--cursor', page.next]).stdout,
    );
    expect(rest).toEqual({ postings: [expect.objectContaining({ key: 'acme:1' })], next: null });
  });

  it('exports CSV to a file and JSON Lines to standard output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsift-export-'));
    try {
      const out = join(dir, 'postings.csv');
      const result = jobsift(['export', '--format', 'csv', '--out', out, '--skill', 'python']);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^jobsift export: 3 postings as csv to .*postings\.csv in \d/);
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe(CSV_COLUMNS.join(','));
      expect(lines[1]).toMatch(/^acme:3,acme,3,,"Engineer, ""Platform"" 3",Acme Inc,/);
      expect(lines).toHaveLength(4);
      const jsonl = jobsift(['export', '--source', 'acme', '--from', '2026-02-02']);
      expect(
        jsonl.stdout
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line).key),
      ).toEqual(['acme:3', 'acme:2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line for a bad flag or an unknown id', () => {
    const limit = jobsift(['postings', '--limit', '5000']);
    expect(limit.status).toBe(2);
    expect(limit.stderr).toBe(
      'jobsift: --limit: expected a number of at most 1000, received 5000\n',
    );
    const date = jobsift(['export', '--from', '2026-13-01']);
    expect(date.status).toBe(2);
    expect(date.stderr).toMatch(
      /^jobsift: --from: expected a real date YYYY-MM-DD, received "2026-13-01"\n$/,
    );
    const role = jobsift(['postings', '--role', 'astronaut']);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/^jobsift: --role astronaut: no such role/);
    const level = jobsift(['postings', '--requirement', 'required']);
    expect(level.status).toBe(2);
    expect(level.stderr).toMatch(/requirement needs skill/);
  });
});
