import type { Redis } from 'ioredis';
import { InputError } from '../errors.js';
import type { CountedLevel } from './contribution.js';
import { decodeSkills, levelCode } from './contribution.js';
import { statsBase, statsKeys } from './keys.js';
import { execPipeline } from './read-days.js';
import { runStatsScript } from './script-runner.js';
import { normalizeCompany, type PostingSummary, parseSummary } from './summary.js';

/** Filters of GET /v1/postings, `jobsift postings` and `jobsift export`; all optional, ANDed. */
export interface PostingFilters {
  role?: string | undefined;
  skill?: string | undefined;
  /** With `skill`: only postings that ask for it at this level. */
  requirement?: CountedLevel | undefined;
  source?: string | undefined;
  /** Exact company name, compared case-insensitively. */
  company?: string | undefined;
  remote?: 'remote' | 'hybrid' | 'onsite' | undefined;
  /** First day bucket (datePosted, else first seen), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Case-insensitive substring of the title or the company. */
  q?: string | undefined;
}

/** A posting of the store: its summary, the day it counts in, and whether it counts. */
export type PostingView = PostingSummary & {
  /** The day bucket it counts in (its datePosted, else the day first seen). */
  day: string;
  /** When it was first recorded (ISO date-time; a day for postings recorded before the store). */
  firstSeen: string;
  /** The posting that counts this content instead, when this one is a duplicate. */
  duplicateOf?: string;
  /** Other keys with the same content (counted once, as this one). */
  duplicates?: string[];
};

export const postingIndexKeys = {
  all: (base: string) => `${base}:pix:all`,
  role: (base: string, role: string) => `${base}:pix:role:${role}`,
  skill: (base: string, skill: string) => `${base}:pix:skill:${skill}`,
  source: (base: string, source: string) => `${base}:pix:source:${source}`,
  remote: (base: string, remote: string) => `${base}:pix:remote:${remote}`,
  company: (base: string, company: string) => `${base}:pix:company:${company}`,
  summary: (base: string, key: string) => `${base}:summary:${key}`,
  salary: (base: string) => `${base}:salary`,
} as const;

const RECORD_FIELDS = [
  'role',
  'skills',
  'remote',
  'co',
  'day',
  'dupOf',
  'seen',
  'firstAt',
] as const;
type RecordFields = Partial<Record<(typeof RECORD_FIELDS)[number], string>>;

function fieldsOf(values: unknown): RecordFields {
  const list = Array.isArray(values) ? values : [];
  const out: RecordFields = {};
  RECORD_FIELDS.forEach((name, i) => {
    const value = list[i];
    if (typeof value === 'string') out[name] = value;
  });
  return out;
}

function view(summary: PostingSummary, record: RecordFields): PostingView {
  const posting: PostingView = {
    ...summary,
    day: record.day ?? '',
    firstSeen: record.firstAt ?? record.seen ?? '',
  };
  if (record.dupOf !== undefined && record.dupOf !== '') posting.duplicateOf = record.dupOf;
  return posting;
}

/** One posting by key (counted or duplicate), or undefined when the store has no summary of it. */
export async function getPosting(
  redis: Redis,
  prefix: string,
  key: string,
): Promise<PostingView | undefined> {
  const base = statsBase(prefix);
  const [summaryText, record, fp] = await execPipeline(
    redis
      .pipeline()
      .get(postingIndexKeys.summary(base, key))
      .hmget(statsKeys.posting(base, key), ...RECORD_FIELDS)
      .hget(statsKeys.posting(base, key), 'fp'),
  );
  const fields = fieldsOf(record);
  if (typeof summaryText !== 'string' || fields.day === undefined) return undefined;
  const posting = view(parseSummary(summaryText, key), fields);
  if (typeof fp === 'string') {
    const group = await redis.smembers(statsKeys.fingerprint(base, fp));
    const others = group.filter((other) => other !== key).sort();
    if (others.length > 0) posting.duplicates = others;
  }
  return posting;
}

/** Turns a cursor from `listPostings` back into its index member; a bad one is a 400. */
export function decodeCursor(cursor: string): string {
  const member = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}\|.+/.test(member)) {
    throw new InputError(
      'invalid_cursor',
      `cursor: expected a cursor from a previous page's "next", received ${JSON.stringify(cursor.slice(0, 40))}`,
    );
  }
  return member;
}

export const encodeCursor = (member: string) => Buffer.from(member, 'utf8').toString('base64url');

/** The index to walk: the smallest of those the filters name (all postings when none). */
async function driverIndex(redis: Redis, base: string, f: PostingFilters): Promise<string> {
  const candidates: string[] = [];
  if (f.role !== undefined) candidates.push(postingIndexKeys.role(base, f.role));
  if (f.skill !== undefined) candidates.push(postingIndexKeys.skill(base, f.skill));
  if (f.source !== undefined) candidates.push(postingIndexKeys.source(base, f.source));
  if (f.remote !== undefined) candidates.push(postingIndexKeys.remote(base, f.remote));
  if (f.company !== undefined) {
    candidates.push(postingIndexKeys.company(base, normalizeCompany(f.company)));
  }
  if (candidates.length === 0) return postingIndexKeys.all(base);
  if (candidates.length === 1) return candidates[0] as string;
  const pipeline = redis.pipeline();
  for (const key of candidates) pipeline.zcard(key);
  const sizes = (await execPipeline(pipeline)).map(Number);
  let best = 0;
  sizes.forEach((size, i) => {
    if (size < (sizes[best] ?? Number.POSITIVE_INFINITY)) best = i;
  });
  return candidates[best] as string;
}

function matcher(f: PostingFilters): (key: string, r: RecordFields, s: PostingSummary) => boolean {
  const company = f.company === undefined ? undefined : normalizeCompany(f.company);
  const needle = f.q?.toLowerCase();
  const skillEntry =
    f.skill === undefined
      ? undefined
      : f.requirement === undefined
        ? undefined
        : `${f.skill}:${levelCode(f.requirement)}`;
  return (key, r, s) => {
    if (r.dupOf !== undefined && r.dupOf !== '') return false;
    if (f.role !== undefined && r.role !== f.role) return false;
    if (f.source !== undefined && !key.startsWith(`${f.source}:`)) return false;
    if (f.remote !== undefined && r.remote !== f.remote) return false;
    if (company !== undefined && r.co !== company) return false;
    if (f.skill !== undefined) {
      const skills = decodeSkills(r.skills ?? '') ?? [];
      if (skillEntry !== undefined) {
        if (!(r.skills ?? '').split('|').includes(skillEntry)) return false;
      } else if (!skills.some((skill) => skill.id === f.skill)) return false;
    }
    if (needle !== undefined) {
      const inTitle = s.title.toLowerCase().includes(needle);
      if (!inTitle && !(s.company ?? '').toLowerCase().includes(needle)) return false;
    }
    return true;
  };
}

export interface ScannedPosting {
  /** The index member (`day|key`): where a cursor resumes. */
  member: string;
  /** The posting when it matches the filters; undefined when it was looked at and left out. */
  posting?: PostingView;
  /** The posting's summary as stored (JSON), when it matches. */
  storedSummary?: string;
}

/**
 * Walks the counted postings that match, newest day first (then key, descending), in batches of
 * `batch` (one ZRANGE and one pipeline each): memory stays flat however many there are. Yields
 * every candidate looked at, so a caller can stop anywhere and resume after its `member`.
 * A posting whose summary has expired (retention) is taken out of the indexes on the way.
 */
export async function* scanPostings(
  redis: Redis,
  prefix: string,
  filters: PostingFilters,
  options: { after?: string; batch?: number; prefetch?: boolean } = {},
): AsyncGenerator<ScannedPosting> {
  const base = statsBase(prefix);
  const batch = options.batch ?? 500;
  const index = await driverIndex(redis, base, filters);
  const matches = matcher(filters);
  const min = filters.from === undefined ? '-' : `[${filters.from}|`;
  const readMembers = async (max: string) => {
    const members = (await redis.call(
      'ZRANGE',
      index,
      max,
      min,
      'BYLEX',
      'REV',
      'LIMIT',
      '0',
      String(batch),
    )) as string[];
    return { members, keys: members.map((member) => member.slice(member.indexOf('|') + 1)) };
  };
  const readRecords = (keys: readonly string[]): Promise<unknown[]> => {
    if (keys.length === 0) return Promise.resolve([]);
    const pipeline = redis.pipeline();
    for (const key of keys) {
      pipeline.get(postingIndexKeys.summary(base, key));
      pipeline.hmget(statsKeys.posting(base, key), ...RECORD_FIELDS);
    }
    return execPipeline(pipeline);
  };
  // A consumer that stops early leaves what was read ahead unread; its failure is nobody's.
  const ahead = <T>(promise: Promise<T>): Promise<T> => {
    promise.catch(() => {});
    return promise;
  };
  const afterLast = (members: readonly string[]) => `(${members[members.length - 1]}`;

  let current = await readMembers(
    options.after !== undefined
      ? `(${options.after}`
      : filters.to === undefined
        ? '+'
        : `(${filters.to}~`,
  );
  let records = readRecords(current.keys);
  // Read ahead (an export): the next batch's index members are asked for at once, and its
  // records before this batch is parsed. Replies that arrive while a batch is parsed wait for
  // it to end (parsing never yields to I/O), so what is not asked for by then is not overlapped.
  let nextMembers =
    options.prefetch && current.members.length === batch
      ? ahead(readMembers(afterLast(current.members)))
      : undefined;
  for (;;) {
    const { members, keys } = current;
    if (members.length === 0) return;
    const replies = await records;
    const more = members.length === batch;
    let following: typeof current | undefined;
    let followingRecords: Promise<unknown[]> | undefined;
    if (more && nextMembers !== undefined) {
      following = await nextMembers;
      followingRecords = ahead(readRecords(following.keys));
      nextMembers =
        following.members.length === batch
          ? ahead(readMembers(afterLast(following.members)))
          : undefined;
    }
    for (const [i, member] of members.entries()) {
      const key = keys[i] as string;
      const text = replies[2 * i];
      const record = fieldsOf(replies[2 * i + 1]);
      if (typeof text !== 'string') {
        await runStatsScript(redis, statsKeys.posting(base, key), [base, 'unlist', key]);
        yield { member };
        continue;
      }
      const summary = parseSummary(text, key);
      yield matches(key, record, summary)
        ? { member, posting: view(summary, record), storedSummary: text }
        : { member };
    }
    if (!more) return;
    if (following !== undefined && followingRecords !== undefined) {
      current = following;
      records = followingRecords;
    } else {
      current = await readMembers(afterLast(members));
      records = readRecords(current.keys);
    }
  }
}

/**
 * One page of postings that match, newest first. `next` resumes after this page; it is null at
 * the end. At most `maxScan` candidates are looked at per page, so a rare combination of filters
 * may return a short page with a `next` to carry on from.
 */
export async function listPostings(
  redis: Redis,
  prefix: string,
  filters: PostingFilters,
  page: { cursor?: string | undefined; limit: number; maxScan?: number },
): Promise<{ postings: PostingView[]; next: string | null }> {
  const maxScan = page.maxScan ?? 20_000;
  const postings: PostingView[] = [];
  let scanned = 0;
  let last: string | undefined;
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const batch = Math.min(500, Math.max(page.limit + 1, 50));
  for await (const candidate of scanPostings(redis, prefix, filters, {
    ...(after === undefined ? {} : { after }),
    batch,
  })) {
    if (postings.length === page.limit) return { postings, next: encodeCursor(last ?? '') };
    scanned += 1;
    last = candidate.member;
    if (candidate.posting !== undefined) postings.push(candidate.posting);
    if (scanned >= maxScan && postings.length < page.limit) {
      return { postings, next: encodeCursor(last) };
    }
  }
  return { postings, next: null };
}
