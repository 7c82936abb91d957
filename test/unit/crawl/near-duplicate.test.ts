import { describe, expect, it } from 'vitest';
import {
  createNearDuplicateIndex,
  inMemoryNearDuplicateStore,
  isNearDuplicate,
  MIN_SIMILARITY,
  MIN_SIMILARITY_OTHER_COMPANY,
  nearDuplicateSignature,
  similarity,
} from '../../../src/crawl/index.js';
import { contentFingerprint, type Posting } from '../../../src/posting/index.js';

const TEXT = [
  'About us. Tidewater builds tide prediction software for harbours across the North Sea and the Baltic.',
  'What you will do. Design and run the data pipelines that ingest sensor readings every minute, model them with Python and Spark, and publish forecasts to our customers.',
  'What you bring. Three years of data engineering, strong SQL, Airflow or a similar scheduler, and care for data quality.',
  'Salary: EUR 70,000 to 85,000 a year, 30 days of holiday, and a yearly trip to a harbour.',
].join('\n\n');

function posting(key: string, extra: Partial<Posting> = {}): Posting {
  const [source = 's', sourceId = key] = key.split(':');
  return {
    key,
    source,
    sourceId,
    title: 'Senior Data Engineer',
    company: 'Tidewater',
    descriptionText: TEXT,
    ...extra,
  };
}

const paragraphs = TEXT.split('\n\n');
const reordered = [paragraphs[0], paragraphs[2], paragraphs[1], paragraphs[3]].join('\n\n');
const resalaried = TEXT.replace('70,000 to 85,000', '75,000 to 90,000');
const signature = (extra: Partial<Posting>) => nearDuplicateSignature(posting('x:1', extra));

describe('isNearDuplicate', () => {
  it('recognises a copy with paragraphs reordered or another salary line', () => {
    const original = signature({});
    expect(isNearDuplicate(original, signature({ descriptionText: reordered }))).toBe(true);
    expect(isNearDuplicate(original, signature({ descriptionText: resalaried }))).toBe(true);
    expect(
      isNearDuplicate(
        original,
        signature({ title: 'Senior Data Engineer (Remote)', company: 'Tidewater GmbH' }),
      ),
    ).toBe(true);
  });

  it('does not collapse another job of the same company with the same boilerplate', () => {
    const other = TEXT.replace(
      paragraphs[1] ?? '',
      'What you will do. Answer customers by phone and email, and keep our help centre articles up to date.',
    ).replace(
      paragraphs[2] ?? '',
      'What you bring. Patience, clear writing in English and German, and a year in customer support.',
    );
    expect(
      isNearDuplicate(
        signature({}),
        signature({ title: 'Customer Support Specialist', descriptionText: other }),
      ),
    ).toBe(false);
    // Same text, another title: another job.
    expect(isNearDuplicate(signature({}), signature({ title: 'Office Manager' }))).toBe(false);
  });

  it('asks more of the text when the companies differ', () => {
    const more = [
      'How we work. Small teams own a harbour each, ship every day, and review each other with care; nobody is on call alone.',
      'Our stack. Python, Spark, Postgres and Airflow on Kubernetes, with dbt for the models and Grafana for the dashboards.',
    ];
    const long = [...paragraphs.slice(0, 3), ...more, paragraphs[3]].join('\n\n');
    const changedEnd = [
      ...paragraphs.slice(0, 3),
      ...more,
      'Benefits: a pension, a bike, and a good office dog named Pilot.',
    ].join('\n\n');
    const of = (descriptionText: string, company = 'Tidewater') =>
      nearDuplicateSignature(posting('x:1', { descriptionText, company }));
    const shared = similarity(of(long).minhash, of(changedEnd).minhash);
    expect(shared).toBeGreaterThanOrEqual(MIN_SIMILARITY);
    expect(shared).toBeLessThan(MIN_SIMILARITY_OTHER_COMPANY);
    expect(isNearDuplicate(of(long), of(changedEnd))).toBe(true);
    expect(isNearDuplicate(of(long), of(changedEnd, 'Other Corp'))).toBe(false);
    expect(isNearDuplicate(of(long), of(long, 'Other Corp'))).toBe(true);
  });
});

describe('createNearDuplicateIndex', () => {
  it('maps a copy to the fingerprint of the posting registered first, and keeps an original its own', async () => {
    const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const original = posting('board:1');
    const copy = posting('hn:9', { descriptionText: reordered });
    const other = posting('board:2', {
      title: 'Office Manager',
      descriptionText:
        'Run our office in Leeds: post, visitors, supplies and the diary of the team of twelve.',
    });
    expect(await index.check(original)).toEqual({ fingerprint: contentFingerprint(original) });
    expect(await index.check(copy)).toEqual({
      fingerprint: contentFingerprint(original),
      copyOf: 'board:1',
    });
    expect(await index.check(other)).toEqual({ fingerprint: contentFingerprint(other) });
    // Checked again (a re-crawl), each keeps its verdict.
    expect((await index.check(original)).copyOf).toBeUndefined();
    expect((await index.check(copy)).copyOf).toBe('board:1');
  });

  it('a copy of a copy counts under the first original', async () => {
    const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    await index.check(posting('a:1'));
    await index.check(posting('b:1', { descriptionText: reordered }));
    const third = await index.check(posting('c:1', { descriptionText: resalaried }));
    expect(third.fingerprint).toBe(contentFingerprint(posting('a:1')));
  });
});

describe('checkAll (a page at once)', () => {
  // Three texts in a chain: each shares 60 of its 80 words with the next, the ends only 40.
  const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
  const chain = [0, 20, 40].map((from, i) =>
    posting(`chain:${i}`, { descriptionText: words.slice(from, from + 80).join(' ') }),
  );
  const [first, second, third] = chain.map((p) => nearDuplicateSignature(p));

  it('the chain is one: each link a copy of the one before, the ends not of each other', () => {
    if (first === undefined || second === undefined || third === undefined) throw new Error();
    expect(isNearDuplicate(first, second)).toBe(true);
    expect(isNearDuplicate(second, third)).toBe(true);
    expect(isNearDuplicate(first, third)).toBe(false);
  });

  it('resolves a copy of a copy within one batch as one by one', async () => {
    const oneByOne = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const sequential = [];
    for (const p of chain) sequential.push(await oneByOne.check(p));
    const batched = await createNearDuplicateIndex(inMemoryNearDuplicateStore()).checkAll(chain);
    expect(batched).toEqual(sequential);
    const own = contentFingerprint(chain[0] as Posting);
    expect(batched).toEqual([
      { fingerprint: own },
      { fingerprint: own, copyOf: 'chain:0' },
      { fingerprint: own, copyOf: 'chain:1' },
    ]);
  });

  it('resolves a batch in registration order, whatever the order of the page', async () => {
    const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const [a, b, c] = chain as [Posting, Posting, Posting];
    await index.checkAll([a, b]);
    // b, crawled again, keeps its earlier number: it resolves before c, which copies it.
    expect(await index.checkAll([c, b])).toEqual([
      { fingerprint: contentFingerprint(a), copyOf: 'chain:1' },
      { fingerprint: contentFingerprint(a), copyOf: 'chain:0' },
    ]);
  });

  it('compares with the postings of earlier batches, and a re-crawl keeps the first number', async () => {
    const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const original = posting('board:1');
    const copy = posting('hn:9', { descriptionText: reordered });
    await index.checkAll([original]);
    // The copy comes first on this page, but the original was registered on an earlier one.
    expect(await index.checkAll([copy, original])).toEqual([
      { fingerprint: contentFingerprint(original), copyOf: 'board:1' },
      { fingerprint: contentFingerprint(original) },
    ]);
  });

  it('gives a posting listed twice on a page the same verdict twice', async () => {
    const index = createNearDuplicateIndex(inMemoryNearDuplicateStore());
    const original = posting('board:1');
    const copy = posting('hn:9', { descriptionText: resalaried });
    const verdicts = await index.checkAll([original, copy, copy]);
    expect(verdicts[1]).toEqual({ fingerprint: contentFingerprint(original), copyOf: 'board:1' });
    expect(verdicts[2]).toEqual(verdicts[1]);
    expect(await index.checkAll([])).toEqual([]);
  });
});
