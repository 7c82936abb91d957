import { describe, expect, it } from 'vitest';
import {
  LEVER_PAGE_SIZE,
  type LeverSource,
  leverPageUrl,
  parseLeverPage,
} from '../../../src/crawl/adapters/index.js';
import { sourceSchema } from '../../../src/crawl/sources.js';
import { InputError } from '../../../src/errors.js';
import { type ExpectedRecord, rangesOf, readSourceFixture } from '../../support/source-fixtures.js';

function lever(extra: Record<string, unknown> = {}): LeverSource {
  return sourceSchema.parse({
    id: 'quill',
    type: 'lever',
    board: 'quillwork',
    company: 'Quillwork Labs',
    ...extra,
  }) as LeverSource;
}

const PAGE_URL = 'https://api.lever.co/v0/postings/quillwork?mode=json&skip=0&limit=100';
const ctx = () => ({ source: lever(), url: PAGE_URL });

describe('leverPageUrl', () => {
  it('pages with skip and limit on the global or EU host', () => {
    expect(leverPageUrl(lever(), 0, LEVER_PAGE_SIZE)).toBe(PAGE_URL);
    expect(leverPageUrl(lever({ region: 'eu' }), 200, 50)).toBe(
      'https://api.eu.lever.co/v0/postings/quillwork?mode=json&skip=200&limit=50',
    );
    expect(leverPageUrl(lever({ baseUrl: 'http://localhost:9000' }), 100, 100)).toBe(
      'http://localhost:9000/v0/postings/quillwork?mode=json&skip=100&limit=100',
    );
  });
});

describe('parseLeverPage on the sample fixture', () => {
  it('maps the first posting like the hand-derived expected record, lists included', async () => {
    const body = await readSourceFixture<unknown>('lever-postings.json');
    const expected = (await readSourceFixture<ExpectedRecord[]>('expected-normalized.json')).find(
      (r) => r.source === 'lever',
    );
    const result = parseLeverPage(body, ctx());
    expect(result.failures).toEqual([]);
    expect(result.itemCount).toBe(2);
    expect(result.postings[0]).toEqual({
      key: 'quill:3f1c2a9e-7b44-4d0e-9c1a-0c5e2d8b6a11',
      source: 'quill',
      sourceId: '3f1c2a9e-7b44-4d0e-9c1a-0c5e2d8b6a11',
      url: expected?.url,
      title: expected?.title,
      company: expected?.company,
      location: expected?.location,
      // The research notes collapse hybrid to `false`; the Posting keeps the tri-state.
      remote: 'hybrid',
      employmentType: expected?.employmentType,
      salary: expected?.salary,
      datePosted: expected?.datePosted,
      descriptionText: expected?.descriptionText,
      descriptionHtml: expected?.descriptionHtml,
      descriptionHeadings: rangesOf(
        expected?.descriptionText ?? '',
        "What you'll do",
        'Requirements',
      ),
    });
  });

  it('maps the remote contract without salary or lists', async () => {
    const result = parseLeverPage(await readSourceFixture('lever-postings.json'), ctx());
    expect(result.postings[1]).toEqual({
      key: 'quill:9a0b7c55-1d2e-4f3a-8b9c-77e6f5d4c3b2',
      source: 'quill',
      sourceId: '9a0b7c55-1d2e-4f3a-8b9c-77e6f5d4c3b2',
      url: 'https://jobs.lever.co/quillwork/9a0b7c55-1d2e-4f3a-8b9c-77e6f5d4c3b2',
      title: 'Product Designer (Contract)',
      company: 'Quillwork Labs',
      location: 'Remote',
      remote: 'remote',
      employmentType: 'CONTRACTOR',
      datePosted: '2026-02-25T09:00:00.000Z',
      descriptionText: 'A 6-month contract to redesign our editor.',
      descriptionHtml: '<div>A 6-month contract to redesign our editor.</div>',
      descriptionHeadings: [],
    });
  });
});

describe('parseLeverPage edge cases', () => {
  const base = { id: 'p1', text: 'Engineer', description: '<p>Build things.</p>' };

  it('maps salary intervals to periods and drops unusable salaries, not postings', () => {
    const salaries = [
      { currency: 'USD', interval: 'per-hour-wage', min: 40, max: 60 },
      { currency: 'EUR', interval: 'per-month-salary', min: 4000, max: 5000 },
      { currency: 'usd', interval: 'per-week-salary', min: 1000 },
      { currency: 'USD', interval: 'one-time', min: 5000, max: 5000 },
      { currency: 'USD', interval: 'per-year-salary', min: 90000, max: 80000 },
      { interval: 'per-year-salary', min: 90000, max: 100000 },
    ];
    const result = parseLeverPage(
      salaries.map((salaryRange, i) => ({ ...base, id: `p${i}`, salaryRange })),
      ctx(),
    );
    expect(result.failures).toEqual([]);
    expect(result.postings.map((p) => p.salary)).toEqual([
      { min: 40, max: 60, currency: 'USD', period: 'hour' },
      { min: 4000, max: 5000, currency: 'EUR', period: 'month' },
      { min: 1000, currency: 'USD', period: 'week' },
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('escapes list headings and keeps list items as HTML', () => {
    const result = parseLeverPage(
      [{ ...base, lists: [{ text: 'R&D <team>', content: '<li>C++</li>' }], additional: '' }],
      ctx(),
    );
    expect(result.postings[0]?.descriptionHtml).toBe(
      '<p>Build things.</p><h3>R&amp;D &lt;team&gt;</h3><ul><li>C++</li></ul>',
    );
    expect(result.postings[0]?.descriptionText).toBe('Build things.\n\nR&D <team>\n- C++');
  });

  it('falls back to descriptionPlain, allLocations and infers remote only when unspecified', () => {
    const result = parseLeverPage(
      [
        {
          id: 'a',
          text: 'Support',
          descriptionPlain: 'Answer tickets.\n',
          workplaceType: 'unspecified',
          categories: { allLocations: ['Remote - UK', 'Remote - IE'] },
        },
        { id: 'b', text: 'No description', workplaceType: 'onsite' },
      ],
      ctx(),
    );
    expect(result.postings[0]).toMatchObject({
      descriptionText: 'Answer tickets.',
      location: 'Remote - UK; Remote - IE',
      remote: 'remote',
    });
    expect(result.postings[0]).not.toHaveProperty('descriptionHtml');
    expect(result.postings[1]).toMatchObject({ descriptionText: '', remote: 'onsite' });
  });

  it('counts every item of the page, failed ones included, for paging', () => {
    const result = parseLeverPage([base, 42, { text: 'no id' }, { id: 'x' }], ctx());
    expect(result.itemCount).toBe(4);
    expect(result.postings.map((p) => p.sourceId)).toEqual(['p1']);
    expect(result.failures.map((f) => f.reason)).toEqual([
      'postings[1]: expected a posting object, received number 42',
      'postings[2]: expected an id, received nothing',
      expect.stringMatching(/^invalid posting: title: /),
    ]);
    expect(result.failures[2]?.sourceId).toBe('x');
    expect(LEVER_PAGE_SIZE).toBe(100);
  });

  it('throws InputError when the body is not an array', () => {
    expect(() => parseLeverPage({ ok: false, error: 'Document not found' }, ctx())).toThrow(
      InputError,
    );
    expect(() => parseLeverPage({ ok: false }, ctx())).toThrow(
      /lever source "quill": .*expected an array of postings, received an object with keys "ok"/,
    );
  });
});
