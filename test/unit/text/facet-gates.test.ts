import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toTextDocument } from '../../../src/posting/index.js';
import {
  type Facet,
  facetBits,
  gatedLinesOfTokens,
  globalGate,
  type LineRange,
  tokenize,
} from '../../../src/text/index.js';

const FACETS: Facet[] = ['salary', 'years', 'seniority', 'workplace'];

/** The specification: the lines of `text` on which the facet's gate matches somewhere. */
function linesByTextSearch(text: string, facet: Facet): LineRange[] {
  const gate = globalGate(facet);
  const lines: LineRange[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    gate.lastIndex = 0;
    if (gate.test(line)) lines.push([start, start + line.length]);
    start += line.length + 1;
  }
  return lines;
}

function linesByTokens(text: string): Record<Facet, LineRange[]> {
  const tokens = tokenize(text);
  const lines = gatedLinesOfTokens(text, tokens, (index) => facetBits(tokens[index]?.norm ?? ''));
  return Object.fromEntries(FACETS.map((facet) => [facet, [...lines[facet]]])) as Record<
    Facet,
    LineRange[]
  >;
}

describe('facet gates from tokens', () => {
  it('opens the gates of the words that contain them, case aside', () => {
    expect(facetBits('2024')).toBe(1);
    expect(facetBits('Years'.toLowerCase())).toBe(2);
    expect(facetBits('seniority')).toBe(4);
    expect(facetBits('teleworking')).toBe(8);
    expect(facetBits('python')).toBe(0);
  });

  it('finds the lines a search of the text finds, each once and in order', () => {
    const text = [
      'Senior Engineer (Remote) — 5+ years',
      'We work from home; salary €60,000–€70,000 per year.',
      '',
      'Python, SQL',
      'Hybrid: 2 days a week in the office. Mid-level or senior staff welcome.',
      'last line without a newline, 3 yrs',
    ].join('\n');
    const byTokens = linesByTokens(text);
    for (const facet of FACETS) {
      expect(byTokens[facet], facet).toEqual(linesByTextSearch(text, facet));
    }
    expect(byTokens.salary).toHaveLength(4);
    expect(byTokens.workplace.map(([start, end]) => text.slice(start, end))).toEqual([
      'Senior Engineer (Remote) — 5+ years',
      'We work from home; salary €60,000–€70,000 per year.',
      'Hybrid: 2 days a week in the office. Mid-level or senior staff welcome.',
    ]);
  });

  it('agrees with a text search on every labelled posting', () => {
    const postings = readFileSync('test/fixtures/labelled-postings.jsonl', 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { description: string });
    let gated = 0;
    for (const { description } of postings) {
      const { text } = toTextDocument(description);
      const byTokens = linesByTokens(text);
      for (const facet of FACETS) {
        expect(byTokens[facet]).toEqual(linesByTextSearch(text, facet));
        gated += byTokens[facet].length;
      }
    }
    expect(gated).toBeGreaterThan(postings.length);
  });
});
