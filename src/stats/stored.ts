import { z } from 'zod';
import { JobsiftError } from '../errors.js';
import { type Contribution, decodeSkills, isStatsId } from './contribution.js';
import { isDay } from './periods.js';

/** A posting record as stored under `{base}:posting:{key}`, validated. */
export interface StoredPosting {
  key: string;
  fingerprint: string;
  /** The day bucket it counts in (or would, as a duplicate). */
  day: string;
  /** The UTC day it was first recorded. */
  firstSeen: string;
  contribution: Contribution;
  /** The key that counts this content instead, when this one is a duplicate. */
  duplicateOf?: string;
}

const day = z.string().refine(isDay, 'expected a date YYYY-MM-DD');

const recordSchema = z.object({
  fp: z.string().min(1),
  day,
  seen: day,
  role: z.string().refine(isStatsId, 'expected a role id'),
  skills: z.string().transform((text, ctx) => {
    const skills = decodeSkills(text);
    if (skills === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected id:r|id:p|id:m' });
      return z.NEVER;
    }
    return skills;
  }),
  dupOf: z.string(),
});

/** Validates the fields of a posting record hash (HGETALL). */
export function parseRecord(flat: Record<string, string>, key: string): StoredPosting {
  const result = recordSchema.safeParse(flat);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new JobsiftError(
      'corrupt_stats',
      `unexpected posting record in Redis for ${key}: ${problems.join('; ')}`,
      { cause: result.error },
    );
  }
  const r = result.data;
  const stored: StoredPosting = {
    key,
    fingerprint: r.fp,
    day: r.day,
    firstSeen: r.seen,
    contribution: { role: r.role, skills: r.skills },
  };
  if (r.dupOf !== '') stored.duplicateOf = r.dupOf;
  return stored;
}

/** Validates a value read back from Redis; a mismatch means corrupt or foreign data. */
export function parseStored<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new JobsiftError(
    'corrupt_stats',
    `unexpected stats data in Redis at ${what}: received ${JSON.stringify(value)}`,
    { cause: result.error },
  );
}

/** Throws the error for a value read back from Redis that is not what the stats write. */
export function corruptStats(what: string, value: unknown): never {
  throw new JobsiftError(
    'corrupt_stats',
    `unexpected stats data in Redis at ${what}: received ${JSON.stringify(value)}`,
  );
}
