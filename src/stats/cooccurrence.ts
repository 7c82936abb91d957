import type { Redis } from 'ioredis';
import { z } from 'zod';
import { byCountThenId, compareIds, type DayData, type SkillNames, share } from './aggregate.js';
import { decodeSkills } from './contribution.js';
import { statsKeys } from './keys.js';
import { execPipeline } from './read-days.js';
import { corruptStats, parseStored } from './stored.js';

/** Sets or records per pipeline: one round trip per batch. */
const KEY_BATCH = 500;

export interface CooccurringSkill {
  id: string;
  name: string;
  /** Postings of the role that have both skills. */
  count: number;
  /** `count` / postings of the role with the queried skill, 4 decimals. */
  share: number;
}

export interface CooccurringRole {
  role: string;
  skills: CooccurringSkill[];
}

const membersSchema = z.array(z.string());
const recordFieldsSchema = z.tuple([z.string().nullable(), z.string().nullable()]);

/**
 * Per role, the skills that occur together with `skill` in the same postings of the given days:
 * reads the role-day posting sets where `skill` counts, then those postings' records.
 */
export async function cooccurring(
  redis: Redis,
  base: string,
  days: readonly DayData[],
  skill: string,
  top: number,
  names: SkillNames,
): Promise<CooccurringRole[]> {
  const sets: Array<{ role: string; day: string }> = [];
  for (const day of days) {
    for (const [role, skills] of day.skills) {
      if (skills.has(skill) && day.roles.has(role)) sets.push({ role, day: day.day });
    }
  }
  const postings: Array<{ role: string; day: string; key: string }> = [];
  for (let i = 0; i < sets.length; i += KEY_BATCH) {
    const batch = sets.slice(i, i + KEY_BATCH);
    const pipeline = redis.pipeline();
    for (const set of batch) pipeline.smembers(statsKeys.dayKeys(base, set.day, set.role));
    const replies = await execPipeline(pipeline);
    batch.forEach((set, j) => {
      for (const key of parseStored(membersSchema, replies[j], 'day posting set')) {
        postings.push({ ...set, key });
      }
    });
  }

  const perRole = new Map<string, { withSkill: number; others: Map<string, number> }>();
  for (let i = 0; i < postings.length; i += KEY_BATCH) {
    const batch = postings.slice(i, i + KEY_BATCH);
    const pipeline = redis.pipeline();
    for (const p of batch) pipeline.hmget(statsKeys.posting(base, p.key), 'role', 'skills');
    const replies = await execPipeline(pipeline);
    batch.forEach((p, j) => {
      const [role, encoded] = parseStored(recordFieldsSchema, replies[j], `posting ${p.key}`);
      // A record changed since the set was read counts where it is now; skip it here.
      if (role !== p.role || encoded === null) return;
      const skills = decodeSkills(encoded);
      if (skills === undefined) corruptStats(`posting ${p.key} skills`, encoded);
      if (!skills.some((s) => s.id === skill)) return;
      let entry = perRole.get(role);
      if (entry === undefined) {
        entry = { withSkill: 0, others: new Map() };
        perRole.set(role, entry);
      }
      entry.withSkill += 1;
      for (const other of skills) {
        if (other.id !== skill) entry.others.set(other.id, (entry.others.get(other.id) ?? 0) + 1);
      }
    });
  }

  return [...perRole]
    .sort(([a, x], [b, y]) => y.withSkill - x.withSkill || compareIds(a, b))
    .map(([role, entry]) => ({
      role,
      skills: [...entry.others]
        .map(([id, count]) => ({
          id,
          name: names(id) ?? id,
          count,
          share: share(count, entry.withSkill),
        }))
        .sort(byCountThenId)
        .slice(0, top),
    }));
}
