import { describe, expect, it } from 'vitest';
import {
  decodeEscapedHtml,
  htmlToText,
  looksLikeEscapedHtml,
  looksLikeHtml,
  toTextDocument,
} from '../../../src/posting/index.js';
import { type ExpectedRecord, readSourceFixture } from '../../support/source-fixtures.js';
import { expectOffsetsMapWords } from './offsets.js';

interface GreenhouseJobs {
  jobs: Array<{ id: number; content: string }>;
}
describe('format detection', () => {
  it('recognises HTML by its tags, not by any angle bracket', () => {
    expect(looksLikeHtml('<p>Hello</p>')).toBe(true);
    expect(looksLikeHtml('Line one<br/>Line two')).toBe(true);
    expect(looksLikeHtml('<H2 class="x">Title</H2>')).toBe(true);
    expect(looksLikeHtml('<strong>Bold</strong> text')).toBe(true);
    expect(looksLikeHtml('Salary < 100k and > 50k; use List<T> in C#')).toBe(false);
    expect(looksLikeHtml('Plain text posting.')).toBe(false);
  });

  it('recognises entity-escaped HTML only when there is no real tag', () => {
    expect(looksLikeEscapedHtml('&lt;p&gt;Hello&lt;/p&gt;')).toBe(true);
    expect(looksLikeEscapedHtml('&lt;div class=&quot;x&quot;&gt;Hi')).toBe(true);
    expect(looksLikeEscapedHtml('<p>Use &lt;p&gt; tags</p>')).toBe(false);
    expect(looksLikeEscapedHtml('Tom &amp; Jerry &lt; 3')).toBe(false);
  });
});

describe('decodeEscapedHtml', () => {
  it('decodes exactly once and leaves anything else unchanged', () => {
    const escaped = '&lt;p&gt;We&amp;#39;re &amp;amp; co&lt;/p&gt;';
    const once = decodeEscapedHtml(escaped);
    expect(once).toBe('<p>We&#39;re &amp; co</p>');
    expect(decodeEscapedHtml(once)).toBe(once);
    expect(decodeEscapedHtml('Tom &amp; Jerry')).toBe('Tom &amp; Jerry');
  });
});

describe('toTextDocument', () => {
  it('decodes Greenhouse content once and converts it like the expected record', async () => {
    const { jobs } = await readSourceFixture<GreenhouseJobs>('greenhouse-jobs.json');
    const expected = await readSourceFixture<ExpectedRecord[]>('expected-normalized.json');
    const greenhouse = expected.find((r) => r.source === 'greenhouse');
    const first = jobs[0];
    if (first === undefined || greenhouse === undefined) throw new Error('fixture changed');

    expect(first.content).toContain('&lt;p&gt;');
    const doc = toTextDocument(first.content);
    expect(doc.format).toBe('escaped-html');
    expect(doc.source).toBe(greenhouse.descriptionHtml);
    expect(decodeEscapedHtml(first.content)).toBe(greenhouse.descriptionHtml);
    expect(doc.text).toBe(greenhouse.descriptionText);
    expect(doc.text).not.toMatch(/&\w+;|&#\d+;|<\/?\w/);
    expect(doc.headings.map((h) => doc.text.slice(h.start, h.end))).toEqual(['About the role']);
    // Offsets index into the decoded HTML (doc.source), not into the escaped input.
    expectOffsetsMapWords(doc, doc.source);
  });

  it('converts every Greenhouse job without leftover markup', async () => {
    const { jobs } = await readSourceFixture<GreenhouseJobs>('greenhouse-jobs.json');
    expect(jobs.length).toBeGreaterThan(1);
    for (const job of jobs) {
      const doc = toTextDocument(job.content);
      expect(doc.format).toBe('escaped-html');
      expect(doc.text).not.toMatch(/&(?:lt|gt|amp|nbsp|ndash|#\d+);|<\/?\w/);
      expectOffsetsMapWords(doc, doc.source);
    }
    const second = toTextDocument(jobs[1]?.content ?? '');
    expect(second.text).toContain('Salary: EUR 52.000 – 60.000 per year.');
  });

  it('treats real HTML as HTML with offsets into the input', () => {
    const html = '<p>Hello &amp; welcome</p><ul><li>Go</li></ul>';
    const doc = toTextDocument(html);
    expect(doc.format).toBe('html');
    expect(doc.source).toBe(html);
    expect(doc.text).toBe(htmlToText(html).text);
    expect(doc.text).toBe('Hello & welcome\n\n- Go');
  });

  it('keeps plain text unchanged with identity offsets', () => {
    const text = '  Senior engineer &amp; mentor\r\n\n\n  Tabs\tstay.  ';
    const doc = toTextDocument(text);
    expect(doc.format).toBe('text');
    expect(doc.text).toBe(text);
    expect(Array.from(doc.sourceOffsets)).toEqual(
      Array.from({ length: text.length + 1 }, (_, i) => i),
    );
  });

  it('finds plain-text headings by line heuristics', () => {
    const text = [
      'About us',
      'We build tools for lawyers.',
      '',
      'REQUIREMENTS',
      '- 5 years of SQL',
      '- AWS',
      '',
      "What you'll do:",
      'Ship code.',
      '',
      '## Benefits',
      'Good pay.',
      '',
      '**Perks**',
      'Free lunch.',
      'This sentence is a long line that happens to end with a colon:',
      'Not a heading above.',
      'Salary: 90k',
      '',
      'Apply here:',
    ].join('\n');
    const doc = toTextDocument(text);
    expect(doc.format).toBe('text');
    expect(doc.headings.map((h) => text.slice(h.start, h.end))).toEqual([
      'REQUIREMENTS',
      "What you'll do:",
      '## Benefits',
      '**Perks**',
    ]);
  });

  it('trims heading ranges and ignores headings with nothing after them', () => {
    const text = '  Requirements:  \r\n  Python\r\nTRAILING CAPS\n\n';
    const doc = toTextDocument(text);
    expect(doc.headings).toEqual([{ start: 2, end: 15 }]);
  });
});
