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

const BASE = 'https://api.smartrecruiters.com/v1/companies/LumenGridEnergy/postings';
const page = (offset: number) => `${BASE}?limit=100&offset=${offset}`;
const config = (extra: Record<string, unknown> = {}) =>
  source({ id: 'lumen', type: 'smartrecruiters', companyId: 'LumenGridEnergy', ...extra });
const json = async (name: string) => JSON.parse(await readSourceText(name)) as object;

async function serveBoard(): Promise<void> {
  serve(page(0), { body: await json('smartrecruiters-postings-page1.json') });
  serve(page(2), { body: await json('smartrecruiters-postings-page2.json') });
  serve(`${BASE}/744000012345678`, { body: await json('smartrecruiters-posting.json') });
  serve(`${BASE}/744000012349999`, { body: await json('smartrecruiters-posting-2.json') });
  serve(`${BASE}/744000012350001`, { body: await json('smartrecruiters-posting-3.json') });
}

describe('smartrecruiters', () => {
  it('pages by offset until totalFound, then reads each posting: the expected postings', async () => {
    await serveBoard();
    const { report, postings } = await crawl(config());
    const sorted = postings
      .map(plain)
      .sort((a, b) => String((a as { key: string }).key).localeCompare((b as { key: string }).key));
    await expect(`${JSON.stringify(sorted, null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/smartrecruiters.expected.json',
    );
    expect(report).toMatchObject({
      complete: true,
      pages: { ok: 5, failed: 0 },
      postings: { found: 3, failed: 2 },
    });
    expect(requested.filter((url) => url.includes('?'))).toEqual([page(0), page(2)]);
  });

  it('keeps markup as headings and decodes entities once; a bad item is a failure with a reason', async () => {
    await serveBoard();
    const { report, postings } = await crawl(config());
    const byId = new Map(postings.map((p) => [p.sourceId, p]));
    const scientist = byId.get('744000012349999');
    expect(scientist?.descriptionText).toBe(
      'Job Description\n\nForecast R&D load with Python & Spark — "grid-scale".\n\nQualifications\n- 3+ years <time series>',
    );
    expect(scientist?.remote).toBe('remote');
    // Missing optional fields stay absent.
    const technician = byId.get('744000012350001');
    expect(technician).not.toHaveProperty('location');
    expect(technician).not.toHaveProperty('datePosted');
    expect(technician?.url).toBe(
      'https://jobs.smartrecruiters.com/LumenGridEnergy/744000012350001',
    );
    expect(report.failures.map((f) => f.reason)).toEqual([
      'content[1].name: expected a non-empty string, received nothing',
      'content[2]: expected an object, received "broken"',
    ]);
    expect(report.failures[0]?.sourceId).toBe('744000012350002');
  });

  it('asks for no more posting details than maxPostings, and stops paging', async () => {
    await serveBoard();
    const { report, postings } = await crawl(config({ maxPostings: 1 }));
    expect(postings).toHaveLength(1);
    expect(report).toMatchObject({ truncated: true, complete: false });
    expect(requested).toHaveLength(2);
  });

  it('an unknown company (200, totalFound 0) is a board without postings', async () => {
    serve(page(0), { body: { offset: 0, limit: 100, totalFound: 0, content: [] } });
    const { report } = await crawl(config());
    expect(report).toMatchObject({ complete: true, postings: { found: 0, failed: 0 } });
  });
});

describeRetries('smartrecruiters', () => ({
  config: config(),
  url: page(0),
  ok: { body: { offset: 0, limit: 100, totalFound: 0, content: [] } },
  postings: 0,
}));
