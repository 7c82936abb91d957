import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

const MAX_CACHED = 100_000;
/** No word is longer; a longer "word" (text with no spaces) is left as it is, in linear time. */
const MAX_STEMMED = 64;
const cache = new Map<string, string>();

/**
 * Porter stem of a lowercase word. Job ads reuse a small vocabulary, so stems are cached:
 * the stemmer costs microseconds a word, a cache hit nanoseconds.
 */
export function stem(word: string): string {
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed =
      word.length <= 2 || word.length > MAX_STEMMED || !/^[a-z']+$/.test(word)
        ? word
        : PorterStemmer.stem(word);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}
