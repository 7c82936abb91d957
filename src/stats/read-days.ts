import type { ChainableCommander, Redis } from 'ioredis';
import { z } from 'zod';
import { JobsiftError } from '../errors.js';
import { type DayData, emptyLevels, type LevelCounts } from './aggregate.js';
import { isStatsId, levelOfCode } from './contribution.js';
import { FIELD_SEPARATOR, statsKeys } from './keys.js';
import { dayScore, isDay } from './periods.js';
import { corruptStats, parseStored } from './stored.js';

/** Days per pipeline (two commands each): one round trip per batch. */
const DAY_BATCH = 250;

const countSchema = z.coerce.number().int().nonnegative();
const daySchema = z.string().refine(isDay, 'expected a date YYYY-MM-DD');
const hashSchema = z.record(z.string(), z.string());

/** The days with data from `from` to `to` (inclusive), in order. */
export async function daysWithData(
  redis: Redis,
  base: string,
  from: string,
  to: string,
): Promise<string[]> {
  const days = await redis.zrangebyscore(statsKeys.days(base), dayScore(from), dayScore(to));
  return parseStored(z.array(daySchema), days, 'days index');
}

/** The first and last day with data, if any. */
export async function dataBounds(
  redis: Redis,
  base: string,
): Promise<{ first: string; last: string } | undefined> {
  const [first, last] = await execPipeline(
    redis
      .pipeline()
      .zrange(statsKeys.days(base), '0', '0')
      .zrange(statsKeys.days(base), '-1', '-1'),
  );
  const firsts = parseStored(z.array(daySchema), first, 'days index');
  const lasts = parseStored(z.array(daySchema), last, 'days index');
  if (firsts[0] === undefined || lasts[0] === undefined) return undefined;
  return { first: firsts[0], last: lasts[0] };
}

/** The aggregates of each day, read in pipelined batches. */
export async function readDays(redis: Redis, base: string, days: string[]): Promise<DayData[]> {
  const out: DayData[] = [];
  for (let i = 0; i < days.length; i += DAY_BATCH) {
    const batch = days.slice(i, i + DAY_BATCH);
    const pipeline = redis.pipeline();
    for (const day of batch) {
      pipeline.hgetall(statsKeys.dayRoles(base, day)).hgetall(statsKeys.daySkills(base, day));
    }
    const replies = await execPipeline(pipeline);
    batch.forEach((day, j) => {
      out.push(parseDay(day, replies[2 * j], replies[2 * j + 1]));
    });
  }
  return out;
}

function parseDay(day: string, rolesReply: unknown, skillsReply: unknown): DayData {
  const roles = new Map<string, number>();
  for (const [role, value] of Object.entries(parseStored(hashSchema, rolesReply, `${day} roles`))) {
    if (!isStatsId(role)) corruptStats(`${day} roles`, role);
    const n = parseStored(countSchema, value, `${day} roles.${role}`);
    if (n > 0) roles.set(role, n);
  }
  const skills = new Map<string, Map<string, LevelCounts>>();
  const skillHash = parseStored(hashSchema, skillsReply, `${day} skills`);
  for (const [field, value] of Object.entries(skillHash)) {
    const [role, skill, code, extra] = field.split(FIELD_SEPARATOR);
    const level = levelOfCode(code ?? '');
    if (role === undefined || skill === undefined || level === undefined || extra !== undefined) {
      corruptStats(`${day} skills`, field);
    }
    const n = parseStored(countSchema, value, `${day} skills.${field}`);
    let perRole = skills.get(role);
    if (perRole === undefined) {
      perRole = new Map();
      skills.set(role, perRole);
    }
    let levels = perRole.get(skill);
    if (levels === undefined) {
      levels = emptyLevels();
      perRole.set(skill, levels);
    }
    levels[level] += n;
  }
  return { day, roles, skills };
}

/** Runs a pipeline; throws the first command error. */
export async function execPipeline(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = await pipeline.exec();
  if (results === null) throw new JobsiftError('redis_error', 'a Redis pipeline was discarded');
  return results.map(([error, value]) => {
    if (error !== null) throw error;
    return value;
  });
}
