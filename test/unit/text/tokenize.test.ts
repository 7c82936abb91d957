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
