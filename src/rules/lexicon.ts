import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { facetBits, stem, type Token, type TrieNode, WORD_SLOTS } from '../text/index.js';
import type { CompiledRules, FuzzyIndex, RoleEvidence, SurfaceForm } from './types.js';

/** What the rules know about one normalised token: looked up once per token of a posting. */
export interface WordEntry {
  /** The token's normalised form the entry is for. */
  readonly form: string;
  /** The Porter stem of a word; punctuation as it is. */
  readonly stem: string;
  /** Where a skill-trie walk from this token starts, when some written form begins with it. */
  readonly skillStart: TrieNode<SurfaceForm> | undefined;
  /** Where a phrase-trie walk from this word's stem starts. */
  readonly phraseStart: TrieNode<RoleEvidence> | undefined;
  /** A skill one edit away from this long word ("kubernets"), if any. */
  readonly nearSkill: string | undefined;
  /** The facet gates this word opens (`facetBits`): which facet patterns its line needs. */
  readonly facets: number;
}

const MAX_ENTRIES = 100_000;

/**
 * The entries of one rules: by the tokeniser's word slot (an array index, no hashing) and, for
 * the tokens without one, by their normalised form. A slot is given to another word when the
 * tokeniser empties its table, so an entry found by slot counts only when its form is the token's.
 */
interface Lexicon {
  readonly byForm: Map<string, WordEntry>;
  readonly bySlot: (WordEntry | undefined)[];
}
const lexicons = new WeakMap<CompiledRules, Lexicon>();

function lexiconOf(rules: CompiledRules): Lexicon {
  let lexicon = lexicons.get(rules);
  if (lexicon === undefined) {
    lexicon = { byForm: new Map(), bySlot: new Array(WORD_SLOTS).fill(undefined) };
    lexicons.set(rules, lexicon);
  }
  return lexicon;
}

/**
 * The entry of each token. Job ads reuse a small vocabulary, so entries are kept per rules:
 * one lookup per token replaces a lookup in each trie and in the stem and typo caches.
 */
export function wordEntries(tokens: readonly Token[], rules: CompiledRules): WordEntry[] {
  const { byForm, bySlot } = lexiconOf(rules);
  const entries: WordEntry[] = new Array(tokens.length);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const slot = token.slot;
    let entry = slot >= 0 ? bySlot[slot] : byForm.get(token.norm);
    if (entry === undefined || (slot >= 0 && entry.form !== token.norm)) {
      entry = createEntry(token, rules);
      if (slot >= 0) {
        bySlot[slot] = entry;
      } else {
        if (byForm.size >= MAX_ENTRIES) byForm.clear();
        byForm.set(token.norm, entry);
      }
    }
    entries[index] = entry;
  }
  return entries;
}

function createEntry(token: Token, rules: CompiledRules): WordEntry {
  const word = token.norm;
  if (!token.isWord) {
    return {
      form: word,
      stem: word,
      skillStart: rules.skillTrie.start(word),
      phraseStart: undefined,
      nearSkill: undefined,
      facets: 0,
    };
  }
  const stemmed = stem(word);
  return {
    form: word,
    stem: stemmed,
    skillStart: rules.skillTrie.start(word),
    phraseStart: rules.phraseTrie.start(stemmed),
    nearSkill:
      word.length >= rules.fuzzy.minLength &&
      word.length <= rules.fuzzy.maxLength &&
      /^[a-z]+$/.test(word)
        ? nearestSkill(word, rules)
        : undefined,
    facets: facetBits(word),
  };
}

function nearestSkill(word: string, rules: CompiledRules): string | undefined {
  const skillId = nearMiss(word, rules.fuzzy);
  // "requires" is one edit from RequireJS, "contained" from containerd: ordinary English words
  // (and their inflections) are never typos of a skill.
  return skillId === undefined || isEnglishWord(word, rules.fuzzy.englishWords)
    ? undefined
    : skillId;
}

/** The skill whose alias is one edit (Damerau, restricted) from `word`, by the deletion index. */
export function nearMiss(word: string, fuzzy: FuzzyIndex): string | undefined {
  const { deletions } = fuzzy;
  const candidates = [...(deletions.get(word) ?? [])];
  for (let i = 0; i < word.length; i++) {
    const deletion = word.slice(0, i) + word.slice(i + 1);
    candidates.push(...(deletions.get(deletion) ?? []));
  }
  for (const candidate of candidates) {
    if (candidate.alias[0] !== word[0]) continue;
    if (DamerauLevenshteinDistance(word, candidate.alias, { restricted: true }) === 1) {
      return candidate.skillId;
    }
  }
  return undefined;
}

/** Inflectional endings, each with what may replace it to give the base ("making" → "make"). */
export const INFLECTIONS: readonly (readonly [suffix: string, replacement: string])[] = [
  ['s', ''],
  ['es', ''],
  ['ies', 'y'],
  ['d', ''],
  ['ed', ''],
  ['ied', 'y'],
  ['ing', ''],
  ['ing', 'e'],
  ['er', ''],
  ['ers', ''],
  ['ly', ''],
];

/** Whether `word` or the base it inflects is in `words` (a dictionary, or part of one). */
export function isEnglishWord(word: string, words: ReadonlySet<string>): boolean {
  if (words.has(word)) return true;
  for (const [suffix, replacement] of INFLECTIONS) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) {
      if (words.has(word.slice(0, -suffix.length) + replacement)) return true;
    }
  }
  return false;
}
