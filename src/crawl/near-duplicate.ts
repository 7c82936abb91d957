import type { Posting } from '../posting/index.js';
import { compareTitles, titleWords, normalizedWords as words } from './near-duplicate-title.js';

/**
 * Near-duplicate detection: a lightly edited copy of a posting (paragraphs reordered,
 * boilerplate changed, another salary line, reposted on another board) is recognised as the
 * posting it copies, so it counts once. MinHash over 4-word shingles of the description text
 * estimates how much two texts share; locality-sensitive hashing (16 bands of 4 of the 64
 * hashes) finds the candidates. A candidate is a copy when its title names the same level and
 * the same job (see near-duplicate-title.ts) and the texts share at least `MIN_SIMILARITY` of
 * their shingles, or, when the company names (both known) share no word, at least
 * `MIN_SIMILARITY_OTHER_COMPANY`; when the titles name the same level but differ otherwise,
 * only a nearly identical text (`MIN_SIMILARITY_OTHER_TITLE`) is a copy.
 */
export const MINHASH_SIZE = 64;
const BANDS = 16;
const ROWS = MINHASH_SIZE / BANDS;
const SHINGLE = 4;
/** Estimated Jaccard similarity of the description shingles at or above which texts are copies. */
export const MIN_SIMILARITY = 0.5;
/**
 * With different company names (an aggregator names the employer, the board its owner; a
 * staffing agency reposts) the texts must share this much: a different name needs stronger
 * evidence from the text.
 */
export const MIN_SIMILARITY_OTHER_COMPANY = 0.75;
/**
 * With titles of the same level that otherwise differ, though half the words of the shorter are
 * in the longer, the texts must be nearly the same: a title with a location or team added to
 * the same text is a copy, another role on the employer's template is not.
 */
export const MIN_SIMILARITY_OTHER_TITLE = 0.9;

export interface NearDuplicateSignature {
  minhash: number[];
  /** Band keys (`{band}:{hash}`) under which the signature is filed. */
  bands: string[];
  /** The title's words as titles are compared (`titleWords`). */
  title: string[];
  company: string[];
}

/** Words a company name carries that say nothing of which company it is. */
const COMPANY_NOISE = new Set([
  'inc',
  'ltd',
  'llc',
  'gmbh',
  'co',
  'corp',
  'the',
  'yc',
  'plc',
  'sa',
  'ag',
]);

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv1aOn(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), FNV_PRIME);
  return x;
}

function fnv1a(s: string): number {
  return fnv1aOn(FNV_OFFSET, s) >>> 0;
}

/** `fnv1a` of `words[from, from + count)` joined by spaces, without building that string. */
function fnv1aOfWords(words: readonly string[], from: number, count: number): number {
  let h = FNV_OFFSET;
  for (let j = 0; j < count; j++) {
    if (j > 0) h = Math.imul(h ^ 0x20, FNV_PRIME);
    h = fnv1aOn(h, words[from + j] ?? '');
  }
  return h >>> 0;
}

/** murmur3's finaliser: spreads the bits of `h ^ seed`, one permutation per seed. */
function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: MINHASH_SIZE }, (_, i) => mix(i + 1, 0x9e3779b9));

/** The signature of a posting's description, title and company (and location, left out of the title). */
export function nearDuplicateSignature(
  posting: Pick<Posting, 'title' | 'descriptionText'> & {
    company?: string | undefined;
    location?: string | undefined;
  },
): NearDuplicateSignature {
  const text = words(posting.descriptionText);
  // A shingle met twice is hashed twice: the minimum over them is the same.
  const shingles = new Uint32Array(Math.max(1, text.length - SHINGLE + 1));
  if (text.length < SHINGLE) shingles[0] = fnv1aOfWords(text, 0, text.length);
  for (let i = 0; i + SHINGLE <= text.length; i++) shingles[i] = fnv1aOfWords(text, i, SHINGLE);
  const minhash = SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const h = mix(shingles[i] ?? 0, seed);
      if (h < min) min = h;
    }
    return min;
  });
  const bands = Array.from({ length: BANDS }, (_, band) => {
    const rows = minhash.slice(band * ROWS, (band + 1) * ROWS).join('.');
    return `${band}:${fnv1a(rows).toString(36)}`;
  });
  return {
    minhash,
    bands,
    title: titleWords(posting.title, posting),
    company: [...new Set(words(posting.company).filter((w) => !COMPANY_NOISE.has(w)))].sort(),
  };
}

/** The estimated Jaccard similarity of two signatures' description shingles. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same += 1;
  return same / MINHASH_SIZE;
}

function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  const shared = b.filter((w) => set.has(w)).length;
  return shared / Math.min(a.length, b.length);
}

/** Whether `b` is a copy of `a` (or `a` of `b`): the relation is symmetric. */
export function isNearDuplicate(
  a: Omit<NearDuplicateSignature, 'bands'>,
  b: Omit<NearDuplicateSignature, 'bands'>,
): boolean {
  const shared = similarity(a.minhash, b.minhash);
  if (shared < MIN_SIMILARITY) return false;
  const titles = compareTitles(a.title, b.title);
  if (titles === 'different') return false;
  if (titles === 'similar') return shared >= MIN_SIMILARITY_OTHER_TITLE;
  const sameCompany =
    a.company.length === 0 || b.company.length === 0 || overlap(a.company, b.company) > 0;
  return sameCompany || shared >= MIN_SIMILARITY_OTHER_COMPANY;
}
