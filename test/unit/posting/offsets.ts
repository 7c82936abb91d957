import { decodeHTML } from 'entities';
import { expect } from 'vitest';
import type { TextDocument } from '../../../src/posting/index.js';

/** Text of an HTML fragment: tags removed, entities decoded, whitespace collapsed. */
function fragmentText(fragment: string): string {
  return decodeHTML(fragment.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Checks the offset contract of `doc` against `html`, for every word of `doc.text`:
 * offsets are non-decreasing and inside `html`, the last is `html.length`, and the source of
 * each word, `html.slice(offsets[start], offsets[end - 1] + 1)` (extended to the end of an
 * entity when the word's last char came from one), reads as that word once tags are removed and
 * entities decoded. The `- ` and ` | ` chars written for list items and table cells map to a tag.
 * Returns the number of words checked.
 */
export function expectOffsetsMapWords(doc: TextDocument, html: string): number {
  const { text, sourceOffsets: offsets } = doc;
  expect(offsets.length).toBe(text.length + 1);
  expect(offsets[text.length]).toBe(html.length);
  for (let i = 1; i < offsets.length; i++) {
    const previous = offsets[i - 1] as number;
    const current = offsets[i] as number;
    if (current < previous || current > html.length || previous < 0) {
      expect.fail(`offsets not monotonic at ${i}: ${previous} then ${current}`);
    }
  }
  let checked = 0;
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    const first = offsets[start] as number;
    if (word === '-' || word === '|') {
      expect(html[first], `synthetic "${word}" at ${start}`).toBe('<');
      continue;
    }
    let last = (offsets[end - 1] as number) + 1;
    if (html[last - 1] === '&') last = html.indexOf(';', last) + 1;
    const source = html.slice(first, last);
    expect(fragmentText(source), `source of "${word}" at ${start}: ${source}`).toBe(word);
    checked++;
  }
  return checked;
}
