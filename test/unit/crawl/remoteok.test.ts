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

const API = 'https://remoteok.com/api';
const config = (extra: Record<string, unknown> = {}) =>
  source({ id: 'remoteok', type: 'remoteok', ...extra });
const json = async (name: string) => JSON.parse(await readSourceText(name)) as object;

describe('remoteok', () => {
  it('maps the sample feed like its expected postings; the legal notice is no job', async () => {
    serve(API, { body: await json('remoteok.json') });
    const { report, postings } = await crawl(config());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/remoteok.expected.json',
    );
    expect(postings.map((p) => p.sourceId)).toEqual(['1139001', '1139002']);
    // Attribution: every posting links back to its Remote OK page.
    for (const p of postings) expect(p.url).toMatch(/^https:\/\/remoteOK\.com\/remote-jobs\//);
    expect(postings[0]?.salary).toEqual({
      min: 120000,
      max: 150000,
      currency: 'USD',
      period: 'year',
    });
    expect(postings[1]).not.toHaveProperty('salary'); // 0 means unknown
    expect(report).toMatchObject({ complete: true, postings: { found: 2, failed: 0, skipped: 0 } });
    expect(requested).toEqual([API]);
  });

  it('decodes entities, reads epoch seconds, and counts bad jobs with a reason', async () => {
    serve(API, { body: await json('remoteok-edge.json') });
    const { report, postings } = await crawl(config());
    const [python, support] = postings;
    expect(python).toMatchObject({
      title: 'Senior Python & Django Engineer',
      company: 'Tidewater & Co',
      remote: 'remote',
      salary: { max: 140000, currency: 'USD', period: 'year' },
      datePosted: '2026-03-02T14:00:00.000Z',
      descriptionText: 'Build APIs — Python 3.12 & Postgres.\n\n<3 remote-first',
    });
    expect(python).not.toHaveProperty('location');
    expect(support).toMatchObject({ sourceId: '1139101', title: 'Support Hero' });
    expect(support).not.toHaveProperty('company');
    expect(report.failures.map((f) => f.reason)).toEqual([
      'jobs[2].position: expected a non-empty string, received nothing',
      'jobs[3]: expected an object, received 42',
    ]);
    expect(report.failures[0]?.sourceId).toBe('1139102');
  });

  it('asks for one tag, and a tag without jobs (the legal notice alone) is an empty board', async () => {
    serve(`${API}?tag=python`, { body: [{ legal: 'API Terms of Service' }] });
    const { report, postings } = await crawl(config({ tag: 'python' }));
    expect(postings).toEqual([]);
    expect(report).toMatchObject({ complete: true, postings: { found: 0, failed: 0 } });
  });

  it('stops at maxPostings and says it was truncated', async () => {
    serve(API, { body: await json('remoteok.json') });
    const { report, postings } = await crawl(config({ maxPostings: 1 }));
    expect(postings).toHaveLength(1);
    expect(report.truncated).toBe(true);
  });
});

describeRetries('remoteok', () => ({
  config: config(),
  url: API,
  ok: { body: [{ legal: 'terms' }, { id: '1', position: 'Dev', description: '<p>Code.</p>' }] },
  postings: 1,
}));
