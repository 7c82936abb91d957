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

const WIDGET = 'https://apply.workable.com/api/v1/widget/accounts/harborlight?details=true';
const JOB = 'https://apply.workable.com/api/v2/accounts/harborlight/jobs/EDGE000002';
const config = (extra: Record<string, unknown> = {}) =>
  source({ id: 'harborlight', type: 'workable', account: 'harborlight', ...extra });
const json = async (name: string) => JSON.parse(await readSourceText(name)) as object;

describe('workable', () => {
  it('maps the sample widget like its expected postings, in one request', async () => {
    serve(WIDGET, { body: await json('workable-widget.json') });
    const { report, postings } = await crawl(config());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/workable-widget.expected.json',
    );
    expect(postings.map((p) => p.remote)).toEqual(['remote', undefined]);
    expect(report).toMatchObject({ complete: true, pages: { ok: 1 }, postings: { found: 2 } });
    expect(requested).toEqual([WIDGET]);
  });

  it('decodes entities, drops scripts, fetches the details of a job listed without a description, and counts bad jobs with a reason', async () => {
    serve(WIDGET, { body: await json('workable-edge.json') });
    serve(JOB, { body: await json('workable-job.json') });
    const { report, postings, listed } = await crawl(config());
    await expect(`${JSON.stringify(postings.map(plain), null, 2)}\n`).toMatchFileSnapshot(
      '../../fixtures/sources/workable-edge.expected.json',
    );
    const [edge, minimal] = postings;
    expect(edge?.title).toBe('Clinic Data Engineer & Analyst');
    expect(edge?.descriptionText).toContain("Tom & Jerry's clinic team: <Python> & SQL.");
    expect(edge?.descriptionText).not.toContain('track()');
    // Missing optional fields stay absent; the details fill the description.
    expect(minimal).not.toHaveProperty('location');
    expect(minimal).not.toHaveProperty('datePosted');
    expect(minimal?.descriptionText).toContain('Spanish & English');
    expect(report.postings).toMatchObject({ found: 2, failed: 3 });
    expect(report.failures.map((f) => f.reason)).toEqual([
      'jobs[2].title: expected a non-empty string, received nothing',
      'jobs[3].shortcode: expected a non-empty string, received 42',
      'jobs[4]: expected an object, received "not a job"',
    ]);
    expect(report.failures[0]).toMatchObject({ sourceId: 'EDGE000003' });
    expect(listed).toContain('harborlight:EDGE000003');
    expect(requested).toEqual([WIDGET, JOB]);
  });

  it('asks for no more job details than maxPostings allows, and says it was truncated', async () => {
    serve(WIDGET, { body: await json('workable-edge.json') });
    const { report, postings } = await crawl(config({ maxPostings: 1 }));
    expect(postings.map((p) => p.sourceId)).toEqual(['EDGE000001']);
    expect(report).toMatchObject({ truncated: true, complete: false });
    expect(requested).toEqual([WIDGET]);
  });

  it('does not retry a response of another shape', async () => {
    serve(WIDGET, { body: { error: 'gone' } });
    const { report } = await crawl(config());
    expect(report.pages).toMatchObject({ failed: 1, gaveUp: 0 });
    expect(report.failures[0]?.reason).toMatch(/expected an object with a "jobs" array/);
    expect(requested).toHaveLength(1);
  });
});

describeRetries('workable', () => ({
  config: config(),
  url: WIDGET,
  ok: {
    body: {
      name: 'Harborlight Health',
      jobs: [{ shortcode: 'A1', title: 'Nurse', description: '<p>Care.</p>' }],
    },
  },
  postings: 1,
}));
