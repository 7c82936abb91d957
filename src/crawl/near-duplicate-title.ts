import { tokenize } from '../text/index.js';

/**
 * What the titles of two postings say about whether one copies the other. A copy is the same job
 * posted again: on another board, with a location or "(Remote)" added, with the boilerplate
 * edited. A company's template reused for another role ("Senior Data Engineer" beside "Senior
 * Machine Learning Engineer") or another level of the same role ("Senior" beside "Staff", "Data
 * Engineer 4" beside "Data Engineer 5") is another job, however much of the text they share.
 */

/** Spellings of the words that say a job's level, each mapped to one form. */
const LEVELS = new Map<string, string>([
  ['intern', 'intern'],
  ['interns', 'intern'],
  ['internship', 'intern'],
  ['trainee', 'trainee'],
  ['apprentice', 'apprentice'],
  ['graduate', 'graduate'],
  ['entry', 'entry'],
  ['junior', 'junior'],
  ['jr', 'junior'],
  ['jnr', 'junior'],
  ['associate', 'associate'],
  ['mid', 'mid'],
  ['middle', 'mid'],
  ['intermediate', 'mid'],
  ['experienced', 'experienced'],
  ['senior', 'senior'],
  ['sr', 'senior'],
  ['snr', 'senior'],
  ['staff', 'staff'],
  ['principal', 'principal'],
  ['distinguished', 'distinguished'],
  ['lead', 'lead'],
  ['head', 'head'],
  ['chief', 'chief'],
  ['director', 'director'],
  ['vp', 'vp'],
  ['svp', 'vp'],
  ['evp', 'vp'],
  ['i', 'i'],
  ['ii', 'ii'],
  ['iii', 'iii'],
  ['iv', 'iv'],
  ['v', 'v'],
]);
const LEVEL_FORMS = new Set(LEVELS.values());

/**
 * Words that say how or where the job is done, or join other words, not which job it is: a
 * copy adds or drops them ("Data Engineer (Remote, full-time)").
 */
const NOISE = new Set([
  'remote',
  'remotely',
  'hybrid',
  'onsite',
  'wfh',
  'contract',
  'contractor',
  'freelance',
  'freelancer',
  'temporary',
  'temp',
  'permanent',
  'fulltime',
  'parttime',
  'level',
  'and',
  'or',
  'of',
  'for',
  'the',
  'a',
  'an',
  'in',
  'at',
  'with',
  'to',
]);

/** Phrases the word filters would otherwise miss or misread, rewritten before tokenising. */
const REWRITES: [RegExp, string][] = [
  // Gender markers: (m/f/d), w/m/d, (h/f), f/m/x.
  [/\b[mfwdxh](?:\s*\/\s*[mfwdxh]){1,3}\b/gi, ' '],
  // A workload or remote share ("80-100%", "100% remote") is not a level.
  [/\d+(?:\s*[-–]\s*\d+)?\s*%/g, ' '],
  [/\bfull[\s-]*time\b/gi, 'fulltime'],
  [/\bpart[\s-]*time\b/gi, 'parttime'],
  [/\bon[\s-]site\b/gi, 'onsite'],
  [/\bvice[\s-]+president\b/gi, 'vp'],
];

/** The lowercase words of a text, in order. */
export function normalizedWords(text: string | undefined): string[] {
  const found: string[] = [];
  if (text === undefined) return found;
  for (const token of tokenize(text.normalize('NFKC'))) if (token.isWord) found.push(token.norm);
  return found;
}

const isLevel = (word: string): boolean => LEVEL_FORMS.has(word) || /\d/.test(word);

/**
 * The words of a title as titles are compared: levels in one spelling; noise words, the
 * company's own name and its location (which a board may add to the title) left out. Sorted,
 * each once.
 */
export function titleWords(
  title: string,
  { company, location }: { company?: string | undefined; location?: string | undefined },
): string[] {
  const rewritten = REWRITES.reduce((text, [pattern, by]) => text.replace(pattern, by), title);
  const leaveOut = new Set([...normalizedWords(company), ...normalizedWords(location)]);
  const kept = new Set<string>();
  for (const word of normalizedWords(rewritten)) {
    if (leaveOut.has(word) || NOISE.has(word)) continue;
    kept.add(LEVELS.get(word) ?? word);
  }
  return [...kept].sort();
}

/**
 * `same`: the same levels and the same other words. `similar`: the same levels, and at least
 * half the other words of the title with fewer of them are in the other ("Data Analyst -
 * Contracts" and "Data Analyst - Contracts - San Jose"): a copy only if the texts are nearly the
 * same. `different`: another level or another role.
 */
export type TitleRelation = 'same' | 'similar' | 'different';

/** Share of the other title words two similar titles have in common at least. */
const MIN_TITLE_OVERLAP = 0.5;

export function compareTitles(a: readonly string[], b: readonly string[]): TitleRelation {
  const levelsA = a.filter(isLevel);
  const levelsB = b.filter(isLevel);
  if (levelsA.length !== levelsB.length || levelsA.some((w, i) => w !== levelsB[i])) {
    return 'different';
  }
  const restA = a.filter((w) => !isLevel(w));
  const restB = new Set(b.filter((w) => !isLevel(w)));
  const shared = restA.filter((w) => restB.has(w)).length;
  if (shared === restA.length && shared === restB.size) return 'same';
  const fewer = Math.min(restA.length, restB.size);
  return fewer > 0 && shared / fewer >= MIN_TITLE_OVERLAP ? 'similar' : 'different';
}
