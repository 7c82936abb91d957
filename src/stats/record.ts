import type { Redis } from 'ioredis';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { type Contribution, canonicalContribution, encodeSkills } from './contribution.js';
import { statsBase, statsKeys } from './keys.js';
import { dayOfDatePosted, utcDay } from './periods.js';
import { runStatsScript } from './script-runner.js';
import { parseRecord, parseStored, type StoredPosting } from './stored.js';
import { encodeSalary, normalizeCompany, type PostingSummary } from './summary.js';

/** One processed posting, as the process worker hands it to the stats. */
export interface RecordInput {
  /** The posting key (`source:sourceId`). */
  key: string;
  /** `contentFingerprint(posting)`: the same content on two sources counts once. */
  fingerprint: string;
  /** Buckets the posting by this UTC day when given, else by the day it was first seen. */
  datePosted?: string | undefined;
  /** When the worker processed it; its UTC day is kept as the first-seen day on first record. */
  seenAt: Date;
  contribution: Contribution;
  /**
   * The posting's summary for the postings store (GET /v1/postings), stored in the same atomic
   * step; its remote, company and salary also index it. Absent: the stats only.
   */
  summary?: PostingSummary | undefined;
  /** Drop the summary this long after the last recording (retention); absent: keep it. */
  summaryTtlMs?: number | undefined;
}

/**
 * - `added`: the key is new and now counts;
 * - `unchanged`: same fingerprint, day and contribution as stored, nothing changed;
 * - `replaced`: the key's earlier contribution was swapped for this one;
 * - `duplicate`: another key counts this content; this one is stored but counts nothing.
 */
export type RecordOutcome = 'added' | 'unchanged' | 'replaced' | 'duplicate';

const recordOutcomeSchema = z.enum(['added', 'unchanged', 'replaced', 'duplicate']);
const failOutcomeSchema = z.enum(['failed', 'kept']);
const removeOutcomeSchema = z.enum(['removed', 'absent']);

/**
 * Records a processed posting exactly once, atomically (one Lua script): a new key adds its
 * contribution, the same content again changes nothing, changed content replaces the earlier
 * contribution, and content another key already counts is stored as a duplicate. A successful
 * record also clears the key from the failures.
 */
export async function recordPosting(
  redis: Redis,
  prefix: string,
  input: RecordInput,
): Promise<RecordOutcome> {
  requireText(input.key, 'key');
  requireText(input.fingerprint, 'fingerprint');
  if (/\s/.test(input.fingerprint)) {
    throw new InputError(
      'invalid_record',
      `fingerprint: expected no whitespace, received ${JSON.stringify(input.fingerprint)}`,
    );
  }
  const postedDay = input.datePosted === undefined ? '' : dayOfDatePosted(input.datePosted);
  const seenDay = utcDay(input.seenAt);
  const contribution = canonicalContribution(input.contribution);
  const reply = await runStatsScript(redis, statsKeys.posting(statsBase(prefix), input.key), [
    statsBase(prefix),
    'record',
    input.key,
    input.fingerprint,
    postedDay,
    seenDay,
    contribution.role,
    encodeSkills(contribution.skills),
    ...summaryArgs(input),
  ]);
  return parseReply(recordOutcomeSchema, reply, 'record');
}

/** remote, company, salary, summary JSON, TTL, seen-at: the script's optional arguments. */
function summaryArgs(input: RecordInput): string[] {
  const { summary } = input;
  if (summary === undefined) return [];
  if (summary.key !== input.key) {
    throw new InputError(
      'invalid_record',
      `summary.key: expected the record's key ${JSON.stringify(input.key)}, received ${JSON.stringify(summary.key)}`,
    );
  }
  const ttl = input.summaryTtlMs;
  return [
    summary.remote ?? '',
    summary.company === undefined ? '' : normalizeCompany(summary.company),
    encodeSalary(summary.salary),
    JSON.stringify(summary),
    ttl === undefined ? '' : String(Math.max(1, Math.round(ttl))),
    input.seenAt.toISOString(),
  ];
}

/**
 * Counts a posting that can never succeed (no text, …) once per key, keeping the latest reason.
 * A key that already counts keeps its last good version and is not marked failed; a later
 * successful `recordPosting` of the key removes it from the failures.
 */
export async function recordFailure(
  redis: Redis,
  prefix: string,
  key: string,
  reason: string,
): Promise<void> {
  requireText(key, 'key');
  const reply = await runStatsScript(redis, statsKeys.posting(statsBase(prefix), key), [
    statsBase(prefix),
    'fail',
    key,
    reason.split('\n')[0] ?? '',
  ]);
  parseReply(failOutcomeSchema, reply, 'fail');
}

/**
 * Takes a posting out of the stats: subtracts its contribution (promoting a duplicate of the
 * same content to count instead) and forgets its record and any failure. True when there was
 * something to remove.
 */
export async function removePosting(redis: Redis, prefix: string, key: string): Promise<boolean> {
  requireText(key, 'key');
  const reply = await runStatsScript(redis, statsKeys.posting(statsBase(prefix), key), [
    statsBase(prefix),
    'remove',
    key,
  ]);
  return parseReply(removeOutcomeSchema, reply, 'remove') === 'removed';
}

/** The keys of every posting of `sourceId` the stats hold (counted or duplicate). */
export async function postingKeysOfSource(
  redis: Redis,
  prefix: string,
  sourceId: string,
): Promise<string[]> {
  const records = statsKeys.posting(statsBase(prefix), '');
  const keys: string[] = [];
  let cursor = '0';
  do {
    // Source ids are [a-z0-9-]: no glob characters, and `acme:*` never matches `acme-eu:…`.
    const [next, batch] = await redis.scan(
      cursor,
      'MATCH',
      `${records}${sourceId}:*`,
      'COUNT',
      1000,
    );
    cursor = next;
    for (const recordKey of batch) keys.push(recordKey.slice(records.length));
  } while (cursor !== '0');
  return keys;
}

export interface StatsTotals {
  /** Postings that count (one per distinct content). */
  postings: number;
  /** Keys stored as duplicates of a posting that counts. */
  duplicates: number;
  /** Keys that failed and have not succeeded since. */
  failed: number;
}

const countSchema = z.coerce.number().int().nonnegative();

export async function statsTotals(redis: Redis, prefix: string): Promise<StatsTotals> {
  const base = statsBase(prefix);
  const [counts, failed] = await Promise.all([
    redis.hmget(statsKeys.totals(base), 'postings', 'duplicates'),
    redis.hlen(statsKeys.failures(base)),
  ]);
  return {
    postings: parseStored(countSchema, counts[0] ?? '0', 'totals.postings'),
    duplicates: parseStored(countSchema, counts[1] ?? '0', 'totals.duplicates'),
    failed,
  };
}

/** The stored record of a posting key, or undefined when the key was never recorded. */
export async function readPostingRecord(
  redis: Redis,
  prefix: string,
  key: string,
): Promise<StoredPosting | undefined> {
  const flat = await redis.hgetall(statsKeys.posting(statsBase(prefix), key));
  if (Object.keys(flat).length === 0) return undefined;
  return parseRecord(flat, key);
}

function requireText(value: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      'invalid_record',
      `${field}: expected a non-empty string, received ${JSON.stringify(value)}`,
    );
  }
}

function parseReply<T>(schema: z.ZodType<T>, reply: unknown, op: string): T {
  return parseStored(schema, reply, `script reply (${op})`);
}
