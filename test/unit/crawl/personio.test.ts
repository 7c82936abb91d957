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

const FEED = 'https://fernwerk.jobs.personio.de/xml';
const XML = 'application/xml; charset=utf-8';
const config = (extra: Record<string, unknown> = {}) =>
  source({ id: 'fernwerk', type: 'personio', board: 'fernwerk', ...extra });

describe('personio', () => {
  it('maps the sample feed like its expected postings (CDATA and escaped values alike)', async () => {
    serve(FEED, { body: await readSourceText('personio-feed.xml'), type: XML });
    const { report, postings } = await crawl(config());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/personio-feed.expected.json',
    );
    expect(postings.map((p) => p.location)).toEqual(['Munich; Remote', 'Hamburg']);
    expect(postings.map((p) => p.employmentType)).toEqual(['FULL_TIME', 'INTERN']);
    expect(postings[1]?.descriptionText).toBe('Über uns\n\n20 Stunden pro Woche, flexibel.');
    expect(report).toMatchObject({ complete: true, postings: { found: 2, failed: 0 } });
  });

  it('asks for the configured language and links each job in it', async () => {
    serve(`${FEED}?language=en`, { body: await readSourceText('personio-feed.xml'), type: XML });
    const { postings } = await crawl(config({ language: 'en' }));
    expect(postings[0]?.url).toBe('https://fernwerk.jobs.personio.de/job/1420077?language=en');
    expect(requested).toEqual([`${FEED}?language=en`]);
  });

  it('decodes escaped HTML once, keeps section headings, and counts a position without a name', async () => {
    serve(FEED, { body: await readSourceText('personio-edge.xml'), type: XML });
    const { report, postings } = await crawl(config({ company: 'Fernwerk' }));
    const [rd, office] = postings;
    expect(rd?.title).toBe('R&D Engineer <Embedded>');
    expect(rd?.descriptionText).toBe('Tasks & Team\n\nFirmware in C & Rust – safety first.');
    expect(rd?.employmentType).toBe('CONTRACTOR');
    expect(office).toEqual({
      key: 'fernwerk:1420301',
      source: 'fernwerk',
      sourceId: '1420301',
      url: 'https://fernwerk.jobs.personio.de/job/1420301',
      title: 'Office Manager',
      company: 'Fernwerk',
      descriptionText: '',
    });
    expect(report.failures.map((f) => f.reason)).toEqual([
      'position[2].name: expected a non-empty string, received nothing',
    ]);
    expect(report.failures[0]?.sourceId).toBe('1420302');
  });

  it('reads an empty feed as a board without postings, and the .com domain', async () => {
    serve('https://fernwerk.jobs.personio.com/xml', {
      body: '<workzag-jobs></workzag-jobs>',
      type: XML,
    });
    const { report } = await crawl(config({ domain: 'com' }));
    expect(report).toMatchObject({ complete: true, pages: { ok: 1 }, postings: { found: 0 } });
  });

  it('retries a body that is not XML (an HTML error page cut short)', async () => {
    serve(
      FEED,
      { body: '<html><body>Bad gateway', type: 'text/html' },
      { body: await readSourceText('personio-feed.xml'), type: XML },
    );
    const { report, postings } = await crawl(config());
    expect(postings).toHaveLength(2);
    expect(report).toMatchObject({ complete: true, pages: { ok: 1, failed: 0 } });
    expect(requested).toHaveLength(2);
  });
});

describeRetries('personio', () => ({
  config: config(),
  url: FEED,
  ok: {
    body: '<workzag-jobs><position><id>1</id><name>Dev</name></position></workzag-jobs>',
    type: XML,
  },
  postings: 1,
}));
