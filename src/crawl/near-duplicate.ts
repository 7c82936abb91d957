import { contentFingerprint, type Posting } from '../posting/index.js';
import { tokenize } from '../text/index.js';

/**
 * Near-duplicate detection: a lightly edited copy of a posting (paragraphs reordered,
 * boilerplate changed, another salary line, reposted on another board) is recognised as the
 * posting it copies, so it counts once. MinHash over 4-word shingles of the description text
 * estimates how much two texts share; locality-sensitive hashing (16 bands of 4 of the 64
 * hashes) finds the candidates; a candidate is a copy when the titles share most of their
 * words and the texts at least `MIN_SIMILARITY` of their shingles, or, when the company names
 * (both known) share no word, at least `MIN_SIMILARITY_OTHER_COMPANY`.
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
/** Share of title words two copies have in common at least. */
const MIN_TITLE_OVERLAP = 0.5;

export interface NearDuplicateSignature {
  minhash: number[];
  /** Band keys (`{band}:{hash}`) under which the signature is filed. */
  bands: string[];
  title: string[];
  company: string[];
}

const words = (text: string | undefined): string[] =>
  text === undefined
    ? []
    : tokenize(text.normalize('NFKC')).flatMap((t) => (t.isWord ? [t.norm] : []));

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

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
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

/** The signature of a posting's description, title and company. */
export function nearDuplicateSignature(
  posting: Pick<Posting, 'title' | 'descriptionText'> & { company?: string | undefined },
): NearDuplicateSignature {
  const text = words(posting.descriptionText);
  const shingles = new Set<number>();
  if (text.length < SHINGLE) shingles.add(fnv1a(text.join(' ')));
  for (let i = 0; i + SHINGLE <= text.length; i++) {
    shingles.add(fnv1a(text.slice(i, i + SHINGLE).join(' ')));
  }
  const minhash = SEEDS.map((seed) => {
    let min = 0xffffffff;
    for (const shingle of shingles) {
      const h = mix(shingle, seed);
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
    title: [...new Set(words(posting.title))].sort(),
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
  if (overlap(a.title, b.title) < MIN_TITLE_OVERLAP) return false;
  const sameCompany =
    a.company.length === 0 || b.company.length === 0 || overlap(a.company, b.company) > 0;
  return sameCompany || shared >= MIN_SIMILARITY_OTHER_COMPANY;
}

/** One posting as the index keeps it. */
export interface NearDuplicateEntry extends Omit<NearDuplicateSignature, 'bands'> {
  key: string;
  /** Registration order: of two copies, the one registered first is the original. */
  seq: number;
  /** The fingerprint the posting counts under: its original's. */
  fingerprint: string;
}

/** Where the index keeps its entries: in memory (tests, evaluation) or in Redis (pipeline). */
export interface NearDuplicateStore {
  /** Files `key` under its bands; keeps its sequence number if it has one. Returns it. */
  register(key: string, signature: NearDuplicateSignature, fingerprint: string): Promise<number>;
  /** The keys filed under any of `bands`. */
  candidates(bands: readonly string[]): Promise<string[]>;
  entries(keys: readonly string[]): Promise<NearDuplicateEntry[]>;
  setFingerprint(key: string, fingerprint: string): Promise<void>;
}

export interface NearDuplicateVerdict {
  /** The fingerprint to record the posting under: its own, or that of the posting it copies. */
  fingerprint: string;
  /** The key of the posting it copies, when it is a copy. */
  copyOf?: string;
}

/** Decides, for each posting the crawl finds, which earlier posting (if any) it copies. */
export interface NearDuplicateIndex {
  check(posting: Posting): Promise<NearDuplicateVerdict>;
}

/**
 * An index over `store`. Registration comes before the look-up and the original is the copy
 * registered first, so two crawls that see copies at the same time still agree on which one
 * counts (the later one always sees the earlier one).
 */
export function createNearDuplicateIndex(store: NearDuplicateStore): NearDuplicateIndex {
  return {
    async check(posting) {
      const signature = nearDuplicateSignature(posting);
      const own = contentFingerprint(posting);
      const seq = await store.register(posting.key, signature, own);
      const keys = (await store.candidates(signature.bands)).filter((key) => key !== posting.key);
      let original: NearDuplicateEntry | undefined;
      for (const entry of await store.entries(keys)) {
        if (entry.seq >= seq || !isNearDuplicate(signature, entry)) continue;
        if (original === undefined || entry.seq < original.seq) original = entry;
      }
      const fingerprint = original?.fingerprint ?? own;
      await store.setFingerprint(posting.key, fingerprint);
      return original === undefined ? { fingerprint } : { fingerprint, copyOf: original.key };
    },
  };
}

/** A store kept in this process only. */
export function inMemoryNearDuplicateStore(): NearDuplicateStore {
  const entries = new Map<string, NearDuplicateEntry>();
  const bands = new Map<string, Set<string>>();
  let seq = 0;
  return {
    async register(key, signature, fingerprint) {
      const { bands: keys, ...rest } = signature;
      const known = entries.get(key);
      const entry = {
        ...rest,
        key,
        seq: known?.seq ?? ++seq,
        fingerprint: known?.fingerprint ?? fingerprint,
      };
      entries.set(key, entry);
      for (const band of keys) {
        const set = bands.get(band) ?? new Set<string>();
        set.add(key);
        bands.set(band, set);
      }
      return entry.seq;
    },
    async candidates(keys) {
      return [...new Set(keys.flatMap((band) => [...(bands.get(band) ?? [])]))];
    },
    async entries(keys) {
      return keys.flatMap((key) => {
        const entry = entries.get(key);
        return entry === undefined ? [] : [entry];
      });
    },
    async setFingerprint(key, fingerprint) {
      const entry = entries.get(key);
      if (entry !== undefined) entry.fingerprint = fingerprint;
    },
  };
}
