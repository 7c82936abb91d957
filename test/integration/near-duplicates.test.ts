import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateNearDuplicates } from '../../bench/near-duplicate-set.js';
import {
  crawlSource,
  createNearDuplicateIndex,
  inMemoryNearDuplicateStore,
  parseSources,
  quietCrawleeLogs,
} from '../../src/crawl/index.js';
import { demoSources, startBoardServer } from '../../src/demo/index.js';
import { deleteKeysUnder } from '../../src/pipeline/index.js';
import {
  nearDuplicateFingerprint,
  redisNearDuplicateStore,
} from '../../src/pipeline/near-duplicate-store.js';
import { contentFingerprint, type Posting } from '../../src/posting/index.js';
import { createRedis } from '../../src/queue/index.js';
import { testRedisUrl, uniquePrefix } from './support/redis.js';

describe('near-duplicate detection on the demo boards with edited copies', () => {
  it('collapses at least 95% of copies and no distinct job, even on one employer template', async () => {
    const result = await evaluateNearDuplicates();
    expect(result.copies).toBeGreaterThan(150);
    expect(result.collapsed / result.copies).toBeGreaterThanOrEqual(0.95);
    expect(result.falseCollapses).toEqual([]);
    expect(result.siblingPairs).toBeGreaterThan(50);
    expect(result.siblingCollapses).toEqual([]);
  });

  it('the crawl report says how many duplicates each source contributed', async () => {
    quietCrawleeLogs();
    const server = await startBoardServer();
    try {
      const sources = parseSources(
        {
          sources: demoSources(server.origin).map((s) => ({ ...s, maxRequestsPerMinute: 60_000 })),
        },
        'demo',
      );
      const nearDuplicates = createNearDuplicateIndex(inMemoryNearDuplicateStore());
      const duplicates: Record<string, number | undefined> = {};
      for (const source of sources) {
        const report = await crawlSource(source, { nearDuplicates, onPostings: async () => {} });
        duplicates[source.id] = report.postings.duplicates;
      }
      // The first board copies nothing; the HN thread and Remote OK repost jobs of the boards.
      expect(duplicates.acme).toBe(0);
      expect(duplicates['hn-hiring']).toBe(3);
      expect(duplicates.remoteok).toBe(3);
    } finally {
      await server.close();
    }
  });
});

describe('redisNearDuplicateStore', () => {
  let redis: Redis;
  const prefix = uniquePrefix('near-dup');
  beforeAll(() => {
    redis = createRedis(testRedisUrl());
  });
  afterAll(async () => {
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  it('is shared by indexes (crawl workers) and read by the process side', async () => {
    const text =
      'Design and run the data pipelines that ingest sensor readings every minute, model them with Python and Spark, and publish forecasts to customers across the North Sea.';
    const original: Posting = {
      key: 'a:1',
      source: 'a',
      sourceId: '1',
      title: 'Data Engineer',
      descriptionText: text,
    };
    const copy: Posting = {
      ...original,
      key: 'b:1',
      source: 'b',
      descriptionText: `${text} Apply by email.`,
    };
    const first = createNearDuplicateIndex(redisNearDuplicateStore(redis, prefix));
    const second = createNearDuplicateIndex(redisNearDuplicateStore(redis, prefix));
    expect(await first.check(original)).toEqual({ fingerprint: contentFingerprint(original) });
    expect(await second.check(copy)).toEqual({
      fingerprint: contentFingerprint(original),
      copyOf: 'a:1',
    });
    expect(await nearDuplicateFingerprint(redis, prefix, 'b:1')).toBe(contentFingerprint(original));
    expect(await nearDuplicateFingerprint(redis, prefix, 'c:1')).toBeUndefined();
  });

  const texts = [
    'Design and run the data pipelines that ingest sensor readings every minute, model them with Python and Spark, and publish forecasts to customers across the North Sea.',
    'Own the warehouse models our analysts query every morning: dbt on Snowflake, tested, documented, and fast enough that nobody waits for a dashboard to load.',
    'Build the streaming jobs that turn card payments into fraud signals within a second, with Kafka and Flink, and keep them running through every peak of the year.',
  ];
  const jobText = (n: number) => texts[n % texts.length] ?? '';
  const job = (key: string, n: number, edit = ''): Posting => {
    const [source = '', sourceId = ''] = key.split(':');
    return {
      key,
      source,
      sourceId,
      title: 'Data Engineer',
      descriptionText: `${jobText(n)}${edit}`,
    };
  };

  it('checks a batch as the in-memory index does, and loads its script again after a flush', async () => {
    const batchPrefix = uniquePrefix('near-dup-batch');
    const page = [
      job('a:1', 0),
      job('a:2', 1),
      job('b:1', 0, ' Apply by email.'),
      job('b:2', 2),
      job('c:1', 0, ' Apply by phone.'),
    ];
    const inMemory = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const expected = [];
    for (const posting of page) expected.push(await inMemory.check(posting));
    expect(expected.filter((v) => v.copyOf !== undefined)).toHaveLength(2);
    await redis.script('FLUSH');
    const index = createNearDuplicateIndex(redisNearDuplicateStore(redis, batchPrefix));
    try {
      expect(await index.checkAll(page)).toEqual(expected);
      // A re-crawl in another order changes nothing.
      expect(await index.checkAll([...page].reverse())).toEqual([...expected].reverse());
      expect(await nearDuplicateFingerprint(redis, batchPrefix, 'c:1')).toBe(
        contentFingerprint(job('a:1', 0)),
      );
    } finally {
      await deleteKeysUnder(redis, batchPrefix);
    }
  });

  it('two workers checking overlapping pages at once agree on the original', async () => {
    for (let round = 0; round < 10; round++) {
      const roundPrefix = uniquePrefix('near-dup-race');
      const connections = [createRedis(testRedisUrl()), createRedis(testRedisUrl())];
      try {
        const [one, two] = connections.map((c) =>
          createNearDuplicateIndex(redisNearDuplicateStore(c, roundPrefix)),
        );
        const copies = [job('a:1', 0), job('b:1', 0, ' Remote.'), job('c:1', 0, ' Apply now.')];
        const [a, b, c] = copies as [Posting, Posting, Posting];
        await Promise.all([one?.checkAll([a, b]), two?.checkAll([b, c])]);
        const seqs = await Promise.all(
          copies.map(async (p) =>
            Number(await redis.hget(`${roundPrefix}:nd:entry:${p.key}`, 'seq')),
          ),
        );
        expect(new Set(seqs).size).toBe(3);
        const first = copies[seqs.indexOf(Math.min(...seqs))] as Posting;
        for (const p of copies) {
          expect(await nearDuplicateFingerprint(redis, roundPrefix, p.key)).toBe(
            contentFingerprint(first),
          );
        }
      } finally {
        await deleteKeysUnder(redis, roundPrefix);
        await Promise.all(connections.map((c) => c.quit()));
      }
    }
  });
});
