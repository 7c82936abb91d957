import { franc } from 'franc-min';
import type { CompiledLanguage } from '../rules/index.js';
import type { Token } from '../text/index.js';

/** Fewer words than this (skills aside) say too little to tell a language: "Senior Python Engineer". */
const MIN_WORDS = 4;
/** Words read for the common-word test; the detector reads at most SAMPLE_CHARS characters. */
const MAX_WORDS = 300;
const SAMPLE_CHARS = 1000;
/** The share of common words of a language that decides it without the detector. */
const COMMON_SHARE = 0.15;

/**
 * The ISO 639-1 code of the language of a text, or null when it is too short or undetermined.
 * Most postings are English and their common words say so at the cost of a few set lookups;
 * only a text where no language of the rules has common words enough goes to the trigram
 * detector (franc-min), which costs about a millisecond for 1,000 characters.
 */
export function detectLanguage(
  text: string,
  tokens: readonly Token[],
  inSkill: Uint8Array,
  languages: ReadonlyMap<string, CompiledLanguage>,
): string | null {
  const known = [...languages.values()].filter((language) => language.commonWords.size > 0);
  const hits = new Int32Array(known.length);
  let words = 0;
  let sampleEnd = 0;
  for (let index = 0; index < tokens.length && words < MAX_WORDS; index++) {
    const token = tokens[index] as Token;
    if (!token.isWord || inSkill[index] === 1 || !startsWithLetter(token.norm)) continue;
    words++;
    sampleEnd = token.end;
    for (let at = 0; at < known.length; at++) {
      if ((known[at] as CompiledLanguage).commonWords.has(token.norm))
        hits[at] = (hits[at] as number) + 1;
    }
    // Most postings say which language they are in long before MAX_WORDS.
    if (words === EARLY_WORDS) {
      const decided = decide(known, hits, words);
      if (decided !== null) return decided;
    }
  }
  if (words < MIN_WORDS) return null;
  return (
    decide(known, hits, words) ??
    toIso6391(franc(text.slice(0, Math.min(Math.max(sampleEnd, 1), SAMPLE_CHARS))))
  );
}

const EARLY_WORDS = 80;

/** The language whose common words are frequent enough, and twice as frequent as any other's. */
function decide(
  known: readonly CompiledLanguage[],
  hits: Int32Array,
  words: number,
): string | null {
  let best = -1;
  let bestHits = 0;
  let secondHits = 0;
  for (let at = 0; at < known.length; at++) {
    const count = hits[at] as number;
    if (count > bestHits) {
      secondHits = bestHits;
      bestHits = count;
      best = at;
    } else if (count > secondHits) {
      secondHits = count;
    }
  }
  if (best === -1 || bestHits < COMMON_SHARE * words || bestHits < 2 * secondHits) return null;
  return (known[best] as CompiledLanguage).code;
}

/** Letters, not digits: "2021" says nothing of a language. */
function startsWithLetter(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return /\p{L}/u.test(word);
}

/** "deu" → "de"; null for "und" and for languages with no two-letter code. */
export function toIso6391(code: string): string | null {
  if (code === 'und') return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(code);
    return canonical !== undefined && /^[a-z]{2}$/.test(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** "German" for "de": the rules' name for a language they know, else the locale data's. */
export function languageName(
  code: string,
  languages: ReadonlyMap<string, CompiledLanguage>,
): string {
  return languages.get(code)?.name ?? displayNames.of(code) ?? code;
}
