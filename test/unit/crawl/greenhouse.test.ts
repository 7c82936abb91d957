import { describe, expect, it } from 'vitest';
import {
  type GreenhouseSource,
  greenhouseBoardUrl,
  parseGreenhouseBoard,
} from '../../../src/crawl/adapters/index.js';
import { sourceSchema } from '../../../src/crawl/sources.js';
import { InputError } from '../../../src/errors.js';
import { type ExpectedRecord, rangesOf, readSourceFixture } from '../../support/source-fixtures.js';

function greenhouse(extra: Record<string, unknown> = {}): GreenhouseSource {
  return sourceSchema.parse({
    id: 'nimbus',
    type: 'greenhouse',
    board: 'nimbusfreight',
    ...extra,
  }) as GreenhouseSource;
}

const BOARD_URL = 'https://boards-api.greenhouse.io/v1/boards/nimbusfreight/jobs?content=true';
const ctx = (extra: Record<string, unknown> = {}) => ({
  source: greenhouse(extra),
  url: BOARD_URL,
});

describe('greenhouseBoardUrl', () => {
  it('asks the public API for the whole board with content', () => {
    expect(greenhouseBoardUrl(greenhouse())).toBe(BOARD_URL);
  });

  it('honours baseUrl and encodes the board token', () => {
    const source = greenhouse({ board: 'a b/c', baseUrl: 'http://127.0.0.1:8080/' });
    expect(greenhouseBoardUrl(source)).toBe(
      'http://127.0.0.1:8080/v1/boards/a%20b%2Fc/jobs?content=true',
    );
  });
});

describe('parseGreenhouseBoard on the sample fixtures', () => {
  it('maps the first job like the hand-derived expected record', async () => {
    const body = await readSourceFixture<unknown>('greenhouse-jobs.json');
    const expected = (await readSourceFixture<ExpectedRecord[]>('expected-normalized.json')).find(
      (r) => r.source === 'greenhouse',
    );
    const result = parseGreenhouseBoard(body, ctx());
    expect(result.failures).toEqual([]);
    expect(result.postings).toHaveLength(2);
    const [first] = result.postings;
    expect(first).toEqual({
      key: 'nimbus:4012345007',
      source: 'nimbus',
      sourceId: '4012345007',
      url: expected?.url,
      title: expected?.title,
      company: expected?.company,
      location: expected?.location,
      remote: 'remote',
      employmentType: expected?.employmentType,
      datePosted: expected?.datePosted,
      descriptionText: expected?.descriptionText,
      descriptionHtml: expected?.descriptionHtml,
      descriptionHeadings: rangesOf(expected?.descriptionText ?? '', 'About the role'),
    });
  });

  it('infers nothing from titles: the second job has no remote flag or employment type', async () => {
    const result = parseGreenhouseBoard(await readSourceFixture('greenhouse-jobs.json'), ctx());
    const second = result.postings[1];
    expect(second?.title).toBe('Operations Analyst (Hybrid)');
    expect(second?.location).toBe('Berlin, Germany; Amsterdam, Netherlands');
    expect(second?.url).toBe(
      'https://www.nimbusfreight.example/careers/open-roles?gh_jid=4012399007',
    );
    expect(second?.datePosted).toBe('2026-02-27T15:15:00.000Z');
    expect(second).not.toHaveProperty('remote');
    expect(second).not.toHaveProperty('employmentType');
    expect(second).not.toHaveProperty('salary');
    expect(second?.descriptionText).toBe(
      'Hybrid role, 3 days a week in office. Part-time (30h) considered.\n\nSalary: EUR 52.000 – 60.000 per year.',
    );
  });

  it('reads pay_input_ranges (cents) of the single-job payload as a yearly salary', async () => {
    const job = await readSourceFixture<unknown>('greenhouse-job.json');
    const result = parseGreenhouseBoard({ jobs: [job] }, ctx());
    expect(result.postings[0]?.salary).toEqual({
      min: 165000,
      max: 195000,
      currency: 'USD',
      period: 'year',
    });
  });
});

describe('parseGreenhouseBoard edge cases', () => {
  it('decodes escaped content exactly once and leaves real HTML alone', () => {
    const result = parseGreenhouseBoard(
      {
        jobs: [
          { id: 1, title: 'A', content: '&lt;p&gt;Fish &amp;amp; chips &amp;lt;3&lt;/p&gt;' },
          { id: 2, title: 'B', content: '<p>Use &lt;b&gt; for bold</p>' },
        ],
      },
      ctx(),
    );
    const [escaped, raw] = result.postings;
    expect(escaped?.descriptionHtml).toBe('<p>Fish &amp; chips &lt;3</p>');
    expect(escaped?.descriptionText).toBe('Fish & chips <3');
    expect(raw?.descriptionHtml).toBe('<p>Use &lt;b&gt; for bold</p>');
    expect(raw?.descriptionText).toBe('Use <b> for bold');
  });

  it('falls back to the configured company, updated_at and office locations', () => {
    const result = parseGreenhouseBoard(
      {
        jobs: [
          {
            id: 7,
            title: 'Courier',
            updated_at: '2026-03-01T08:02:44-05:00',
            offices: [{ location: 'Lyon, France' }, { location: 'Paris, France' }],
          },
        ],
      },
      ctx({ company: 'Nimbus (configured)' }),
    );
    expect(result.postings[0]).toMatchObject({
      company: 'Nimbus (configured)',
      datePosted: '2026-03-01T13:02:44.000Z',
      location: 'Lyon, France; Paris, France',
      descriptionText: '',
    });
    expect(result.postings[0]).not.toHaveProperty('descriptionHtml');
  });

  it('takes remote from a metadata flag first, then from a location that says so', () => {
    const result = parseGreenhouseBoard(
      {
        jobs: [
          { id: 1, title: 'A', location: { name: 'Hybrid - Berlin' } },
          {
            id: 2,
            title: 'B',
            location: { name: 'Berlin' },
            metadata: [{ name: 'Remote', value: true }],
          },
          {
            id: 3,
            title: 'C',
            location: { name: 'Remote (EU)' },
            metadata: [{ name: 'Remote', value: false }],
          },
          {
            id: 4,
            title: 'D',
            location: { name: 'Lisbon' },
            metadata: [{ name: 'Workplace type', value: 'On-site' }],
          },
          { id: 5, title: 'E', location: { name: 'Lisbon' } },
        ],
      },
      ctx(),
    );
    expect(result.postings.map((p) => p.remote)).toEqual([
      'hybrid',
      'remote',
      'remote',
      'onsite',
      undefined,
    ]);
  });

  it('turns bad items into one-line failures and keeps the good ones', () => {
    const result = parseGreenhouseBoard(
      {
        jobs: [
          { id: 1, title: 'Good', absolute_url: 'https://example.test/jobs/1' },
          'not a job',
          { id: 3, title: '   ', absolute_url: 'https://example.test/jobs/3' },
          { title: 'No id' },
          { id: 5, title: 'Bad url', absolute_url: 'not a url' },
          null,
          { id: 7, title: 'Also good' },
        ],
      },
      ctx(),
    );
    expect(result.postings.map((p) => p.sourceId)).toEqual(['1', '7']);
    expect(result.failures).toHaveLength(5);
    expect(result.failures[0]).toEqual({
      url: BOARD_URL,
      reason: 'jobs[1]: expected a job object, received a string "not a job"',
    });
    expect(result.failures[1]).toMatchObject({ sourceId: '3', url: 'https://example.test/jobs/3' });
    expect(result.failures[1]?.reason).toMatch(/title/);
    expect(result.failures[2]?.reason).toBe('jobs[3]: expected an id, received nothing');
    expect(result.failures[3]).toMatchObject({ sourceId: '5' });
    expect(result.failures[3]?.reason).toMatch(/url/);
    expect(result.failures[4]?.reason).toBe('jobs[5]: expected a job object, received null');
    for (const failure of result.failures) expect(failure.reason).not.toContain('\n');
  });

  it('throws a one-line InputError naming the source when there is no jobs array', () => {
    for (const body of [{ meta: { total: 0 } }, null, [{ id: 1 }], 'oops']) {
      expect(() => parseGreenhouseBoard(body, ctx())).toThrow(InputError);
    }
    expect(() => parseGreenhouseBoard({ meta: { total: 0 } }, ctx())).toThrow(
      `greenhouse source "nimbus": ${BOARD_URL}: expected an object with a "jobs" array, received an object with keys "meta"`,
    );
  });
});
