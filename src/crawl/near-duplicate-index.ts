import { contentFingerprint, type Posting } from '../posting/index.js';
import {
  isNearDuplicate,
  type NearDuplicateSignature,
  nearDuplicateSignature,
} from './near-duplicate.js';

/** One posting as the index keeps it. */
export interface NearDuplicateEntry extends Omit<NearDuplicateSignature, 'bands'> {
  key: string;
  /** Registration order: of two copies, the one registered first is the original. */
  seq: number;
  /** The fingerprint the posting counts under: its original's. */
  fingerprint: string;
}

/** A posting to file in the index: its key, signature and own fingerprint. */
export interface NearDuplicateRegistration {
  key: string;
  signature: NearDuplicateSignature;
  fingerprint: string;
}

/** An earlier posting filed under one of a posting's bands. */
export interface NearDuplicateCandidate {
  key: string;
  seq: number;
}

/** What registering a posting tells: its sequence number and its earlier candidates. */
export interface NearDuplicateFiling {
  seq: number;
  /** The postings filed under any of its bands with a lower sequence number, in any order. */
  earlier: NearDuplicateCandidate[];
}

/**
 * Where the index keeps its entries: in memory (tests, evaluation) or in Redis (pipeline). Each
 * method takes a whole batch, so that a store across a network answers it in one round trip.
 */
export interface NearDuplicateStore {
  /**
   * Files each posting under its bands, in order, then looks up its earlier candidates, as one
   * step: a posting filed before keeps its sequence number (and fingerprint), and every posting
   * with a lower number is filed already, so it is among the candidates wherever it shares a band.
   */
  registerAll(registrations: readonly NearDuplicateRegistration[]): Promise<NearDuplicateFiling[]>;
  /** The entries of those keys the store knows. */
  entries(keys: readonly string[]): Promise<NearDuplicateEntry[]>;
  setFingerprints(fingerprints: readonly { key: string; fingerprint: string }[]): Promise<void>;
}

export interface NearDuplicateVerdict {
  /** The fingerprint to record the posting under: its own, or that of the posting it copies. */
  fingerprint: string;
  /** The key of the posting it copies, when it is a copy. */
  copyOf?: string;
}

/** Decides, for each posting the crawl finds, which earlier posting (if any) it copies. */
export interface NearDuplicateIndex {
  /** The verdicts of a page's postings, in the order given: as if checked one by one. */
  checkAll(postings: readonly Posting[]): Promise<NearDuplicateVerdict[]>;
  check(posting: Posting): Promise<NearDuplicateVerdict>;
}

/** Entries read for a posting in the first round of look-ups; each further round reads 4× more. */
const FIRST_READS = 8;

/** A posting of the batch being checked: its entry and its earlier candidates, oldest first. */
interface Pending {
  entry: NearDuplicateEntry;
  earlier: NearDuplicateCandidate[];
  /** How far `earlier` has been compared. */
  next: number;
  original?: NearDuplicateEntry;
}

/**
 * An index over `store`. Registration comes before the look-up and the original is the copy
 * registered first, so two crawls that see copies at the same time still agree on which one
 * counts (the later one always sees the earlier one).
 *
 * A batch is registered at once and resolved in registration order, each posting against the
 * stored entries and the batch's earlier postings (with the fingerprints resolved so far), so a
 * copy of a copy within one page counts under the first original, as it would checked one by
 * one. The original is the first near-duplicate going up from the oldest candidate, so stored
 * entries are read oldest first, a few per posting a round, until each posting has found its
 * original or run out of candidates: a posting with many copies before it reads only the first.
 */
export function createNearDuplicateIndex(store: NearDuplicateStore): NearDuplicateIndex {
  const checkAll = async (postings: readonly Posting[]): Promise<NearDuplicateVerdict[]> => {
    if (postings.length === 0) return [];
    const unique = [...new Map(postings.map((posting) => [posting.key, posting])).values()];
    const registrations = unique.map((posting) => ({
      key: posting.key,
      signature: nearDuplicateSignature(posting),
      fingerprint: contentFingerprint(posting),
    }));
    const filings = await store.registerAll(registrations);
    const batch = new Map<string, NearDuplicateEntry>();
    const pending = registrations.map(({ key, signature, fingerprint }, i): Pending => {
      const { bands: _bands, ...rest } = signature;
      const entry = { ...rest, key, seq: filings[i]?.seq ?? 0, fingerprint };
      batch.set(key, entry);
      const earlier = [...(filings[i]?.earlier ?? [])].sort((a, b) => a.seq - b.seq);
      return { entry, earlier, next: 0 };
    });
    const read = new Map<string, NearDuplicateEntry | null>();
    let open = pending;
    for (let reads = FIRST_READS; ; reads *= 4) {
      const wanted = new Set<string>();
      open = open.filter((p) => {
        for (; p.next < p.earlier.length; p.next++) {
          const key = p.earlier[p.next]?.key ?? '';
          const other = batch.get(key) ?? read.get(key);
          if (other === undefined) break;
          if (other !== null && isNearDuplicate(p.entry, other)) {
            p.original = other;
            return false;
          }
        }
        let taken = 0;
        for (let i = p.next; i < p.earlier.length && taken < reads; i++) {
          const key = p.earlier[i]?.key ?? '';
          if (batch.has(key) || read.has(key)) continue;
          wanted.add(key);
          taken += 1;
        }
        return p.next < p.earlier.length;
      });
      if (open.length === 0) break;
      const entries = await store.entries([...wanted]);
      // A key whose entry is gone is no candidate.
      for (const key of wanted) read.set(key, null);
      for (const entry of entries) read.set(entry.key, entry);
    }

    // In registration order, so that an original of the batch has its fingerprint already.
    const verdicts = new Map<string, NearDuplicateVerdict>();
    for (const { entry, original } of pending.sort((a, b) => a.entry.seq - b.entry.seq)) {
      if (original === undefined) {
        verdicts.set(entry.key, { fingerprint: entry.fingerprint });
        continue;
      }
      entry.fingerprint = original.fingerprint;
      verdicts.set(entry.key, { fingerprint: entry.fingerprint, copyOf: original.key });
    }
    await store.setFingerprints(
      pending.map(({ entry: { key, fingerprint } }) => ({ key, fingerprint })),
    );
    return postings.map((posting) => {
      const verdict = verdicts.get(posting.key);
      if (verdict === undefined) throw new Error(`unreachable: no verdict for ${posting.key}`);
      return verdict;
    });
  };
  return {
    checkAll,
    async check(posting) {
      const [verdict] = await checkAll([posting]);
      if (verdict === undefined) throw new Error(`unreachable: no verdict for ${posting.key}`);
      return verdict;
    },
  };
}

/** A store kept in this process only. */
export function inMemoryNearDuplicateStore(): NearDuplicateStore {
  const entries = new Map<string, NearDuplicateEntry>();
  const bands = new Map<string, Set<string>>();
  let seq = 0;
  return {
    async registerAll(registrations) {
      return registrations.map(({ key, signature, fingerprint }) => {
        const { bands: keys, ...rest } = signature;
        const known = entries.get(key);
        const entry = {
          ...rest,
          key,
          seq: known?.seq ?? ++seq,
          fingerprint: known?.fingerprint ?? fingerprint,
        };
        entries.set(key, entry);
        const candidates = new Set<string>();
        for (const band of keys) {
          const set = bands.get(band) ?? new Set<string>();
          set.add(key);
          bands.set(band, set);
          for (const candidate of set) candidates.add(candidate);
        }
        const earlier = [...candidates].flatMap((candidate) => {
          const other = entries.get(candidate)?.seq;
          return other !== undefined && other < entry.seq ? [{ key: candidate, seq: other }] : [];
        });
        return { seq: entry.seq, earlier };
      });
    },
    async entries(keys) {
      return keys.flatMap((key) => {
        const entry = entries.get(key);
        return entry === undefined ? [] : [entry];
      });
    },
    async setFingerprints(fingerprints) {
      for (const { key, fingerprint } of fingerprints) {
        const entry = entries.get(key);
        if (entry !== undefined) entry.fingerprint = fingerprint;
      }
    },
  };
}
