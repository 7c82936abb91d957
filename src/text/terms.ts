import { stem } from './stem.js';
import { type Token, tokenize } from './tokenize.js';

/** Marks punctuation that ends a phrase (commas, periods, brackets): no phrase spans it. */
export const BREAK = '|';

const KEPT_PUNCTUATION = new Set(['#', '+', '&', '/']);

/**
 * Stemmed terms of tokens, for matching title patterns and responsibility phrases: words are
 * Porter-stemmed, punctuation that is part of a name (C#, C++, R&D, CI/CD, Node.js) is kept,
 * and any other punctuation becomes BREAK. `stems` gives words' stems already looked up.
 */
export function stemTokens(
  tokens: readonly Token[],
  stems?: readonly { readonly stem: string }[],
): string[] {
  const terms: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.isWord) {
      terms[i] = stems?.[i]?.stem ?? stem(token.norm);
    } else if (KEPT_PUNCTUATION.has(token.norm)) {
      terms[i] = token.norm;
    } else if (token.norm === '.' && !token.spaced && tokens[i + 1]?.spaced === false) {
      terms[i] = '.';
    } else {
      terms[i] = BREAK;
    }
  }
  return terms;
}

/** Stemmed terms of a short text (a title pattern or a phrase), without breaks. */
export function stemText(text: string): string[] {
  return stemTokens(tokenize(text)).filter((term) => term !== BREAK);
}
