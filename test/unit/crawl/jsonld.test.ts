import { describe, expect, it } from 'vitest';
import {
  type JsonLdSource,
  parseJobPostingPage,
  parseLenientJson,
} from '../../../src/crawl/adapters/index.js';
import { sourceSchema } from '../../../src/crawl/sources.js';
import { type ExpectedRecord, readSourceText as readText } from '../../support/source-fixtures.js';

const source = sourceSchema.parse({
  id: 'orbital',
  type: 'jsonld',
  url: 'https://careers.orbitalledger.example/sitemap-index.xml',
  company: 'Configured Co',
}) as JsonLdSource;

const PAGE =
  'https://careers.orbitalledger.example/jobs/senior-platform-engineer-7731?utm_source=x';
const LISTING = 'https://cobaltbakery.example/jobs';

/** A page with one JSON-LD block per string. */
function page(blocks: string[], head = ''): string {
  const scripts = blocks.map((b) => `<script type="application/ld+json">${b}</script>`).join('\n');
  return `<!DOCTYPE html><html><head>${head}${scripts}</head><body><h1>Jobs</h1></body></html>`;
}

function jobPosting(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: 'Baker',
    description: '<p>Bake bread.</p>',
    ...extra,
  });
}

describe('parseJobPostingPage on jsonld-jobposting.html', () => {
  it('keeps the one real JobPosting, mapped like the expected record', async () => {
    const html = await readText('jsonld-jobposting.html');
    const expected = JSON.parse(await readText('expected-normalized.json')).find(
      (r: ExpectedRecord) => r.source === 'jsonld',
    ) as ExpectedRecord;
    const result = parseJobPostingPage(html, {
      source,
      url: PAGE,
      now: new Date('2026-03-02T12:00:00Z'),
    });
    expect(result.failures).toEqual([]);
    expect(result.skipped).toBe(0);
    // Block 1 is noise; block 3 (invalid JSON, repaired) repeats block 2 and merges into it.
    expect(result.postings).toEqual([
      {
        key: 'orbital:REQ-7731',
        source: 'orbital',
        sourceId: 'REQ-7731',
        url: expected.url,
        title: expected.title,
        company: expected.company,
        location: expected.location,
        remote: 'remote',
        employmentType: expected.employmentType,
        salary: expected.salary,
        datePosted: expected.datePosted,
        descriptionText: expected.descriptionText,
        descriptionHtml: expected.descriptionHtml,
        descriptionHeadings: [],
      },
    ]);
  });

  it('skips the posting once validThrough has passed, and only when now is given', async () => {
    const html = await readText('jsonld-jobposting.html');
    const late = parseJobPostingPage(html, {
      source,
      url: PAGE,
      now: new Date('2026-05-01T00:00:00Z'),
    });
    expect(late.postings).toEqual([]);
    expect(late.skipped).toBe(1);
    expect(parseJobPostingPage(html, { source, url: PAGE }).postings).toHaveLength(1);
  });
});

describe('parseJobPostingPage on jsonld-jobposting-variants.html', () => {
  it('finds postings in @graph and in a top-level array, with every variant mapped', async () => {
    const html = await readText('jsonld-jobposting-variants.html');
    const result = parseJobPostingPage(html, { source, url: LISTING });
    expect(result.failures).toEqual([]);
    const [lead, pastry, driver] = result.postings;
    expect(result.postings).toHaveLength(3);
    expect(lead).toMatchObject({
      sourceId: 'https://cobaltbakery.example/jobs/shift-lead#job',
      url: LISTING,
      title: 'Bakery Shift Lead',
      company: 'Cobalt Bakery Co.',
      location: '12 Harbour St, Portland, ME 04101, US',
      employmentType: 'FULL_TIME',
      salary: { min: 21.5, max: 21.5, currency: 'USD', period: 'hour' },
      datePosted: '2026-03-01T06:00:00.000Z',
      descriptionText: 'Lead the 5am shift.\n\nWeekend availability required.',
    });
    expect(pastry).toMatchObject({
      title: 'Pastry Cook (Part-time)',
      location: 'Portland, ME, US',
      employmentType: 'PART_TIME',
      salary: { min: 19, max: 19, currency: 'USD', period: 'hour' },
      datePosted: '2026-02-20',
      descriptionText: 'Part-time, 24 hours/week.',
    });
    expect(pastry).not.toHaveProperty('descriptionHtml');
    expect(driver).toMatchObject({
      title: 'Delivery Driver',
      location: 'South Portland, ME, US',
      employmentType: 'TEMPORARY',
      salary: { min: 38000, max: 42000, currency: 'USD', period: 'year' },
    });
    // "03/02/2026" could be 3 Feb or 2 Mar: left out rather than guessed.
    expect(driver).not.toHaveProperty('datePosted');
  });

  it('gives postings that share the page URL distinct, stable sourceIds', async () => {
    const html = await readText('jsonld-jobposting-variants.html');
    const result = parseJobPostingPage(html, { source, url: LISTING });
    expect(result.postings.slice(1).map((p) => p.key)).toEqual([
      'orbital:https://cobaltbakery.example/jobs#pastry-cook-part-time',
      'orbital:https://cobaltbakery.example/jobs#delivery-driver',
    ]);
  });

  it('skips only the expired posting', async () => {
    const html = await readText('jsonld-jobposting-variants.html');
    const result = parseJobPostingPage(html, {
      source,
      url: LISTING,
      now: new Date('2026-03-21T00:00:00Z'),
    });
    expect(result.postings.map((p) => p.title)).toEqual(['Bakery Shift Lead', 'Delivery Driver']);
    expect(result.skipped).toBe(1);
    const lastDay = parseJobPostingPage(html, {
      source,
      url: LISTING,
      now: new Date('2026-03-20T23:00:00Z'),
    });
    expect(lastDay.postings).toHaveLength(3);
  });
});

describe('parseJobPostingPage edge cases', () => {
  it('reports a block that is not JSON even after repair and still reads the others', () => {
    const html = page(['{"@type": "JobPosting", "title": "The "Best" job"}', jobPosting()]);
    const result = parseJobPostingPage(html, { source, url: LISTING });
    expect(result.postings.map((p) => p.title)).toEqual(['Baker']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.url).toBe(LISTING);
    expect(result.failures[0]?.reason).toMatch(/^JSON-LD block 1 of 2 is not valid JSON: /);
    expect(result.failures[0]?.reason).not.toContain('\n');
  });

  it('repairs comments, trailing commas, wrappers and raw control characters', () => {
    const blocks = [
      '<!-- {"@type": "JobPosting", "title": "Commented", "description": "x"} -->',
      '//<![CDATA[\n{"@type": "JobPosting", "title": "Cdata", "description": "y"}\n//]]>',
      '{ /* block */ "@type": "JobPosting", // line comment\n "title": "Comments", "employmentType": ["PART_TIME",], }',
      '{"@type": "JobPosting", "title": "Tabs\tand\nnewlines", "description": "It\'s a \\\'quote\\\'"}',
    ];
    const result = parseJobPostingPage(page(blocks), { source, url: LISTING });
    expect(result.failures).toEqual([]);
    expect(result.postings.map((p) => p.title)).toEqual([
      'Commented',
      'Cdata',
      'Comments',
      'Tabs\tand\nnewlines',
    ]);
    expect(result.postings[2]?.employmentType).toBe('PART_TIME');
    expect(result.postings[3]?.descriptionText).toBe("It's a 'quote'");
  });

  it('follows mainEntity and ItemList, matches @type case-insensitively and ignores other types', () => {
    const blocks = [
      JSON.stringify({ '@type': 'WebPage', mainEntity: JSON.parse(jobPosting({ title: 'Main' })) }),
      JSON.stringify({
        '@type': 'ItemList',
        itemListElement: [
          {
            '@type': 'ListItem',
            item: JSON.parse(jobPosting({ title: 'Listed', url: '/jobs/1' })),
          },
          { '@type': 'ListItem', item: { '@type': 'Thing', title: 'Not a job' } },
        ],
      }),
      jobPosting({ '@type': 'schema:jobposting', title: 'Prefixed' }),
      JSON.stringify({ '@type': 'Organization', name: 'Cobalt' }),
    ];
    const result = parseJobPostingPage(page(blocks), { source, url: LISTING });
    expect(result.postings.map((p) => p.title)).toEqual(['Main', 'Listed', 'Prefixed']);
    expect(result.postings[1]).toMatchObject({
      sourceId: 'https://cobaltbakery.example/jobs/1',
      url: 'https://cobaltbakery.example/jobs/1',
    });
  });

  it('decodes an entity-escaped description exactly once', () => {
    const html = page([jobPosting({ description: '&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;' })]);
    const [posting] = parseJobPostingPage(html, { source, url: LISTING }).postings;
    expect(posting?.descriptionHtml).toBe('<p>Fish &amp; chips</p>');
    expect(posting?.descriptionText).toBe('Fish & chips');
  });

  it('takes ids from identifier, then canonical, and company from the source as a fallback', () => {
    const head = '<link rel="canonical" href="/jobs/baker-12">';
    const byString = parseJobPostingPage(page([jobPosting({ identifier: 'B-12' })], head), {
      source,
      url: `${LISTING}?ref=home`,
    });
    expect(byString.postings[0]).toMatchObject({
      sourceId: 'B-12',
      url: 'https://cobaltbakery.example/jobs/baker-12',
      company: 'Configured Co',
    });
    const byNumber = parseJobPostingPage(
      page([jobPosting({ identifier: { '@type': 'PropertyValue', value: 12 } })]),
      { source, url: LISTING },
    );
    expect(byNumber.postings[0]?.sourceId).toBe('12');
    const byCanonical = parseJobPostingPage(page([jobPosting()], head), {
      source,
      url: `${LISTING}?ref=home`,
    });
    expect(byCanonical.postings[0]?.key).toBe('orbital:https://cobaltbakery.example/jobs/baker-12');
  });

  it('leaves salary out when the currency or unit is missing, and keeps the posting', () => {
    const blocks = [
      jobPosting({ title: 'No currency', baseSalary: { value: { value: 20, unitText: 'HOUR' } } }),
      jobPosting({ title: 'No unit', baseSalary: { currency: 'USD', value: 50000 } }),
      jobPosting({
        title: 'Posting currency',
        salaryCurrency: 'GBP',
        baseSalary: { value: { minValue: '30 000', maxValue: '35 000', unitText: 'YEAR' } },
      }),
    ];
    const result = parseJobPostingPage(page(blocks), { source, url: LISTING });
    expect(result.postings.map((p) => p.salary)).toEqual([
      undefined,
      undefined,
      { min: 30000, max: 35000, currency: 'GBP', period: 'year' },
    ]);
  });

  it('reads remote, locations and dates in their other forms', () => {
    const html = page([
      jobPosting({
        jobLocationType: ['TELECOMMUTE'],
        applicantLocationRequirements: { '@type': 'Country', name: 'Canada' },
        datePosted: '2026-03-02T09:30:00+0100',
        hiringOrganization: [{ '@type': 'Organization', name: 'Cobalt' }],
      }),
    ]);
    const [posting] = parseJobPostingPage(html, { source, url: LISTING }).postings;
    expect(posting).toMatchObject({
      remote: 'remote',
      location: 'Canada',
      datePosted: '2026-03-02T08:30:00.000Z',
      company: 'Cobalt',
    });
  });

  it('reports a JobPosting without a title and returns nothing for pages without JSON-LD', () => {
    const result = parseJobPostingPage(page([jobPosting({ title: '' })]), {
      source,
      url: LISTING,
    });
    expect(result.postings).toEqual([]);
    expect(result.failures).toEqual([
      { url: LISTING, sourceId: LISTING, reason: expect.stringMatching(/^invalid posting: title/) },
    ]);
    expect(parseJobPostingPage('<html><body>Hi</body></html>', { source, url: LISTING })).toEqual({
      postings: [],
      failures: [],
      skipped: 0,
    });
  });
});

describe('parseLenientJson', () => {
  it('parses valid JSON unchanged and throws a one-line SyntaxError when unrepairable', () => {
    expect(parseLenientJson('{"a": "b, }"}')).toEqual({ a: 'b, }' });
    expect(parseLenientJson('{"url": "https://x.example/a//b", }')).toEqual({
      url: 'https://x.example/a//b',
    });
    expect(() => parseLenientJson('{"a": }')).toThrow(SyntaxError);
  });
});
