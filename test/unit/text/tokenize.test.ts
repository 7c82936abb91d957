import { describe, expect, it } from 'vitest';
import { stemText, tokenize } from '../../../src/text/index.js';

describe('tokenize', () => {
  it('keeps words whole and punctuation as single tokens with offsets', () => {
    const text = 'Node.js, C++ and C# — JavaScript';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.norm)).toEqual([
      'node',
      '.',
      'js',
      ',',
      'c',
      '+',
      '+',
      'and',
      'c',
      '#',
      '-',
      'javascript',
    ]);
    for (const token of tokens) {
      expect(text.slice(token.start, token.end).toLowerCase().replace('—', '-')).toBe(token.norm);
    }
  });

  it('records whether a token is glued to the one before and line breaks', () => {
    const [c, plus, , next] = tokenize('C+ +\nGo');
    expect(c?.spaced).toBe(true);
    expect(plus?.spaced).toBe(false);
    expect(next?.lineBreak).toBe(true);
    expect(next?.norm).toBe('go');
  });

  it('keeps inner apostrophes in words', () => {
    expect(tokenize("bachelor's don’t").map((token) => token.norm)).toEqual([
      "bachelor's",
      "don't",
    ]);
  });
});

describe('stemText', () => {
  it('stems words so that inflections match', () => {
    expect(stemText('building data pipelines')).toEqual(stemText('build data pipeline'));
  });
});

describe('tokenize: words seen before', () => {
  it('lowercases every ASCII word right, through collisions and after the table is emptied', () => {
    // 70,000 distinct words: more than the table holds, so it is emptied along the way.
    const words = Array.from({ length: 70_000 }, (_, n) => `W${n.toString(36)}x${n % 7}`);
    const text = words.join(' ');
    for (const pass of [1, 2]) {
      const norms = tokenize(text).map((token) => token.norm);
      expect(norms, `pass ${pass}`).toEqual(words.map((word) => word.toLowerCase()));
    }
  });

  it('gives one form to a word in any case, and keeps apostrophes and non-ASCII words apart', () => {
    const norms = tokenize("Python PYTHON python pyThon don't DON'T don’t Zürich ZÜRICH").map(
      (token) => token.norm,
    );
    expect(norms).toEqual([
      'python',
      'python',
      'python',
      'python',
      "don't",
      "don't",
      "don't",
      'zürich',
      'zürich',
    ]);
  });
});
