import { INFLECTIONS, nearMiss } from './lexicon.js';
import type { FuzzyIndex } from './types.js';

/**
 * The words of `dictionary` that near-miss matching could read as a skill: those one edit from
 * an alias, and those one of whose inflections is ("require" for "requires" → RequireJS).
 * Sorted, for a stable generated file.
 */
export function englishNearMisses(dictionary: Iterable<string>, fuzzy: FuzzyIndex): string[] {
  const found = new Set<string>();
  const reachable = (word: string) =>
    word.length >= fuzzy.minLength &&
    word.length <= fuzzy.maxLength &&
    nearMiss(word, fuzzy) !== undefined;
  for (const word of dictionary) {
    if (!/^[a-z]+$/.test(word)) continue;
    if (reachable(word)) {
      found.add(word);
      continue;
    }
    for (const [suffix, replacement] of INFLECTIONS) {
      const base = replacement && word.endsWith(replacement) ? word.slice(0, -1) : word;
      if ((replacement === '' || base !== word) && reachable(base + suffix)) {
        found.add(word);
        break;
      }
    }
  }
  return [...found].sort();
}
