import { describe, expect, it } from 'vitest';
import { readSourceText } from '../../support/source-fixtures.js';
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

const OFFERS = 'https://pollenlogistics.recruitee.com/api/offers/';
const config = (extra: Record<string, unknown> = {}) =>
  source({ id: 'pollen', type: 'recruitee', board: 'pollenlogistics', ...extra });
const json = async (name: string) => JSON.parse(await readSourceText(name)) as object;

describe('recruitee', () => {
  it('maps the sample offers like their expected postings, in one request', async () => {
    serve(OFFERS, { body: await json('recruitee-offers.json') });
    const { report, postings } = await crawl(config());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/recruitee-offers.expected.json',
    );
    expect(postings[0]?.salary).toEqual({ min: 4200, max: 5400, currency: 'EUR', period: 'month' });
    expect(postings[0]?.datePosted).toBe('2026-02-26T10:02:37.000Z');
    expect(postings.map((p) => p.remote)).toEqual(['hybrid', 'onsite']);
    expect(report).toMatchObject({ complete: true, postings: { found: 2, failed: 0 } });
    expect(requested).toEqual([OFFERS]);
  });

  it('decodes entities in titles and descriptions, keeps requirements, skips drafts, counts bad offers', async () => {
    serve(OFFERS, { body: await json('recruitee-edge.json') });
    const { report, postings } = await crawl(config({ company: 'Pollen' }));
    const [rd, courier] = postings;
    expect(rd?.title).toBe('R&D Engineer');
    expect(rd?.descriptionText).toBe('Batteries & motors – "fast".\n\nRequirements\n- C++ or Rust');
    expect(rd?.remote).toBe('remote');
    expect(rd).not.toHaveProperty('salary'); // "bad" is no amount: no salary rather than a wrong one
    // Missing optional fields stay absent; the configured company fills in.
    expect(courier).toEqual({
      key: 'pollen:1834601',
      source: 'pollen',
      sourceId: '1834601',
      title: 'Courier',
      company: 'Pollen',
      descriptionText: '',
    });
    expect(report.postings).toMatchObject({ found: 2, skipped: 1, failed: 2 });
    expect(report.failures.map((f) => f.reason)).toEqual([
      'offers[3].title: expected a non-empty string, received ""',
      'offers[4].id: expected an id (a non-empty string or an integer), received nothing',
    ]);
  });

  it('stops at maxPostings and says it was truncated', async () => {
    serve(OFFERS, { body: await json('recruitee-offers.json') });
    const { report, postings } = await crawl(config({ maxPostings: 1 }));
    expect(postings).toHaveLength(1);
    expect(report).toMatchObject({ truncated: true, complete: false });
  });

  it('follows baseUrl for a custom careers domain', async () => {
    serve('https://careers.pollen.example/api/offers/', { body: { offers: [] } });
    const { report } = await crawl(config({ baseUrl: 'https://careers.pollen.example' }));
    expect(report).toMatchObject({ complete: true, pages: { ok: 1 } });
  });
});

describeRetries('recruitee', () => ({
  config: config(),
  url: OFFERS,
  ok: { body: { offers: [{ id: 1, title: 'Rider', description: '<p>Ride.</p>' }] } },
  postings: 1,
}));
