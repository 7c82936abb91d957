import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/classify/index.js';
import {
  parseAshbyBoard,
  parseGreenhouseBoard,
  parseLeverPage,
  parseSources,
} from '../../../src/crawl/index.js';
import { syntheticGreenhouseBoard } from '../../../src/demo/index.js';
import { postingText } from '../../../src/pipeline/process-posting.js';
import type { Posting } from '../../../src/posting/index.js';
import { loadRules } from '../../../src/rules/index.js';

const rules = loadRules();
const sources = parseSources(
  {
    sources: [
      { id: 'gh', type: 'greenhouse', board: 'acme' },
      { id: 'lv', type: 'lever', board: 'globex', company: 'Globex' },
      { id: 'ab', type: 'ashby', board: 'initech', company: 'Initech' },
    ],
  },
  'test',
);
const board = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/boards/${path}`, import.meta.url), 'utf8'));
const [gh, lv, ab] = sources;
if (gh?.type !== 'greenhouse' || lv?.type !== 'lever' || ab?.type !== 'ashby') {
  throw new Error('unexpected sources');
}
const url = 'http://boards.test';
const postings: Posting[] = [
  ...parseGreenhouseBoard(board('greenhouse/acme.json'), { source: gh, url }).postings,
  ...parseLeverPage(board('lever/globex.json'), { source: lv, url }).postings,
  ...parseAshbyBoard(board('ashby/initech.json'), { source: ab, url }).postings,
  ...parseGreenhouseBoard(syntheticGreenhouseBoard(300, 11), { source: gh, url }).postings,
];

/** The enrichment without character offsets, which index different strings on the two paths. */
function withoutOffsets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOffsets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'start' && key !== 'end')
      .map(([key, inner]) => [key, withoutOffsets(inner)]),
  );
}

describe('postingText: the process worker reads the text the crawl made from the HTML', () => {
  it('takes the crawled text and headings for HTML postings', () => {
    const htmlPostings = postings.filter((p) => p.descriptionHtml !== undefined);
    expect(htmlPostings.length).toBeGreaterThan(300);
    expect(htmlPostings.some((p) => (p.descriptionHeadings?.length ?? 0) > 0)).toBe(true);
    for (const posting of htmlPostings) {
      const text = postingText(posting);
      expect(text.document?.text).toBe(posting.descriptionText);
      expect(text.document?.headings).toBe(posting.descriptionHeadings);
    }
  });

  it('gives the same roles, scores, reasons, skills, levels and facets as the HTML', () => {
    let compared = 0;
    for (const posting of postings) {
      if (posting.descriptionHtml === undefined) continue;
      const fromHtml = enrich(
        { title: posting.title, description: posting.descriptionHtml },
        rules,
      );
      const fromText = enrich(postingText(posting), rules);
      expect(withoutOffsets(fromText)).toEqual(withoutOffsets(fromHtml));
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('parses the HTML when a posting carries no headings (queued by an older crawl)', () => {
    const posting = postings.find((p) => p.descriptionHtml !== undefined) as Posting;
    const { descriptionHeadings: _, ...older } = posting;
    expect(postingText(older)).toEqual({
      title: posting.title,
      description: posting.descriptionHtml,
    });
  });

  it('reads plain-text postings as they are', () => {
    const posting: Posting = {
      key: 'hn:1',
      source: 'hn',
      sourceId: '1',
      title: 'Data Engineer',
      descriptionText: 'Requirements:\n- Airflow and dbt',
    };
    expect(postingText(posting)).toEqual({
      title: 'Data Engineer',
      description: 'Requirements:\n- Airflow and dbt',
    });
  });
});
