import { describe, expect, it } from 'vitest';
import {
  type GreenhouseSource,
  type LeverSource,
  parseGreenhouseBoard,
  parseLeverPage,
} from '../../../src/crawl/adapters/index.js';
import { MAX_NATIVE_ID_LENGTH } from '../../../src/crawl/adapters/posting-fields.js';
import { sourceSchema } from '../../../src/crawl/sources.js';

const greenhouse = sourceSchema.parse({
  id: 'acme',
  type: 'greenhouse',
  board: 'acme',
}) as GreenhouseSource;
const lever = sourceSchema.parse({ id: 'globex', type: 'lever', board: 'globex' }) as LeverSource;
const URL = 'https://example.test/board';

const BAD_IDS: Array<[string, RegExp]> = [
  ['x'.repeat(200_000), /too long \(200000 characters, at most 512\)/],
  ['__proto__', /a reserved name/],
  ['constructor', /a reserved name/],
  ['prototype', /a reserved name/],
  ['REQ 12', /without spaces or control characters/],
  ['a\u0000b', /without spaces or control characters/],
  ['a\nb', /without spaces or control characters/],
  ['<script>', /expected letters, digits and URL punctuation/],
];

describe('native ids at the adapter boundary', () => {
  it('a Greenhouse job with a bad id is a failure with the reason; the others count', () => {
    const jobs = [
      { id: 4012345, title: 'Data Engineer', content: 'Airflow and SQL.' },
      ...BAD_IDS.map(([id]) => ({ id, title: 'Data Engineer', content: 'Airflow and SQL.' })),
    ];
    const result = parseGreenhouseBoard({ jobs }, { source: greenhouse, url: URL });
    expect(result.postings.map((p) => p.key)).toEqual(['acme:4012345']);
    expect(result.failures).toHaveLength(BAD_IDS.length);
    for (const [index, [, reason]] of BAD_IDS.entries()) {
      const failure = result.failures[index];
      expect(failure?.reason).toMatch(/^invalid id a string "/);
      expect(failure?.reason).toMatch(reason);
      // The reason shows at most the id's first 40 characters, and the bad id is not kept.
      expect(failure?.reason.length).toBeLessThan(200);
      expect(failure?.sourceId).toBeUndefined();
    }
  });

  it('a Lever posting with a bad id fails the same way; ids of URL characters pass', () => {
    const item = (id: string) => ({ id, text: 'Data Engineer', descriptionPlain: 'SQL.' });
    const longest = 'a'.repeat(MAX_NATIVE_ID_LENGTH);
    const result = parseLeverPage(
      [
        item('5ac21346-8e0c-4494-8e7a-3eb92ff77902'),
        item('https://careers.example.com/jobs/42?ref=x#data-engineer'),
        item('Stelle-Köln-12'),
        item(longest),
        item(`${longest}a`),
        item('__proto__'),
      ],
      { source: lever, url: URL },
    );
    expect(result.postings).toHaveLength(4);
    expect(result.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/too long \(513 characters/),
      expect.stringMatching(/a reserved name/),
    ]);
  });
});
