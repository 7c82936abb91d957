import { describe, expect, it } from 'vitest';
import {
  type AshbySource,
  ashbyBoardUrl,
  parseAshbyBoard,
} from '../../../src/crawl/adapters/index.js';
import { sourceSchema } from '../../../src/crawl/sources.js';
import { InputError } from '../../../src/errors.js';
import { readSourceFixture } from '../../support/source-fixtures.js';

function ashby(extra: Record<string, unknown> = {}): AshbySource {
  return sourceSchema.parse({
    id: 'tess',
    type: 'ashby',
    board: 'tessellate',
    company: 'Tessellate Robotics',
    ...extra,
  }) as AshbySource;
}

const BOARD_URL =
  'https://api.ashbyhq.com/posting-api/job-board/tessellate?includeCompensation=true';
const ctx = () => ({ source: ashby(), url: BOARD_URL });

function salaryComponent(interval: string, extra: Record<string, unknown> = {}) {
  return {
    compensationType: 'Salary',
    interval,
    currencyCode: 'USD',
    minValue: 30,
    maxValue: 40,
    ...extra,
  };
}

describe('ashbyBoardUrl', () => {
  it('asks for the board with compensation, honouring baseUrl', () => {
    expect(ashbyBoardUrl(ashby())).toBe(BOARD_URL);
    expect(ashbyBoardUrl(ashby({ baseUrl: 'http://127.0.0.1:4000' }))).toBe(
      'http://127.0.0.1:4000/posting-api/job-board/tessellate?includeCompensation=true',
    );
  });
});

describe('parseAshbyBoard on the sample fixture', () => {
  it('maps the listed job and skips the unlisted one without a failure', async () => {
    const result = parseAshbyBoard(await readSourceFixture('ashby-board.json'), ctx());
    expect(result.failures).toEqual([]);
    expect(result.skipped).toBe(1);
    expect(result.postings).toEqual([
      {
        key: 'tess:6b7d2c1e-90aa-4f55-b3c2-1e2d3f4a5b6c',
        source: 'tess',
        sourceId: '6b7d2c1e-90aa-4f55-b3c2-1e2d3f4a5b6c',
        url: 'https://jobs.ashbyhq.com/tessellate/6b7d2c1e-90aa-4f55-b3c2-1e2d3f4a5b6c',
        title: 'Staff Machine Learning Engineer',
        company: 'Tessellate Robotics',
        location: 'San Francisco, CA',
        // workplaceType "Hybrid" wins over isRemote: true.
        remote: 'hybrid',
        employmentType: 'FULL_TIME',
        salary: { min: 210000, max: 260000, currency: 'USD', period: 'year' },
        datePosted: '2026-02-20T17:05:12.512Z',
        descriptionText:
          'Tessellate Robotics trains manipulation policies.\n\n- PyTorch\n- 7+ years',
        descriptionHtml:
          '<p><strong>Tessellate Robotics</strong> trains manipulation policies.</p><ul><li>PyTorch</li><li>7+ years</li></ul>',
        descriptionHeadings: [],
      },
    ]);
  });
});

describe('parseAshbyBoard edge cases', () => {
  const job = { id: 'j', title: 'Technician', descriptionHtml: '<p>Fix robots.</p>' };

  it('reads the first Salary component and maps its interval', () => {
    const jobs = [
      { compensation: { summaryComponents: [salaryComponent('1 HOUR')] } },
      {
        compensation: {
          summaryComponents: [
            { compensationType: 'EquityPercentage', interval: 'NONE', minValue: 0.1 },
            salaryComponent('1 MONTH', { currencyCode: 'EUR', minValue: 5000, maxValue: 6000 }),
          ],
        },
      },
      { compensation: { summaryComponents: [salaryComponent('NONE')] } },
      { compensation: { summaryComponents: [salaryComponent('6 MONTH')] } },
      {
        compensation: {
          summaryComponents: [],
          compensationTiers: [{ components: [salaryComponent('1 WEEK', { maxValue: null })] }],
        },
      },
      { compensation: { summaryComponents: [salaryComponent('1 YEAR', { currencyCode: null })] } },
      {},
    ].map((extra, i) => ({ ...job, id: `j${i}`, ...extra }));
    const result = parseAshbyBoard({ jobs }, ctx());
    expect(result.failures).toEqual([]);
    expect(result.postings.map((p) => p.salary)).toEqual([
      { min: 30, max: 40, currency: 'USD', period: 'hour' },
      { min: 5000, max: 6000, currency: 'EUR', period: 'month' },
      undefined,
      undefined,
      { min: 30, currency: 'USD', period: 'week' },
      undefined,
      undefined,
    ]);
  });

  it('uses isRemote only when workplaceType is missing', () => {
    const jobs = [
      { workplaceType: null, isRemote: true },
      { workplaceType: 'Remote', isRemote: false },
      { workplaceType: 'OnSite', isRemote: true },
      { workplaceType: null, isRemote: false, location: 'Austin, TX' },
      { workplaceType: null, isRemote: false, location: 'Remote - Canada' },
    ].map((extra, i) => ({ ...job, id: `j${i}`, ...extra }));
    const result = parseAshbyBoard({ jobs }, ctx());
    expect(result.postings.map((p) => p.remote)).toEqual([
      'remote',
      'remote',
      'onsite',
      undefined,
      'remote',
    ]);
  });

  it('falls back to secondary locations, then the postal address, and to descriptionPlain', () => {
    const result = parseAshbyBoard(
      {
        jobs: [
          {
            ...job,
            id: 'a',
            secondaryLocations: [{ location: 'Remote - US' }, { location: 'Toronto' }],
          },
          {
            id: 'b',
            title: 'Plain',
            descriptionPlain: 'Plain words only.',
            address: { postalAddress: { addressLocality: 'Austin', addressCountry: 'US' } },
          },
        ],
      },
      ctx(),
    );
    expect(result.postings[0]?.location).toBe('Remote - US; Toronto');
    expect(result.postings[1]).toMatchObject({
      location: 'Austin, US',
      descriptionText: 'Plain words only.',
    });
    expect(result.postings[1]).not.toHaveProperty('descriptionHtml');
  });

  it('skips unlisted jobs even when they are malformed, and reports bad listed ones', () => {
    const result = parseAshbyBoard(
      {
        jobs: [
          job,
          { isListed: false, title: null },
          [],
          { id: 'no-title', isListed: true },
          { ...job, id: 'k', jobUrl: 'https://jobs.ashbyhq.com/tessellate/k' },
        ],
      },
      ctx(),
    );
    expect(result.postings.map((p) => p.sourceId)).toEqual(['j', 'k']);
    expect(result.skipped).toBe(1);
    expect(result.failures).toEqual([
      { url: BOARD_URL, reason: 'jobs[2]: expected a job object, received an array of 0 items' },
      {
        url: BOARD_URL,
        sourceId: 'no-title',
        reason: expect.stringMatching(/^invalid posting: title/),
      },
    ]);
  });

  it('throws InputError when there is no jobs array', () => {
    expect(() => parseAshbyBoard({ apiVersion: '1' }, ctx())).toThrow(InputError);
    expect(() => parseAshbyBoard({ apiVersion: '1' }, ctx())).toThrow(
      'ashby source "tess": https://api.ashbyhq.com/posting-api/job-board/tessellate?includeCompensation=true: expected an object with a "jobs" array, received an object with keys "apiVersion"',
    );
  });
});
