export { stem } from './stem.js';
export { BREAK, stemText, stemTokens } from './terms.js';
export { TokenTrie } from './token-trie.js';
export { type Token, tokenize } from './tokenize.js';
