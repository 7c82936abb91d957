import { describe, expect, it } from 'vitest';
import { wordEntries } from '../../../src/rules/index.js';
import { stem, tokenize, WORD_SLOTS } from '../../../src/text/index.js';
import { shippedRules } from '../extract/helpers.js';

/** Distinct lowercase words: a, b, ..., aa, ab, ... */
function distinctWords(count: number, salt: string): string[] {
  const words: string[] = [];
  for (let i = 0; i < count; i++)
    words.push(`${salt}${i.toString(36).replace(/\d/g, (d) => 'ghijklmnop'[Number(d)] as string)}`);
  return words;
}

describe('word entries', () => {
  it('stay right for every token after the tokeniser has given its slots to other words', () => {
    const rules = shippedRules();
    const before = wordEntries(tokenize('Python and Kubernetes'), rules);
    expect(before[0]?.skillStart).toBeDefined();
    // More distinct words than the tokeniser's table keeps: it is emptied and slots are reused.
    for (let round = 0; round < 3; round++) {
      const text = distinctWords(WORD_SLOTS / 2, `x${round}`).join(' ');
      const tokens = tokenize(text);
      const entries = wordEntries(tokens, rules);
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        const entry = entries[i];
        if (entry?.form !== token?.norm) expect(entry?.form).toBe(token?.norm);
      }
      const again = tokenize('python and kubernetes zzqx');
      const againEntries = wordEntries(again, rules);
      expect(againEntries.map((entry) => entry.form)).toEqual(again.map((token) => token.norm));
      expect(againEntries.map((entry) => entry.stem)).toEqual(
        again.map((token) => stem(token.norm)),
      );
      expect(againEntries[0]?.skillStart).toBeDefined();
      expect(againEntries[3]?.skillStart).toBeUndefined();
    }
  });

  it('gives words with non-ASCII letters and punctuation their entries too', () => {
    const tokens = tokenize('Kenntnisse in Python, Datenbanken (PostgreSQL) und Größe');
    const entries = wordEntries(tokens, shippedRules());
    expect(entries.map((entry) => entry.form)).toEqual(tokens.map((token) => token.norm));
    expect(tokens.some((token) => token.slot === -1 && token.isWord)).toBe(true);
  });
});
