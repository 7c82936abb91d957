import { describe, expect, it } from 'vitest';
import {
  compareTitles,
  createNearDuplicateIndex,
  inMemoryNearDuplicateStore,
  isNearDuplicate,
  MIN_SIMILARITY,
  MIN_SIMILARITY_OTHER_COMPANY,
  MIN_SIMILARITY_OTHER_TITLE,
  nearDuplicateSignature,
  similarity,
  titleWords,
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

describe('the title rule: a copy is the same job posted again', () => {
  const BLURB =
    'About us. Tidewater builds tide prediction software for harbours across the North Sea and the Baltic. Forty people in Rotterdam and Gdansk, owned by the people who work here, profitable since our second year. How we work: small teams that own their service from the first sketch to the night it runs, written proposals, careful reviews, and nobody on call alone.';
  const BENEFITS =
    'What we offer. EUR 70,000 to 85,000 a year, 30 days of holiday, a pension with a matched contribution, a learning budget, four weeks a year of working from anywhere, and a yearly trip to a harbour. Tidewater is an equal opportunity employer; tell us what you need during the process and we will arrange it.';
  const onTemplate = (role: string) => [BLURB, role, BENEFITS].join('\n\n');
  const dataRole =
    'What you will do. Run the data pipelines that ingest sensor readings every minute, with Python, Spark and Airflow.';
  const mlRole =
    'What you will do. Train and ship the models that predict tides a week ahead, with PyTorch, and measure them against the harbours.';
  const of = (title: string, extra: Partial<Posting> = {}) =>
    nearDuplicateSignature(posting('x:1', { title, ...extra }));

  it("another role on the employer's template is another job", () => {
    const data = of('Senior Data Engineer', { descriptionText: onTemplate(dataRole) });
    const ml = of('Senior Machine Learning Engineer', { descriptionText: onTemplate(mlRole) });
    const shared = similarity(data.minhash, ml.minhash);
    expect(shared).toBeGreaterThanOrEqual(MIN_SIMILARITY_OTHER_COMPANY);
    expect(shared).toBeLessThan(MIN_SIMILARITY_OTHER_TITLE);
    expect(isNearDuplicate(data, ml)).toBe(false);
    // The same role on the same template, its salary line changed, is a copy.
    const resalaried = onTemplate(dataRole).replace('70,000 to 85,000', '72,000 to 88,000');
    expect(isNearDuplicate(data, of('Senior Data Engineer', { descriptionText: resalaried }))).toBe(
      true,
    );
  });

  it('another level of the same role is another job, however alike the texts', () => {
    const pairs = [
      ['Senior Data Engineer', 'Staff Data Engineer'],
      ['Data Engineer', 'Senior Data Engineer'],
      ['Junior Data Engineer', 'Data Engineer'],
      ['Data Engineer 4 - Contract', 'Data Engineer 5 - Contract (Remote)'],
      ['Data Engineer II', 'Data Engineer III'],
      ['Data Engineer (IC3)', 'Data Engineer (IC4)'],
      ['Lead Data Engineer', 'Sr. Data Engineer'],
    ];
    for (const [a = '', b = ''] of pairs) {
      expect(isNearDuplicate(of(a), of(b)), `${a} / ${b}`).toBe(false);
    }
    // One level spelt two ways is one level.
    expect(isNearDuplicate(of('Sr. Data Engineer'), of('Senior Data Engineer'))).toBe(true);
    expect(isNearDuplicate(of('Mid-Level Data Engineer'), of('Middle Data Engineer'))).toBe(true);
  });

  it('the same job with where or how it is done added is a copy, its text edited too', () => {
    const original = of('Senior Data Engineer');
    const copies: [string, Partial<Posting>][] = [
      ['Senior Data Engineer (Remote)', {}],
      ['Senior Data Engineer (m/f/d), full-time', {}],
      ['Senior Data Engineer - 100% remote, contract', {}],
      ['Senior Data Engineer - Rotterdam', { location: 'Rotterdam, Netherlands' }],
      ['Senior Data Engineer at Tidewater B.V.', { company: 'Tidewater B.V.' }],
      ['Data Engineer, Senior', {}],
    ];
    for (const [title, extra] of copies) {
      expect(
        isNearDuplicate(original, of(title, { ...extra, descriptionText: reordered })),
        title,
      ).toBe(true);
    }
  });

  it('titles that differ otherwise are a copy only with nearly the same text', () => {
    const short = of('Data Analyst - Contracts');
    expect(isNearDuplicate(short, of('Data Analyst - Contracts - San Jose'))).toBe(true);
    const edited = of('Data Analyst - Contracts - San Jose', { descriptionText: reordered });
    expect(similarity(short.minhash, edited.minhash)).toBeLessThan(MIN_SIMILARITY_OTHER_TITLE);
    expect(isNearDuplicate(short, edited)).toBe(false);
    // Titles that share less than half their words are never copies.
    expect(isNearDuplicate(of('Data Engineer'), of('Harbour Master'))).toBe(false);
  });

  it('compares titles by their level and their other words', () => {
    const words = (title: string, extra: { company?: string; location?: string } = {}) =>
      titleWords(title, extra);
    expect(
      words('Sr. Data Engineer (m/f/d) – Full-time, 100% Remote at Tidewater GmbH, Rotterdam', {
        company: 'Tidewater GmbH',
        location: 'Rotterdam',
      }),
    ).toEqual(['data', 'engineer', 'senior']);
    expect(compareTitles(words('Data Engineer'), words('Data Engineer (Hybrid)'))).toBe('same');
    expect(compareTitles(words('Data Engineer'), words('Data Engineer, Streaming'))).toBe(
      'similar',
    );
    expect(compareTitles(words('Data Engineer'), words('Staff Data Engineer'))).toBe('different');
    expect(compareTitles(words('Senior Data Engineer'), words('Senior Product Manager'))).toBe(
      'different',
    );
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
