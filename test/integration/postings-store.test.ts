import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import {
  type CountedLevel,
  exportLines,
  getPosting,
  listPostings,
  type PostingFilters,
  type PostingSummary,
  recordPosting,
  removePosting,
  salaryStats,
  statsTotals,
} from '../../src/stats/index.js';
import { testRedis, uniquePrefix } from './support/redis.js';

let redis: Redis;
let prefix: string;
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  prefix = uniquePrefix('store');
});
afterEach(async () => {
  await deleteKeysUnder(redis, prefix);
});

type Level = CountedLevel | 'negated';

interface Fixture {
  key: string;
  fp?: string;
  role?: string;
  skills?: Record<string, Level>;
  day?: string;
  company?: string;
  title?: string;
  remote?: PostingSummary['remote'];
  salary?: PostingSummary['salary'];
  seenAt?: string;
  ttlMs?: number;
}

function summaryOf(f: Fixture): PostingSummary {
  const [source = '', sourceId = ''] = f.key.split(':');
  const summary: PostingSummary = {
    key: f.key,
    source,
    sourceId,
    url: `https://jobs.example/${sourceId}`,
    title: f.title ?? `Engineer ${sourceId}`,
    lastSeen: f.seenAt ?? '2026-03-10T12:00:00.000Z',
    role: { id: f.role ?? 'data-engineer', name: 'Role', score: 0.9 },
    skills: (Object.entries(f.skills ?? { python: 'required' }) as Array<[string, Level]>).map(
      ([id, requirement]) => ({
        id,
        name: id,
        requirement,
      }),
    ),
  };
  if (f.company !== undefined) summary.company = f.company;
  if (f.remote !== undefined) summary.remote = f.remote;
  if (f.salary !== undefined) summary.salary = f.salary;
  return summary;
}

function record(f: Fixture) {
  const summary = summaryOf(f);
  return recordPosting(redis, prefix, {
    key: f.key,
    fingerprint: f.fp ?? `fp-${f.key}`,
    datePosted: f.day ?? '2026-02-03',
    seenAt: new Date(f.seenAt ?? '2026-03-10T12:00:00Z'),
    contribution: {
      role: summary.role.id,
      skills: summary.skills
        .filter((s) => s.requirement !== 'negated')
        .map((s) => ({ id: s.id, level: s.requirement as CountedLevel })),
    },
    summary,
    summaryTtlMs: f.ttlMs,
  });
}

async function keysOf(filters: PostingFilters = {}, limit = 1000): Promise<string[]> {
  const page = await listPostings(redis, prefix, filters, { limit });
  return page.postings.map((p) => p.key);
}

/** Every page of the listing, following `next` (at most `maxPages`): the keys and the page count. */
async function pagedKeys(
  limit: number,
  maxPages = 100,
): Promise<{ keys: string[]; pages: number }> {
  const keys: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listPostings(redis, prefix, {}, { limit, ...(cursor ? { cursor } : {}) });
    keys.push(...page.postings.map((p) => p.key));
    cursor = page.next ?? undefined;
    pages += 1;
  } while (cursor !== undefined && pages < maxPages);
  return { keys, pages };
}

async function scanKeys(pattern: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    out.push(...batch);
  } while (cursor !== '0');
  return out.sort();
}

/**
 * Every postings index holds exactly the keys that count and have a summary, under the day they
 * count in; the salary index exactly the counted keys that state a salary.
 */
async function expectIndexesConsistent(): Promise<void> {
  const base = `${prefix}:stats`;
  const expected = new Map<string, Set<string>>();
  const add = (index: string, member: string) => {
    const set = expected.get(index) ?? new Set();
    set.add(member);
    expected.set(index, set);
  };
  for (const recordKey of await scanKeys(`${base}:posting:*`)) {
    const key = recordKey.slice(`${base}:posting:`.length);
    const r = await redis.hgetall(recordKey);
    if (r.dupOf !== '') continue;
    const member = `${r.day}|${key}`;
    if ((r.sal ?? '') !== '') add(`${base}:salary`, member);
    if ((await redis.exists(`${base}:summary:${key}`)) === 0) continue;
    add(`${base}:pix:all`, member);
    add(`${base}:pix:role:${r.role}`, member);
    add(`${base}:pix:source:${key.split(':')[0]}`, member);
    if (r.remote) add(`${base}:pix:remote:${r.remote}`, member);
    if (r.co) add(`${base}:pix:company:${r.co}`, member);
    for (const entry of (r.skills ?? '').split('|').filter(Boolean)) {
      add(`${base}:pix:skill:${entry.slice(0, entry.lastIndexOf(':'))}`, member);
    }
  }
  const actual = new Map<string, Set<string>>();
  for (const index of [
    ...(await scanKeys(`${base}:pix:*`)),
    ...(await scanKeys(`${base}:salary`)),
  ]) {
    actual.set(index, new Set(await redis.zrange(index, 0, -1)));
  }
  const asObject = (m: Map<string, Set<string>>) =>
    Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]).sort());
  expect(asObject(actual)).toEqual(asObject(expected));
}

describe('the postings store', () => {
  beforeEach(async () => {
    await record({
      key: 'acme:1',
      day: '2026-02-01',
      skills: { python: 'required', sql: 'mentioned' },
      company: 'Acme Inc',
      remote: 'remote',
    });
    await record({
      key: 'acme:2',
      day: '2026-02-05',
      skills: { python: 'preferred', java: 'negated' },
      company: 'ACME  inc',
      title: 'Staff Data Engineer',
    });
    await record({
      key: 'globex:1',
      day: '2026-02-05',
      role: 'data-scientist',
      skills: { sql: 'required' },
      company: 'Globex',
      remote: 'hybrid',
    });
    await record({
      key: 'globex:2',
      day: '2026-03-01',
      role: 'data-scientist',
      skills: { python: 'required' },
      company: 'Globex',
    });
  });

  it('lists the counted postings newest first, filtered by each filter and their combination', async () => {
    expect(await keysOf()).toEqual(['globex:2', 'globex:1', 'acme:2', 'acme:1']);
    expect(await keysOf({ role: 'data-scientist' })).toEqual(['globex:2', 'globex:1']);
    expect(await keysOf({ skill: 'python' })).toEqual(['globex:2', 'acme:2', 'acme:1']);
    expect(await keysOf({ skill: 'python', requirement: 'required' })).toEqual([
      'globex:2',
      'acme:1',
    ]);
    // A negated skill is not asked for: it does not count, so the posting is not behind it.
    expect(await keysOf({ skill: 'java' })).toEqual([]);
    expect(await keysOf({ source: 'acme' })).toEqual(['acme:2', 'acme:1']);
    expect(await keysOf({ company: 'acme inc' })).toEqual(['acme:2', 'acme:1']);
    expect(await keysOf({ remote: 'hybrid' })).toEqual(['globex:1']);
    expect(await keysOf({ from: '2026-02-02', to: '2026-02-28' })).toEqual(['globex:1', 'acme:2']);
    expect(await keysOf({ q: 'staff' })).toEqual(['acme:2']);
    expect(await keysOf({ q: 'GLOBEX', skill: 'python' })).toEqual(['globex:2']);
    expect(await keysOf({ role: 'data-scientist', skill: 'python', from: '2026-02-10' })).toEqual([
      'globex:2',
    ]);
    await expectIndexesConsistent();
  });

  it('pages with a cursor: every posting once, in order, and null at the end', async () => {
    const { keys: seen, pages } = await pagedKeys(3, 10);
    expect(seen).toEqual(['globex:2', 'globex:1', 'acme:2', 'acme:1']);
    expect(pages).toBe(2);
    await expect(listPostings(redis, prefix, {}, { limit: 3, cursor: 'bogus' })).rejects.toThrow(
      /cursor: expected a cursor from a previous page/,
    );
  });

  it('returns a short page with a next cursor when the scan budget runs out', async () => {
    const page = await listPostings(
      redis,
      prefix,
      { q: 'nothing matches' },
      { limit: 2, maxScan: 3 },
    );
    expect(page.postings).toEqual([]);
    expect(page.next).not.toBeNull();
    const rest = await listPostings(
      redis,
      prefix,
      { q: 'nothing matches' },
      { limit: 2, maxScan: 3, cursor: page.next ?? '' },
    );
    expect(rest).toEqual({ postings: [], next: null });
  });

  it('gives one posting with its summary, day and first/last seen', async () => {
    const posting = await getPosting(redis, prefix, 'acme:1');
    expect(posting).toMatchObject({
      key: 'acme:1',
      source: 'acme',
      url: 'https://jobs.example/1',
      company: 'Acme Inc',
      remote: 'remote',
      day: '2026-02-01',
      firstSeen: '2026-03-10T12:00:00.000Z',
      lastSeen: '2026-03-10T12:00:00.000Z',
      role: { id: 'data-engineer' },
    });
    expect(posting?.duplicateOf).toBeUndefined();
    expect(await getPosting(redis, prefix, 'acme:404')).toBeUndefined();
  });

  it('changes nothing when the same posting is recorded again, and a re-crawl only moves lastSeen', async () => {
    const before = await redis.get(`${prefix}:stats:summary:acme:1`);
    expect(
      await record({
        key: 'acme:1',
        day: '2026-02-01',
        skills: { python: 'required', sql: 'mentioned' },
        company: 'Acme Inc',
        remote: 'remote',
      }),
    ).toBe('unchanged');
    expect(await redis.get(`${prefix}:stats:summary:acme:1`)).toBe(before);
    expect(
      await record({
        key: 'acme:1',
        day: '2026-02-01',
        skills: { python: 'required', sql: 'mentioned' },
        company: 'Acme Inc',
        remote: 'remote',
        seenAt: '2026-04-01T08:00:00.000Z',
      }),
    ).toBe('unchanged');
    const posting = await getPosting(redis, prefix, 'acme:1');
    expect(posting?.lastSeen).toBe('2026-04-01T08:00:00.000Z');
    expect(posting?.firstSeen).toBe('2026-03-10T12:00:00.000Z');
    expect(await keysOf()).toEqual(['globex:2', 'globex:1', 'acme:2', 'acme:1']);
    await expectIndexesConsistent();
  });

  it('moves a changed posting between the indexes it belongs to', async () => {
    expect(
      await record({
        key: 'acme:1',
        fp: 'fp-acme:1-v2',
        day: '2026-03-05',
        role: 'data-scientist',
        skills: { r: 'required' },
        company: 'Acme Inc',
        remote: 'onsite',
      }),
    ).toBe('replaced');
    expect(await keysOf({ role: 'data-engineer' })).toEqual(['acme:2']);
    expect(await keysOf({ role: 'data-scientist' })).toEqual(['acme:1', 'globex:2', 'globex:1']);
    expect(await keysOf({ skill: 'sql' })).toEqual(['globex:1']);
    expect(await keysOf({ skill: 'r' })).toEqual(['acme:1']);
    expect(await keysOf({ remote: 'remote' })).toEqual([]);
    expect(await keysOf({ remote: 'onsite' })).toEqual(['acme:1']);
    // Same content, new remote only: the index follows, the stats stay.
    expect(
      await record({
        key: 'acme:1',
        fp: 'fp-acme:1-v2',
        day: '2026-03-05',
        role: 'data-scientist',
        skills: { r: 'required' },
        company: 'Acme Inc',
        remote: 'hybrid',
      }),
    ).toBe('replaced');
    expect(await keysOf({ remote: 'hybrid' })).toEqual(['acme:1', 'globex:1']);
    await expectIndexesConsistent();
  });

  it('lists a duplicate once, under the posting that counts, and promotes it when that one goes', async () => {
    expect(
      await record({ key: 'initech:9', fp: 'fp-acme:1', day: '2026-02-01', company: 'Acme Inc' }),
    ).toBe('duplicate');
    expect(await keysOf({ skill: 'python' })).toEqual(['globex:2', 'acme:2', 'acme:1']);
    expect((await getPosting(redis, prefix, 'initech:9'))?.duplicateOf).toBe('acme:1');
    expect((await getPosting(redis, prefix, 'acme:1'))?.duplicates).toEqual(['initech:9']);
    await expectIndexesConsistent();

    // Withdrawn (as withdraw-unlisted does): it leaves the store, the duplicate counts instead.
    expect(await removePosting(redis, prefix, 'acme:1')).toBe(true);
    expect(await getPosting(redis, prefix, 'acme:1')).toBeUndefined();
    expect(await redis.exists(`${prefix}:stats:summary:acme:1`)).toBe(0);
    expect(await keysOf({ skill: 'python' })).toEqual(['globex:2', 'acme:2', 'initech:9']);
    expect((await getPosting(redis, prefix, 'initech:9'))?.duplicateOf).toBeUndefined();
    expect((await statsTotals(redis, prefix)).postings).toBe(4);
    await expectIndexesConsistent();
  });

  it('drops summaries after the retention, leaving the stats, and lists them again once re-crawled', async () => {
    await record({ key: 'hooli:1', day: '2026-02-02', company: 'Hooli', ttlMs: 40 });
    expect(await keysOf({ source: 'hooli' })).toEqual(['hooli:1']);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await keysOf({ source: 'hooli' })).toEqual([]);
    expect(await getPosting(redis, prefix, 'hooli:1')).toBeUndefined();
    expect((await statsTotals(redis, prefix)).postings).toBe(5);
    await expectIndexesConsistent();
    expect(await redis.zcard(`${prefix}:stats:pix:source:hooli`)).toBe(0);

    expect(
      await record({ key: 'hooli:1', day: '2026-02-02', company: 'Hooli', ttlMs: 60_000 }),
    ).toBe('unchanged');
    expect(await keysOf({ source: 'hooli' })).toEqual(['hooli:1']);
    expect(await redis.pttl(`${prefix}:stats:summary:hooli:1`)).toBeGreaterThan(50_000);
    await expectIndexesConsistent();
  });
});

describe('salaryStats', () => {
  it('gives quartiles per currency and period, one figure per counted posting', async () => {
    const eur = (min: number, max?: number) => ({
      currency: 'EUR',
      period: 'year' as const,
      min,
      from: 'posting' as const,
      ...(max === undefined ? {} : { max }),
    });
    await record({ key: 'a:1', salary: eur(50_000, 70_000) }); // 60,000
    await record({ key: 'a:2', salary: eur(70_000) });
    await record({ key: 'a:3', salary: eur(80_000, 100_000) }); // 90,000
    await record({ key: 'a:4', salary: eur(100_000), role: 'data-scientist' });
    await record({
      key: 'a:5',
      salary: { currency: 'USD', period: 'hour', max: 80, from: 'description' },
    });
    // The same content again from another board: counted once.
    await record({ key: 'b:1', fp: 'fp-a:1', salary: eur(50_000, 70_000) });
    await record({ key: 'a:6' });

    const all = await salaryStats(redis, prefix, {});
    expect(all).toEqual({
      postings: 5,
      groups: [
        {
          currency: 'EUR',
          period: 'year',
          postings: 4,
          min: 60_000,
          p25: 67_500,
          median: 80_000,
          p75: 92_500,
          max: 100_000,
        },
        {
          currency: 'USD',
          period: 'hour',
          postings: 1,
          min: 80,
          p25: 80,
          median: 80,
          p75: 80,
          max: 80,
        },
      ],
    });
    const engineers = await salaryStats(redis, prefix, { role: 'data-engineer', skill: 'python' });
    expect(engineers.groups[0]).toMatchObject({ currency: 'EUR', postings: 3, median: 70_000 });
    expect((await salaryStats(redis, prefix, { skill: 'sql' })).postings).toBe(0);

    // A withdrawn posting leaves the figures; its duplicate takes its place with the same salary.
    await removePosting(redis, prefix, 'a:1');
    expect((await salaryStats(redis, prefix, {})).groups[0]?.postings).toBe(4);
    await removePosting(redis, prefix, 'b:1');
    expect((await salaryStats(redis, prefix, {})).groups[0]?.postings).toBe(3);
    await expectIndexesConsistent();
  });
});

describe('exportLines', () => {
  it('writes each posting as the listing shows it: summary, day and first seen', async () => {
    await record({
      key: 'acme:1',
      company: 'Acme "Robots", Inc.',
      title: 'Données — Engineer\n(Zürich)',
      remote: 'hybrid',
      salary: { currency: 'EUR', period: 'year', min: 60_000, max: 80_000, from: 'posting' },
      skills: { python: 'required', sql: 'preferred', java: 'negated' },
    });
    await record({ key: 'globex:2', day: '2026-04-01', seenAt: '2026-04-02T08:00:00Z' });
    const exported: string[] = [];
    for await (const chunk of exportLines(redis, prefix, {}, 'jsonl')) exported.push(chunk);
    const lines = exported.join('').split('\n').filter(Boolean);
    const listed = (await listPostings(redis, prefix, {}, { limit: 10 })).postings;
    expect(lines.map((line) => JSON.parse(line))).toEqual(listed);
    expect(listed.map((posting) => posting.key)).toEqual(['globex:2', 'acme:1']);
    expect(listed[1]?.salary?.max).toBe(80_000);
  });

  it('streams every matching posting once, newest first, across the batches it reads ahead', async () => {
    const days = ['2026-01-05', '2026-02-05', '2026-03-05'];
    for (let i = 0; i < 2_300; i++) {
      await record({
        key: `big:${i}`,
        day: days[i % 3] as string,
        role: i % 2 === 0 ? 'data-engineer' : 'data-scientist',
      });
    }
    const lines: string[] = [];
    for await (const chunk of exportLines(redis, prefix, {}, 'jsonl')) lines.push(chunk);
    const keys = lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { key: string }).key);
    expect(keys).toHaveLength(2_300);
    expect(new Set(keys).size).toBe(2_300);
    expect(keys).toEqual((await pagedKeys(1000)).keys);
    const csv: string[] = [];
    for await (const chunk of exportLines(redis, prefix, { role: 'data-scientist' }, 'csv'))
      csv.push(chunk);
    expect(csv.join('').split('\n').filter(Boolean)).toHaveLength(1 + 1_150);
  });
});
