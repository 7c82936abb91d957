import { describe, expect, it } from 'vitest';
import { MAX_OPEN_ELEMENTS } from '../../../src/posting/html-to-text.js';
import { htmlToText, type TextDocument } from '../../../src/posting/index.js';
import { readSourceFixture } from '../../support/source-fixtures.js';
import { expectOffsetsMapWords } from './offsets.js';

const headingTexts = (doc: TextDocument): string[] =>
  doc.headings.map((h) => doc.text.slice(h.start, h.end));

/** A realistic posting: nested inline tags, entities, lists, headings of both kinds, a table. */
const POSTING = `<div class="posting">
  <h2>Senior Data Engineer &ndash; Platform</h2>
  <p>At <b>Quill&amp;Ink</b>, we&#39;re building   the <a href="https://x.example/?a=1&amp;b=2">data
  platform</a> for <em>legal&nbsp;teams</em>. We use Python,&nbsp;Airflow &amp; dbt.</p>
  <p><strong>What you&#39;ll do:</strong></p>
  <ul>
    <li>Own <strong>Kafka</strong> &amp; Spark pipelines (<i>batch</i>/streaming)</li>
    <li><p>Mentor two engineers</p></li>
    <li>Work with &quot;analytics&quot;&hellip; and <code>SQL&lt;&gt;</code> people</li>
  </ul>
  <h3>Requirements</h3>
  <ol><li>5+ years with Python</li><li>Terraform &#x26; AWS&#160;(S3, IAM)</li></ol>
  <table><tr><th>Level</th><th>Salary</th></tr><tr><td>Senior</td><td>&euro;90k&ndash;&euro;110k</td></tr></table>
  <script>var tracking = "do not read";</script>
  <style>.posting { color: red }</style>
  <p>Caf&eacute; on site. Equal&#8209;opportunity employer.<br>Apply by email.</p>
</div>`;

describe('htmlToText structure', () => {
  it('keeps headings, paragraphs, list items and table rows on their own lines', () => {
    const doc = htmlToText(POSTING);
    expect(doc.text).toBe(
      [
        'Senior Data Engineer – Platform',
        '',
        "At Quill&Ink, we're building the data platform for legal teams. We use Python, Airflow & dbt.",
        '',
        "What you'll do:",
        '',
        '- Own Kafka & Spark pipelines (batch/streaming)',
        '- Mentor two engineers',
        '- Work with "analytics"… and SQL<> people',
        '',
        'Requirements',
        '- 5+ years with Python',
        '- Terraform & AWS (S3, IAM)',
        '',
        'Level | Salary',
        'Senior | €90k–€110k',
        '',
        'Café on site. Equal‑opportunity employer.',
        'Apply by email.',
      ].join('\n'),
    );
    expect(headingTexts(doc)).toEqual([
      'Senior Data Engineer – Platform',
      "What you'll do:",
      'Requirements',
    ]);
  });

  it('matches the hand-derived normalised fixtures (Greenhouse, Lever, HN, JSON-LD)', async () => {
    const records = await readSourceFixture<
      Array<{ descriptionHtml: string; descriptionText: string }>
    >('expected-normalized.json');
    expect(records.length).toBeGreaterThanOrEqual(4);
    for (const record of records) {
      expect(htmlToText(record.descriptionHtml).text).toBe(record.descriptionText);
    }
  });

  it('skips script, style, noscript, template and head content', () => {
    const doc = htmlToText(
      '<html><head><title>Careers</title><style>p{}</style></head><body>' +
        '<p>Visible</p><script>alert("x")</script><noscript>Enable JS</noscript>' +
        '<template><p>Hidden</p></template><p>Also visible</p></body></html>',
    );
    expect(doc.text).toBe('Visible\n\nAlso visible');
  });

  it('turns br into line breaks and never leaves more than one blank line', () => {
    const doc = htmlToText('<br><p>a<br>b<br><br><br><br>c</p><p></p><div></div><p>d</p><br><br>');
    expect(doc.text).toBe('a\nb\n\nc\n\nd');
  });

  it('collapses whitespace and trims lines but keeps pre text', () => {
    const doc = htmlToText(
      '<p>  lots \n\t of   space  </p><pre>\nif (x) {\n    y();   \n}\n</pre>',
    );
    expect(doc.text).toBe('lots of space\n\nif (x) {\n    y();\n}');
    expect(doc.text.split('\n').every((line) => line === line.trimEnd())).toBe(true);
  });

  it('writes nested list items as separate "- " lines and drops empty ones', () => {
    const doc = htmlToText('<ul><li>one<ul><li>one.a</li></ul></li><li></li><li>two</li></ul>');
    expect(doc.text).toBe('- one\n- one.a\n- two');
    expect(doc.headings).toEqual([]);
  });

  it('separates dl terms and definitions onto lines', () => {
    expect(htmlToText('<dl><dt>Stack</dt><dd>Go, Postgres</dd></dl>').text).toBe(
      'Stack\nGo, Postgres',
    );
  });

  it('records bold-only lines as headings but not bold inside text or list items', () => {
    const doc = htmlToText(
      '<p><b>About us</b></p><p><strong>Salary:</strong> 90k</p>' +
        '<ul><li><strong>Python</strong></li></ul>' +
        '<p><strong>A</strong> <strong>B</strong></p>' +
        '<div><strong>Benefits</strong><br>Good pay</div>' +
        '<p><strong>This bold sentence is much too long to be a heading of any posting section.</strong></p>',
    );
    expect(headingTexts(doc)).toEqual(['About us', 'Benefits']);
  });

  it('reads markup nested deeper than the parser keeps open, and what follows it, as usual', () => {
    const depth = MAX_OPEN_ELEMENTS * 4;
    // Beyond the limit: inline, bold, heading, pre, list and script tags, all ignored as tags.
    const inner = '<b><h2><pre><ul><li><script>';
    const closeInner = '</script></li></ul></pre></h2></b>';
    const html =
      `${'<div><span>'.repeat(depth)}${inner}Deep Python${closeInner}${'</span></div>'.repeat(depth)}` +
      '<h3>Requirements</h3><ul><li>Kafka</li></ul><script>hidden</script><p>Apply now.</p>';
    const doc = htmlToText(html);
    // The deep text is kept; the tags around it changed nothing after them.
    expect(doc.text).toContain('Deep Python');
    expect(doc.text.endsWith('Requirements\n- Kafka\n\nApply now.')).toBe(true);
    expect(doc.text).not.toContain('hidden');
    expect(headingTexts(doc)).toEqual(['Requirements']);
    expectOffsetsMapWords(doc, html);
  });

  it('returns an empty document for empty or tag-only input', () => {
    for (const html of ['', '<div><p> </p></div>', '<script>x</script>']) {
      const doc = htmlToText(html);
      expect(doc.text).toBe('');
      expect(Array.from(doc.sourceOffsets)).toEqual([html.length]);
      expect(doc.headings).toEqual([]);
    }
  });
});

describe('htmlToText offsets', () => {
  it('maps every word of a realistic posting back to its source', () => {
    const doc = htmlToText(POSTING);
    expect(expectOffsetsMapWords(doc, POSTING)).toBeGreaterThan(60);
  });

  it('the word check fails on a shifted mapping', () => {
    const doc = htmlToText(POSTING);
    const shifted = doc.sourceOffsets.map((o, i) => (i < doc.text.length ? o + 1 : o));
    expect(() => expectOffsetsMapWords({ ...doc, sourceOffsets: shifted }, POSTING)).toThrow();
  });

  it('maps a decoded entity to its "&" and literal text char by char', () => {
    const html = '<p>We&#39;re &amp; more</p>';
    const doc = htmlToText(html);
    expect(doc.text).toBe("We're & more");
    const offsets = Array.from(doc.sourceOffsets);
    expect(offsets.slice(0, 5)).toEqual([3, 4, 5, 10, 11]);
    const amp = offsets[6] ?? -1;
    expect(html.slice(amp, amp + 5)).toBe('&amp;');
    expect(offsets.at(-1)).toBe(html.length);
  });

  it('maps the "- " of a list item to its <li> tag and a blank line to the closing tag', () => {
    const html = '<p>Intro</p><ul><li>Rust</li></ul>';
    const doc = htmlToText(html);
    expect(doc.text).toBe('Intro\n\n- Rust');
    const dash = doc.text.indexOf('- ');
    expect(doc.sourceOffsets[dash]).toBe(html.indexOf('<li>'));
    expect(doc.sourceOffsets[dash + 1]).toBe(html.indexOf('<li>'));
    expect(doc.sourceOffsets[5]).toBe(html.indexOf('</p>'));
  });

  it('heading ranges cover exactly the heading text', () => {
    const html = '<h1>Title</h1><p>Body text</p><h4>  Spaced   heading </h4><p>more</p>';
    const doc = htmlToText(html);
    expect(headingTexts(doc)).toEqual(['Title', 'Spaced heading']);
    const second = doc.headings[1] ?? { start: 0, end: 0 };
    const from = doc.sourceOffsets[second.start] ?? -1;
    const to = (doc.sourceOffsets[second.end - 1] ?? -2) + 1;
    expect(html.slice(from, to)).toBe('Spaced   heading');
  });

  it('converts a 50 KB posting with consistent offsets', () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 50_000; i++) {
      const section = POSTING.replace('Senior Data Engineer', `Senior Data Engineer ${i}`);
      parts.push(section);
      size += section.length;
    }
    const html = parts.join('\n');
    const doc = htmlToText(html);
    expect(html.length).toBeGreaterThanOrEqual(50_000);
    expect(doc.headings.length).toBe(parts.length * 3);
    expect(doc.text).toContain(`Senior Data Engineer ${parts.length - 1} – Platform`);
    expect(doc.text).not.toContain('do not read');
    expect(doc.text).not.toMatch(/\n\n\n/);
    expectOffsetsMapWords(doc, html);
  });
});
