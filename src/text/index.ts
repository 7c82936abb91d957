export {
  type Facet,
  type FacetLines,
  facetBits,
  gatedLinesOfTokens,
  globalGate,
  type LineRange,
} from './facet-gates.js';
export { type LineGate, matchAllOnLines } from './gated-match.js';
export { stem } from './stem.js';
export { BREAK, stemText, stemTokens } from './terms.js';
export { TokenTrie, type TrieNode } from './token-trie.js';
export { type Token, tokenize, WORD_SLOTS } from './tokenize.js';
