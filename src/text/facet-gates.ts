import type { Token } from './tokenize.js';

/**
 * The words each facet's patterns need on a line before they are tried there (see
 * `matchAllOnLines`): every salary has a digit, every years statement "year" or "yr", and so
 * on. Each gate matches inside one word, so a posting already split into tokens finds its gated
 * lines from the tokens (`gatedLinesOfTokens`), which costs nothing once each word's bits are
 * known, instead of searching the whole text once per facet.
 */
export const FACET_GATES = {
  salary: /\d/,
  years: /year|yr/i,
  seniority: /intern|junior|jr|entry|graduate|mid|intermediate|senior|sr|lead|principal|staff/i,
  workplace:
    /remote|hybrid|office|site|hq|headquarters|studio|home|wfh|tele|distributed|anywhere|person/i,
} as const;

export type Facet = keyof typeof FACET_GATES;
const FACETS = Object.keys(FACET_GATES) as Facet[];

/** [start, end) of a line, without its newline. */
export type LineRange = readonly [start: number, end: number];
export type FacetLines = Readonly<Record<Facet, readonly LineRange[]>>;

/** The gates a word opens, one bit per facet in the order of `FACET_GATES`. */
export function facetBits(word: string): number {
  let bits = 0;
  for (let index = 0; index < FACETS.length; index++) {
    if (FACET_GATES[FACETS[index] as Facet].test(word)) bits |= 1 << index;
  }
  return bits;
}

/** The global form of a facet's gate, for searching a text that has no tokens. */
export function globalGate(facet: Facet): RegExp {
  return new RegExp(FACET_GATES[facet].source, `${FACET_GATES[facet].flags}g`);
}

/**
 * The lines each facet's gate opens, from the tokens of `text` and each token's `facetBits`:
 * the same lines, in the same order, as searching `text` with each global gate.
 */
export function gatedLinesOfTokens(
  text: string,
  tokens: readonly Token[],
  bitsOf: (index: number) => number,
): FacetLines {
  const lines: LineRange[][] = FACETS.map(() => []);
  let lineEnd = -1;
  let line: LineRange = [0, 0];
  for (let index = 0; index < tokens.length; index++) {
    const bits = bitsOf(index);
    if (bits === 0) continue;
    const start = (tokens[index] as Token).start;
    if (start >= lineEnd) {
      const newline = text.indexOf('\n', start);
      lineEnd = newline === -1 ? text.length : newline;
      line = [text.lastIndexOf('\n', start - 1) + 1, lineEnd];
    }
    for (let facet = 0; facet < FACETS.length; facet++) {
      if ((bits & (1 << facet)) === 0) continue;
      const found = lines[facet] as LineRange[];
      if (found[found.length - 1] !== line) found.push(line);
    }
  }
  const byFacet = {} as Record<Facet, LineRange[]>;
  FACETS.forEach((facet, index) => {
    byFacet[facet] = lines[index] as LineRange[];
  });
  return byFacet;
}
