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

const WWR = 'https://weworkremotely.com/remote-jobs.rss';
const ATOM = 'https://careers.glasshouse.example/jobs.atom';
const RSS_TYPE = 'application/rss+xml; charset=utf-8';
const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const wwr = (extra: Record<string, unknown> = {}) =>
  source({
    id: 'wwr',
    type: 'rss',
    url: WWR,
    titleFormat: 'company: title',
    remoteOnly: true,
    ...extra,
  });
const atom = (extra: Record<string, unknown> = {}) =>
  source({ id: 'glasshouse', type: 'rss', url: ATOM, ...extra });

describe('rss: RSS 2.0', () => {
  it('maps the We Work Remotely sample like its expected postings', async () => {
    serve(WWR, { body: await readSourceText('weworkremotely.rss'), type: RSS_TYPE });
    const { report, postings } = await crawl(wwr());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/weworkremotely.expected.json',
    );
    expect(postings.map((p) => [p.company, p.title])).toEqual([
      ['Saltmarsh Studio', 'Senior Full-Stack Engineer'],
      ['Brightfold', 'Technical Writer (Contract)'],
    ]);
    expect(postings.map((p) => p.employmentType)).toEqual(['FULL_TIME', 'CONTRACTOR']);
    expect(postings.map((p) => p.remote)).toEqual(['remote', 'remote']);
    // Escaped and CDATA descriptions alike, decoded once.
    expect(postings[0]?.descriptionText).toContain('Headquarters: Lisbon');
    expect(postings[1]?.descriptionText).toBe('Document our public API. $55–70/hour, 20h/week.');
    expect(report).toMatchObject({ complete: true, pages: { ok: 1 }, postings: { found: 2 } });
  });

  it('keeps titles whole without titleFormat, and fails an item with neither guid nor link', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>
      <item><title>Nurse &amp;amp; Carer</title><guid>n-1</guid></item>
      <item><title>Orphan</title><description>no id</description></item>
      <item><guid>n-3</guid></item></channel></rss>`;
    serve(WWR, { body: rss, type: RSS_TYPE });
    const { report, postings } = await crawl(
      source({ id: 'care', type: 'rss', url: WWR, company: 'Care Co' }),
    );
    expect(postings).toEqual([
      {
        key: 'care:n-1',
        source: 'care',
        sourceId: 'n-1',
        title: 'Nurse & Carer',
        company: 'Care Co',
        descriptionText: '',
      },
    ]);
    expect(report.failures.map((f) => f.reason)).toEqual([
      'item[1]: expected a <guid> or a <link>, received neither',
      'item[2]: title: expected a non-empty <title>, received nothing',
    ]);
  });
});

describe('rss: Atom', () => {
  it('pages by rel="next" and maps every entry like the expected postings', async () => {
    serve(`${ATOM}?page=2`, { body: await readSourceText('atom-jobs-page2.xml'), type: ATOM_TYPE });
    serve(ATOM, { body: await readSourceText('atom-jobs-page1.xml'), type: ATOM_TYPE });
    const { report, postings } = await crawl(atom());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/atom-jobs.expected.json',
    );
    expect(requested).toEqual([ATOM, `${ATOM}?page=2`]);
    const [gameplay, qa, audio, community] = postings;
    expect(gameplay?.descriptionText).toBe('C++ / Unreal 5. CAD 95,000–120,000 per year.');
    expect(gameplay).toMatchObject({ company: 'Glasshouse Games', employmentType: 'FULL_TIME' });
    expect(qa?.descriptionText).toBe('On-site only. CAD 22/hour.');
    expect(audio?.title).toBe('Audio & Sound Designer');
    expect(audio?.descriptionText).toBe('Wwise & FMOD — foley welcome.');
    expect(community).not.toHaveProperty('datePosted');
    expect(community).not.toHaveProperty('url');
    expect(report).toMatchObject({
      complete: true,
      pages: { ok: 2 },
      postings: { found: 4, failed: 1 },
    });
    expect(report.failures[0]?.reason).toBe(
      'entry[2]: title: expected a non-empty <title>, received nothing',
    );
  });

  it('pages no further than maxPages', async () => {
    serve(ATOM, { body: await readSourceText('atom-jobs-page1.xml'), type: ATOM_TYPE });
    const { report } = await crawl(atom({ maxPages: 1 }));
    expect(report).toMatchObject({ truncated: true, complete: false });
    expect(requested).toEqual([ATOM]);
  });

  it('does not retry a document that is XML but no feed', async () => {
    serve(ATOM, { body: '<html><body>Moved</body></html>', type: 'text/xml' });
    const { report } = await crawl(atom());
    expect(report.pages).toMatchObject({ failed: 1, gaveUp: 0 });
    expect(report.failures[0]?.reason).toMatch(/expected an RSS or Atom feed/);
  });
});

describeRetries('rss', () => ({
  config: atom(),
  url: ATOM,
  ok: {
    body: '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>j1</id><title>Dev</title></entry></feed>',
    type: ATOM_TYPE,
  },
  postings: 1,
}));
