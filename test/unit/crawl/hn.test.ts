import { describe, expect, it } from 'vitest';
import { parseHiringLine } from '../../../src/crawl/adapters/index.js';
import {
  type ExpectedRecord,
  readSourceFixture,
  readSourceText,
} from '../../support/source-fixtures.js';
import {
  crawl,
  describeRetries,
  plain,
  requested,
  serve,
  source,
  useMsw,
} from './support/msw-crawl.js';

useMsw();

const ALGOLIA = 'https://hn.algolia.com/api/v1';
const THREADS = `${ALGOLIA}/search_by_date?tags=story,author_whoishiring&hitsPerPage=30`;
const comments = (page: number, story = 49900001) =>
  `${ALGOLIA}/search?tags=comment,story_${story}&hitsPerPage=500&page=${page}`;
const config = (extra: Record<string, unknown> = {}) => source({ id: 'hn', type: 'hn', ...extra });
const json = async (name: string) => JSON.parse(await readSourceText(name)) as object;

async function serveThread(): Promise<void> {
  serve(THREADS, { body: await json('hn-algolia-threads.json') });
  serve(comments(0), { body: await json('hn-algolia-comments-page0.json') });
  serve(comments(1), { body: await json('hn-algolia-comments-page1.json') });
}

describe('hn', () => {
  it("finds this month's thread by the whoishiring user and pages through its comments", async () => {
    await serveThread();
    const { report, postings } = await crawl(config());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/hn.expected.json',
    );
    expect(requested).toEqual([THREADS, comments(0), comments(1)]);
    // Replies are no postings; the deleted comment is skipped; the hit without an id fails.
    expect(postings.map((p) => p.sourceId)).toEqual([
      '49900188',
      '49900123',
      '49900301',
      '49900302',
    ]);
    expect(report).toMatchObject({
      complete: true,
      pages: { ok: 3 },
      postings: { found: 4, skipped: 1, failed: 1 },
    });
    expect(report.failures[0]?.reason).toBe(
      'hits[3].objectID: expected an id (a non-empty string or an integer), received null',
    );
  });

  it('maps the first posting like the hand-derived expected record', async () => {
    await serveThread();
    const { postings } = await crawl(config());
    const expected = (await readSourceFixture<ExpectedRecord[]>('expected-normalized.json')).find(
      (r) => r.source === 'hn',
    );
    const kestrel = postings.find((p) => p.sourceId === '49900123');
    expect(kestrel).toMatchObject({
      url: expected?.url,
      title: expected?.title,
      company: expected?.company,
      location: expected?.location,
      remote: 'remote',
      employmentType: expected?.employmentType,
      salary: expected?.salary,
      datePosted: expected?.datePosted,
    });
    // The search API shortens nothing the items API gives: the description starts the same.
    expect(expected?.descriptionText.startsWith(kestrel?.descriptionText ?? '-')).toBe(true);
  });

  it('decodes entities, reads • separators, and keeps missing fields absent', async () => {
    await serveThread();
    const { postings } = await crawl(config());
    const byId = new Map(postings.map((p) => [p.sourceId, p]));
    expect(byId.get('49900301')).toMatchObject({
      company: 'Tidewater & Co',
      title: 'Staff Data Engineer / Analytics',
      location: 'Berlin, Germany',
      remote: 'hybrid',
      employmentType: 'FULL_TIME',
    });
    expect(byId.get('49900301')?.descriptionText).toContain(
      'We use Airflow & dbt. <3 open source.',
    );
    const minimal = byId.get('49900302');
    expect(minimal).toMatchObject({ company: 'Quietpine', title: 'Backend Developer' });
    for (const field of ['location', 'remote', 'salary', 'employmentType']) {
      expect(minimal).not.toHaveProperty(field);
    }
  });

  it('reads a given thread without looking it up, and stops paging at maxPostings', async () => {
    await serveThread();
    const { report, postings } = await crawl(config({ thread: 49900001, maxPostings: 1 }));
    expect(postings).toHaveLength(1);
    expect(report.truncated).toBe(true);
    expect(requested).toEqual([comments(0)]);
  });

  it('says so when the user has no hiring thread', async () => {
    serve(THREADS, {
      body: { hits: [{ objectID: '1', title: 'Ask HN: Who wants to be hired?' }] },
    });
    const { report } = await crawl(config());
    expect(report.complete).toBe(false);
    expect(report.failures[0]?.reason).toMatch(/no "Ask HN: Who is hiring\?" thread/);
  });
});

describe('parseHiringLine', () => {
  it.each([
    [
      'Ferrous Health (YC W24) | New York, NY | ONSITE | Full Stack Engineer, ML Engineer | $160k-$210k<p>more',
      {
        company: 'Ferrous Health',
        location: 'New York, NY',
        remote: 'onsite',
        title: 'Full Stack Engineer, ML Engineer',
        salary: { min: 160000, max: 210000, currency: 'USD', period: 'year' },
      },
    ],
    [
      'Acme | REMOTE (US) | Senior SRE',
      { company: 'Acme', location: 'REMOTE (US)', remote: 'remote', title: 'Senior SRE' },
    ],
    ['Just some prose about our company', { line: 'Just some prose about our company' }],
  ])('%s', (html, expected) => {
    expect(parseHiringLine(html)).toMatchObject(expected);
  });
});

describeRetries('hn', () => ({
  config: config({ thread: 49900001 }),
  url: comments(0),
  ok: { body: { hits: [], page: 0, nbPages: 1 } },
  postings: 0,
}));
