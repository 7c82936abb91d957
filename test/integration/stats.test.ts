import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/demo/index.js';
import { InputError } from '../../src/errors.js';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import {
  type Contribution,
  type CountedLevel,
  queryStats,
  type RecordInput,
  readPostingRecord,
  recordFailure,
  recordPosting,
  removePosting,
  type StatsQuery,
  sourceStats,
  statsTotals,
} from '../../src/stats/index.js';
import { testRedis, uniquePrefix } from './support/redis.js';

const LEVEL: Record<string, CountedLevel> = { r: 'required', p: 'preferred', m: 'mentioned' };

/** `c('data-engineer', 'python:r sql:m')` */
function c(role: string, skills = ''): Contribution {
  return {
    role,
    skills: skills
      .split(' ')
      .filter((s) => s !== '')
      .map((s) => {
        const [id, level] = s.split(':');
        return { id: id ?? '', level: LEVEL[level ?? ''] ?? 'mentioned' };
      }),
  };
}

const NAMES: Record<string, string> = { python: 'Python', sql: 'SQL', airflow: 'Apache Airflow' };
const names = (id: string): string | undefined => NAMES[id];
const SEEN = new Date('2026-03-10T12:00:00Z');

let redis: Redis;
let prefix: string;

beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('stats');
});
afterEach(async () => {
  await deleteKeysUnder(redis, prefix);
});

function record(
  key: string,
  fingerprint: string,
  contribution: Contribution,
  extra: Partial<RecordInput> = {},
): ReturnType<typeof recordPosting> {
  return recordPosting(redis, prefix, {
    key,
    fingerprint,
    seenAt: SEEN,
    datePosted: '2026-02-03',
    contribution,
    ...extra,
  });
}

const query = (q: StatsQuery = {}) => queryStats(redis, prefix, q, names);

/** Role → postings, and `role skill` → [required, preferred, mentioned], over all data. */
async function counts(): Promise<{
  roles: Record<string, number>;
  skills: Record<string, number[]>;
}> {
  const report = await query({ from: '2000-01-01', to: '2099-12-31', top: 1000 });
  const roles: Record<string, number> = {};
  const skills: Record<string, number[]> = {};
  for (const role of report.roles) {
    roles[role.id] = role.postings;
    for (const s of role.skills)
      skills[`${role.id} ${s.id}`] = [s.required, s.preferred, s.mentioned];
  }
  return { roles, skills };
}

async function allKeys(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

/** Every key and its content, to show that nothing changed. */
async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const key of await allKeys()) {
    const type = await redis.type(key);
    if (type === 'hash') out[key] = await redis.hgetall(key);
    else if (type === 'set') out[key] = (await redis.smembers(key)).sort();
    else if (type === 'zset') out[key] = await redis.zrange(key, '0', '-1', 'WITHSCORES');
    else out[key] = await redis.get(key);
  }
  return out;
}

/**
 * The aggregates equal the sum of the stored records that count, and each fingerprint is
 * counted by exactly one key.
 */
async function expectConsistent(): Promise<void> {
  const postingKeys = (await allKeys()).filter((k) => k.startsWith(`${prefix}:stats:posting:`));
  const expectedRoles: Record<string, number> = {};
  const expectedSkills: Record<string, number[]> = {};
  const owners = new Map<string, string[]>();
  let duplicates = 0;
  const bySource: Record<string, { postings: number; duplicates: number }> = {};
  for (const redisKey of postingKeys) {
    const key = redisKey.slice(`${prefix}:stats:posting:`.length);
    const stored = await readPostingRecord(redis, prefix, key);
    if (stored === undefined) throw new Error(`record vanished: ${key}`);
    const sourceId = key.split(':')[0] ?? '';
    const source = bySource[sourceId] ?? { postings: 0, duplicates: 0 };
    bySource[sourceId] = source;
    if (stored.duplicateOf !== undefined) {
      duplicates += 1;
      source.duplicates += 1;
      continue;
    }
    source.postings += 1;
    owners.set(stored.fingerprint, [...(owners.get(stored.fingerprint) ?? []), key]);
    const role = stored.contribution.role;
    expectedRoles[role] = (expectedRoles[role] ?? 0) + 1;
    for (const s of stored.contribution.skills) {
      const entry = expectedSkills[`${role} ${s.id}`] ?? [0, 0, 0];
      const index = s.level === 'required' ? 0 : s.level === 'preferred' ? 1 : 2;
      entry[index] = (entry[index] ?? 0) + 1;
      expectedSkills[`${role} ${s.id}`] = entry;
    }
  }
  for (const [fingerprint, keys] of owners) expect(keys, fingerprint).toHaveLength(1);
  expect(await counts()).toEqual({ roles: expectedRoles, skills: expectedSkills });
  const totals = await statsTotals(redis, prefix);
  expect(totals.postings).toBe(owners.size);
  expect(totals.duplicates).toBe(duplicates);
  const perSource = Object.fromEntries(
    (await sourceStats(redis, prefix)).map((s) => [
      s.id,
      { postings: s.postings, duplicates: s.duplicates },
    ]),
  );
  expect(perSource).toEqual(bySource);
}

describe('recordPosting', () => {
  it('counts a first recording, under the stats prefix only', async () => {
    expect(await record('gh:1', 'fp1', c('data-engineer', 'python:r airflow:p sql:m'))).toBe(
      'added',
    );
    const report = await query();
    expect(report).toEqual({
      from: '2026-02-03',
      to: '2026-02-03',
      postings: 1,
      failed: 0,
      roles: [
        {
          id: 'data-engineer',
          postings: 1,
          skills: [
            {
              id: 'airflow',
              name: 'Apache Airflow',
              count: 1,
              share: 1,
              required: 0,
              preferred: 1,
              mentioned: 0,
            },
            {
              id: 'python',
              name: 'Python',
              count: 1,
              share: 1,
              required: 1,
              preferred: 0,
              mentioned: 0,
            },
            { id: 'sql', name: 'SQL', count: 1, share: 1, required: 0, preferred: 0, mentioned: 1 },
          ],
        },
      ],
    });
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 0, failed: 0 });
    expect(await readPostingRecord(redis, prefix, 'gh:1')).toEqual({
      key: 'gh:1',
      fingerprint: 'fp1',
      day: '2026-02-03',
      firstSeen: '2026-03-10',
      contribution: c('data-engineer', 'airflow:p python:r sql:m'),
    });
    const keys = await allKeys();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.startsWith(`${prefix}:stats:`), key).toBe(true);
  });

  it('changes nothing when the same posting is recorded again', async () => {
    await record('gh:1', 'fp1', c('data-engineer', 'python:r sql:m'));
    await record('gh:2', 'fp2', c('data-engineer', 'python:m'));
    const before = await snapshot();
    expect(await record('gh:1', 'fp1', c('data-engineer', 'sql:m python:r'))).toBe('unchanged');
    expect(
      await record('gh:1', 'fp1', c('data-engineer', 'python:r sql:m'), {
        datePosted: '2026-02-03T10:00:00+01:00',
        seenAt: new Date('2026-04-01T00:00:00Z'),
      }),
    ).toBe('unchanged');
    expect(await snapshot()).toEqual(before);
    expect((await counts()).roles).toEqual({ 'data-engineer': 2 });
  });

  it('replaces the contribution of a changed posting: role change', async () => {
    await record('gh:1', 'fp1', c('data-engineer', 'python:r sql:m'));
    await record('gh:2', 'fp2', c('data-engineer', 'python:r'));
    expect(await record('gh:1', 'fp1b', c('data-scientist', 'python:p'))).toBe('replaced');
    expect(await counts()).toEqual({
      roles: { 'data-engineer': 1, 'data-scientist': 1 },
      skills: { 'data-engineer python': [1, 0, 0], 'data-scientist python': [0, 1, 0] },
    });
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 2, duplicates: 0, failed: 0 });
    await expectConsistent();
  });

  it('replaces the contribution of a changed posting: skill level change, same fingerprint', async () => {
    await record('gh:1', 'fp1', c('data-engineer', 'python:r sql:m'));
    expect(await record('gh:1', 'fp1', c('data-engineer', 'python:p sql:m'))).toBe('replaced');
    expect(await counts()).toEqual({
      roles: { 'data-engineer': 1 },
      skills: { 'data-engineer python': [0, 1, 0], 'data-engineer sql': [0, 0, 1] },
    });
    expect(await record('gh:1', 'fp1', c('data-engineer', 'sql:r'))).toBe('replaced');
    expect(await counts()).toEqual({
      roles: { 'data-engineer': 1 },
      skills: { 'data-engineer sql': [1, 0, 0] },
    });
    await expectConsistent();
  });

  it('moves a posting whose datePosted changes and drops the emptied day', async () => {
    await record('gh:1', 'fp1', c('data-engineer', 'python:r'));
    expect(
      await record('gh:1', 'fp1', c('data-engineer', 'python:r'), { datePosted: '2026-02-10' }),
    ).toBe('replaced');
    const report = await query();
    expect([report.from, report.to, report.postings]).toEqual(['2026-02-10', '2026-02-10', 1]);
    expect(await redis.zrange(`${prefix}:stats:days`, '0', '-1')).toEqual(['2026-02-10']);
    expect(await redis.exists(`${prefix}:stats:day:2026-02-03:roles`)).toBe(0);
    expect(await redis.exists(`${prefix}:stats:day:2026-02-03:skills`)).toBe(0);
  });

  it('counts the same content on two keys once, and promotes a duplicate when the owner changes', async () => {
    expect(await record('gh:1', 'same', c('data-engineer', 'python:r'))).toBe('added');
    expect(
      await record('lever:9', 'same', c('data-engineer', 'python:r sql:p'), {
        datePosted: '2026-02-04',
      }),
    ).toBe('duplicate');
    expect(
      await record('lever:9', 'same', c('data-engineer', 'python:r sql:p'), {
        datePosted: '2026-02-04',
      }),
    ).toBe('unchanged');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 1, failed: 0 });
    expect((await readPostingRecord(redis, prefix, 'lever:9'))?.duplicateOf).toBe('gh:1');
    expect(await counts()).toEqual({
      roles: { 'data-engineer': 1 },
      skills: { 'data-engineer python': [1, 0, 0] },
    });

    // The owner's content changes: the duplicate takes over the old content, with its own record.
    expect(await record('gh:1', 'other', c('ml-engineer', 'python:m'))).toBe('replaced');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 2, duplicates: 0, failed: 0 });
    expect((await readPostingRecord(redis, prefix, 'lever:9'))?.duplicateOf).toBeUndefined();
    expect(await counts()).toEqual({
      roles: { 'data-engineer': 1, 'ml-engineer': 1 },
      skills: {
        'data-engineer python': [1, 0, 0],
        'data-engineer sql': [0, 1, 0],
        'ml-engineer python': [0, 0, 1],
      },
    });
    const report = await query({ role: 'data-engineer' });
    expect([report.from, report.postings]).toEqual(['2026-02-03', 1]);
    expect(await query({ from: '2026-02-04', to: '2026-02-04' })).toMatchObject({
      postings: 1,
      roles: [{ id: 'data-engineer', postings: 1 }],
    });

    // The former owner changes back: now it is the duplicate.
    expect(await record('gh:1', 'same', c('data-engineer', 'python:r'))).toBe('duplicate');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 1, failed: 0 });
    expect((await readPostingRecord(redis, prefix, 'gh:1'))?.duplicateOf).toBe('lever:9');
    await expectConsistent();
  });

  it('promotes exactly one of several duplicates when the owner is removed', async () => {
    await record('a:1', 'same', c('data-engineer', 'python:r'));
    await record('b:1', 'same', c('data-engineer', 'sql:r'));
    await record('c:1', 'same', c('data-engineer', 'airflow:r'));
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 2, failed: 0 });
    expect(await removePosting(redis, prefix, 'a:1')).toBe(true);
    expect(await removePosting(redis, prefix, 'a:1')).toBe(false);
    expect(await readPostingRecord(redis, prefix, 'a:1')).toBeUndefined();
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 1, failed: 0 });
    expect(await counts()).toEqual({
      roles: { 'data-engineer': 1 },
      skills: { 'data-engineer sql': [1, 0, 0] },
    });
    expect((await readPostingRecord(redis, prefix, 'c:1'))?.duplicateOf).toBe('b:1');
    await expectConsistent();
    await removePosting(redis, prefix, 'b:1');
    await removePosting(redis, prefix, 'c:1');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 0, duplicates: 0, failed: 0 });
    expect(await allKeys()).toEqual([`${prefix}:stats:generation`, `${prefix}:stats:totals`]);
  });

  it('counts a failure once per key and clears it on a later success', async () => {
    await recordFailure(redis, prefix, 'gh:1', 'no description text');
    await recordFailure(redis, prefix, 'gh:1', 'no description text');
    await recordFailure(redis, prefix, 'gh:2', 'no description text');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 0, duplicates: 0, failed: 2 });
    expect((await query()).failed).toBe(2);
    expect(await record('gh:1', 'fp1', c('data-engineer', 'python:r'))).toBe('added');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 0, failed: 1 });
    expect(await redis.hkeys(`${prefix}:stats:failures`)).toEqual(['gh:2']);
    // A key that counts keeps its last good version.
    await recordFailure(redis, prefix, 'gh:1', 'no description text');
    expect(await statsTotals(redis, prefix)).toEqual({ postings: 1, duplicates: 0, failed: 1 });
  });

  it('reuses the first-seen day when datePosted is absent', async () => {
    const first = new Date('2026-01-05T23:30:00Z');
    const later = new Date('2026-01-20T08:00:00Z');
    expect(
      await record('gh:1', 'fp1', c('data-engineer', 'python:r'), {
        datePosted: undefined,
        seenAt: first,
      }),
    ).toBe('added');
    expect(
      await record('gh:1', 'fp1', c('data-engineer', 'python:r'), {
        datePosted: undefined,
        seenAt: later,
      }),
    ).toBe('unchanged');
    expect(
      await record('gh:1', 'fp2', c('data-engineer', 'sql:r'), {
        datePosted: undefined,
        seenAt: later,
      }),
    ).toBe('replaced');
    let report = await query();
    expect([report.from, report.to, report.postings]).toEqual(['2026-01-05', '2026-01-05', 1]);
    expect(report.roles[0]?.skills.map((s) => s.id)).toEqual(['sql']);
    // A datePosted moves it; without one again it goes back to the first-seen day.
    await record('gh:1', 'fp2', c('data-engineer', 'sql:r'), {
      datePosted: '2026-01-02T01:00:00+02:00',
      seenAt: later,
    });
    expect((await query()).from).toBe('2026-01-01');
    await record('gh:1', 'fp2', c('data-engineer', 'sql:r'), {
      datePosted: undefined,
      seenAt: later,
    });
    report = await query();
    expect([report.from, report.to]).toEqual(['2026-01-05', '2026-01-05']);
    expect((await readPostingRecord(redis, prefix, 'gh:1'))?.firstSeen).toBe('2026-01-05');
  });

  it('rejects bad input without touching Redis', async () => {
    await expect(record('', 'fp', c('r'))).rejects.toThrow(/^key: /);
    await expect(record('k', 'fp', c('r'), { datePosted: '2026-02-31' })).rejects.toThrow(
      /^datePosted: /,
    );
    await expect(record('k', 'fp', c('a|b'))).rejects.toThrow(InputError);
    expect(await allKeys()).toEqual([]);
  });
});

describe('queryStats', () => {
  /** Ten postings over January to March 2026. */
  async function seed(): Promise<void> {
    const rows: Array<[string, string, string]> = [
      ['2026-01-05', 'data-engineer', 'python:r sql:r airflow:p'],
      ['2026-01-06', 'data-engineer', 'python:r sql:m'],
      ['2026-01-12', 'data-engineer', 'sql:r'],
      ['2026-01-31', 'data-scientist', 'python:r sql:p'],
      ['2026-02-01', 'data-engineer', 'python:p airflow:r'],
      ['2026-02-02', 'data-scientist', 'python:m'],
      ['2026-02-02', 'data-scientist', 'r:r sql:m'],
      ['2026-02-27', 'data-engineer', 'python:m sql:m'],
      ['2026-03-02', 'other', ''],
      ['2026-03-03', 'data-engineer', 'python:r'],
    ];
    await Promise.all(
      rows.map(([day, role, skills], i) =>
        record(`k:${i}`, `fp${i}`, c(role, skills), { datePosted: day }),
      ),
    );
  }

  it('defaults the range to the days with data, and to today when there is none', async () => {
    const empty = await queryStats(redis, prefix, {}, names, {
      now: new Date('2026-05-01T10:00:00Z'),
    });
    expect(empty).toEqual({
      from: '2026-05-01',
      to: '2026-05-01',
      postings: 0,
      failed: 0,
      roles: [],
    });
    await seed();
    const all = await query();
    expect([all.from, all.to, all.postings]).toEqual(['2026-01-05', '2026-03-03', 10]);
    expect(all.roles.map((r) => [r.id, r.postings])).toEqual([
      ['data-engineer', 6],
      ['data-scientist', 3],
      ['other', 1],
    ]);
    expect(all.roles[2]?.skills).toEqual([]);
    // Only one bound: the other one comes from the data.
    expect((await query({ from: '2026-02-01' })).postings).toBe(6);
    expect((await query({ to: '2026-01-31' })).postings).toBe(4);
  });

  it('filters by an inclusive day range', async () => {
    await seed();
    const feb = await query({ from: '2026-02-01', to: '2026-02-28' });
    expect([feb.from, feb.to, feb.postings]).toEqual(['2026-02-01', '2026-02-28', 4]);
    expect(feb.roles.map((r) => [r.id, r.postings])).toEqual([
      ['data-engineer', 2],
      ['data-scientist', 2],
    ]);
    expect((await query({ from: '2026-01-06', to: '2026-01-06' })).postings).toBe(1);
    expect((await query({ from: '2025-01-01', to: '2025-12-31' })).roles).toEqual([]);
  });

  it('ranks skills, keeps the top N and computes per-role shares', async () => {
    await seed();
    const report = await query({ role: 'data-engineer', top: 2 });
    expect(report.postings).toBe(6);
    expect(report.roles).toEqual([
      {
        id: 'data-engineer',
        postings: 6,
        skills: [
          {
            id: 'python',
            name: 'Python',
            count: 5,
            share: 0.8333,
            required: 3,
            preferred: 1,
            mentioned: 1,
          },
          {
            id: 'sql',
            name: 'SQL',
            count: 4,
            share: 0.6667,
            required: 2,
            preferred: 0,
            mentioned: 2,
          },
        ],
      },
    ]);
    const scientist = (await query({ role: 'data-scientist' })).roles[0];
    expect(scientist?.skills.map((s) => [s.id, s.count, s.share])).toEqual([
      ['python', 2, 0.6667],
      ['sql', 2, 0.6667],
      ['r', 1, 0.3333],
    ]);
  });

  it('rolls up by ISO week and by month, empty periods included', async () => {
    await seed();
    const weeks = await query({
      from: '2026-01-05',
      to: '2026-02-03',
      by: 'week',
      role: 'data-engineer',
    });
    expect(weeks.series?.map((p) => [p.period, p.from, p.to, p.postings])).toEqual([
      ['2026-W02', '2026-01-05', '2026-01-11', 2],
      ['2026-W03', '2026-01-12', '2026-01-18', 1],
      ['2026-W04', '2026-01-19', '2026-01-25', 0],
      ['2026-W05', '2026-01-26', '2026-02-01', 1],
      ['2026-W06', '2026-02-02', '2026-02-03', 0],
    ]);
    expect(weeks.series?.[0]?.roles[0]?.skills.map((s) => [s.id, s.count, s.share])).toEqual([
      ['python', 2, 1],
      ['sql', 2, 1],
      ['airflow', 1, 0.5],
    ]);
    const months = await query({ by: 'month' });
    expect(months.series?.map((p) => [p.period, p.from, p.to, p.postings])).toEqual([
      ['2026-01', '2026-01-05', '2026-01-31', 4],
      ['2026-02', '2026-02-01', '2026-02-28', 4],
      ['2026-03', '2026-03-01', '2026-03-03', 2],
    ]);
    expect(months.series?.[1]?.roles.map((r) => [r.id, r.postings])).toEqual([
      ['data-engineer', 2],
      ['data-scientist', 2],
    ]);
    const days = await query({ from: '2026-02-01', to: '2026-02-02', by: 'day' });
    expect(days.series?.map((p) => [p.period, p.postings])).toEqual([
      ['2026-02-01', 1],
      ['2026-02-02', 2],
    ]);
  });

  it('gives a skill share over time per role and the skills that co-occur with it', async () => {
    await seed();
    // A duplicate must not show up in the co-occurrence either.
    await record('dup:0', 'fp0', c('data-engineer', 'python:r sql:r airflow:p'), {
      datePosted: '2026-01-05',
    });
    const report = await query({ skill: 'python' });
    expect(report.skill?.id).toBe('python');
    expect(report.skill?.name).toBe('Python');
    expect(report.skill?.series).toEqual([
      { period: '2026-01', role: 'data-engineer', count: 2, postings: 3, share: 0.6667 },
      { period: '2026-01', role: 'data-scientist', count: 1, postings: 1, share: 1 },
      { period: '2026-02', role: 'data-engineer', count: 2, postings: 2, share: 1 },
      { period: '2026-02', role: 'data-scientist', count: 1, postings: 2, share: 0.5 },
      { period: '2026-03', role: 'data-engineer', count: 1, postings: 1, share: 1 },
    ]);
    expect(report.skill?.cooccurring).toEqual([
      {
        role: 'data-engineer',
        skills: [
          { id: 'sql', name: 'SQL', count: 3, share: 0.6 },
          { id: 'airflow', name: 'Apache Airflow', count: 2, share: 0.4 },
        ],
      },
      { role: 'data-scientist', skills: [{ id: 'sql', name: 'SQL', count: 1, share: 0.5 }] },
    ]);

    const weekly = await query({
      skill: 'airflow',
      by: 'week',
      role: 'data-engineer',
      from: '2026-01-05',
      to: '2026-01-18',
    });
    expect(weekly.skill?.series).toEqual([
      { period: '2026-W02', role: 'data-engineer', count: 1, postings: 2, share: 0.5 },
      { period: '2026-W03', role: 'data-engineer', count: 0, postings: 1, share: 0 },
    ]);
    expect(weekly.skill?.cooccurring).toEqual([
      {
        role: 'data-engineer',
        skills: [
          { id: 'python', name: 'Python', count: 1, share: 1 },
          { id: 'sql', name: 'SQL', count: 1, share: 1 },
        ],
      },
    ]);
    const unknown = await query({ skill: 'cobol' });
    expect(unknown.skill).toEqual({ id: 'cobol', name: 'cobol', series: [], cooccurring: [] });
  });

  it('rejects a bad date or range with an InputError naming the field', async () => {
    await expect(query({ from: '2026-02-30' })).rejects.toThrow(
      /^from: expected a date YYYY-MM-DD/,
    );
    await expect(query({ to: 'tomorrow' })).rejects.toThrow(InputError);
    await expect(query({ from: '2026-03-01', to: '2026-02-01' })).rejects.toThrow(/^from: /);
    await expect(query({ top: -1 })).rejects.toThrow(/^top: /);
  });

  it('reads corrupt data as an error, not as numbers', async () => {
    await record('gh:1', 'fp1', c('data-engineer', 'python:r'));
    await redis.hset(`${prefix}:stats:day:2026-02-03:roles`, 'data-engineer', 'lots');
    await expect(query()).rejects.toThrow(/unexpected stats data in Redis/);
    await redis.hset(`${prefix}:stats:posting:gh:1`, 'skills', 'python');
    await expect(readPostingRecord(redis, prefix, 'gh:1')).rejects.toThrow(
      /unexpected posting record/,
    );
  });
});

describe('concurrency', () => {
  it('gives exact counts for 200 recordings of 50 postings fired in parallel from several connections', async () => {
    const connections = [redis, testRedis(), testRedis(), testRedis()];
    try {
      const roles = ['data-engineer', 'data-scientist', 'ml-engineer'];
      const jobs: Array<() => Promise<string>> = [];
      for (let i = 0; i < 50; i++) {
        const contribution = c(roles[i % 3] ?? '', i % 2 === 0 ? 'python:r sql:m' : 'python:p');
        const datePosted = `2026-02-${String((i % 28) + 1).padStart(2, '0')}`;
        // Each posting: twice from its own source, twice from a second source (same content).
        for (const key of [`a:${i}`, `a:${i}`, `b:${i}`, `b:${i}`]) {
          jobs.push(() =>
            recordPosting(connections[jobs.length % connections.length] as Redis, prefix, {
              key,
              fingerprint: `fp${i}`,
              datePosted,
              seenAt: SEEN,
              contribution,
            }),
          );
        }
      }
      const outcomes = await Promise.all(shuffle(jobs).map((job) => job()));
      expect(outcomes).toHaveLength(200);
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(50);
      expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(50);
      expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(100);
      expect(await statsTotals(redis, prefix)).toEqual({ postings: 50, duplicates: 50, failed: 0 });
      expect(await counts()).toEqual({
        roles: { 'data-engineer': 17, 'data-scientist': 17, 'ml-engineer': 16 },
        skills: {
          'data-engineer python': [9, 8, 0],
          'data-engineer sql': [0, 0, 9],
          'data-scientist python': [8, 9, 0],
          'data-scientist sql': [0, 0, 8],
          'ml-engineer python': [8, 8, 0],
          'ml-engineer sql': [0, 0, 8],
        },
      });
      await expectConsistent();
    } finally {
      await Promise.all(connections.slice(1).map((connection) => connection.quit()));
    }
  });

  it('stays consistent when changed versions and duplicates race', async () => {
    const connections = [redis, testRedis(), testRedis()];
    try {
      const jobs: Array<() => Promise<string>> = [];
      for (let i = 0; i < 200; i++) {
        const posting = i % 50;
        const variant = (i * 7) % 3;
        const connection = connections[i % connections.length] as Redis;
        jobs.push(() =>
          recordPosting(connection, prefix, {
            key: `${variant === 2 ? 'b' : 'a'}:${posting}`,
            // Postings 0–9 share content with posting + 10 in some versions.
            fingerprint: `fp${variant === 1 && posting < 10 ? posting + 10 : posting}:${variant % 2}`,
            datePosted: `2026-0${(variant % 3) + 1}-1${posting % 10}`,
            seenAt: SEEN,
            contribution: c(
              variant === 0 ? 'data-engineer' : 'data-scientist',
              `python:${variant === 1 ? 'p' : 'r'}`,
            ),
          }),
        );
      }
      await Promise.all(shuffle(jobs).map((job) => job()));
      await expectConsistent();
    } finally {
      await Promise.all(connections.slice(1).map((connection) => connection.quit()));
    }
  });
});

/** A deterministic shuffle (so a failure reproduces). */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  const random = seededRandom(42);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
