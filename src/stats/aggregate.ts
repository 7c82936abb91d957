/** Postings of one role × skill by level. */
export interface LevelCounts {
  required: number;
  preferred: number;
  mentioned: number;
}

/** One day's aggregates as read from Redis: role → postings, role → skill → levels. */
export interface DayData {
  day: string;
  roles: Map<string, number>;
  skills: Map<string, Map<string, LevelCounts>>;
}

/** Aggregates of one role over some days. */
export interface RoleTotals {
  postings: number;
  skills: Map<string, LevelCounts>;
}

export interface SkillStat {
  id: string;
  name: string;
  /** Postings of the role that require, prefer or mention the skill. */
  count: number;
  /** `count` / postings of the role, 4 decimals. */
  share: number;
  required: number;
  preferred: number;
  mentioned: number;
}

export interface RoleStats {
  id: string;
  postings: number;
  skills: SkillStat[];
}

/** Display names of skills, from the compiled rules. */
export type SkillNames = (id: string) => string | undefined;

export function emptyLevels(): LevelCounts {
  return { required: 0, preferred: 0, mentioned: 0 };
}

export function totalOf(counts: LevelCounts): number {
  return counts.required + counts.preferred + counts.mentioned;
}

/** A ratio rounded to 4 decimals (0 when the denominator is 0). */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

/** Sums days per role, optionally for one role only. */
export function rollUp(days: Iterable<DayData>, role?: string): Map<string, RoleTotals> {
  const totals = new Map<string, RoleTotals>();
  for (const day of days) {
    for (const [roleId, postings] of day.roles) {
      if (role !== undefined && roleId !== role) continue;
      let entry = totals.get(roleId);
      if (entry === undefined) {
        entry = { postings: 0, skills: new Map() };
        totals.set(roleId, entry);
      }
      entry.postings += postings;
      for (const [skill, levels] of day.skills.get(roleId) ?? []) {
        let sum = entry.skills.get(skill);
        if (sum === undefined) {
          sum = emptyLevels();
          entry.skills.set(skill, sum);
        }
        sum.required += levels.required;
        sum.preferred += levels.preferred;
        sum.mentioned += levels.mentioned;
      }
    }
  }
  return totals;
}

export function byCountThenId(
  a: { id: string; count: number },
  b: { id: string; count: number },
): number {
  return b.count - a.count || compareIds(a.id, b.id);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Roles by postings desc then id, each with its top skills by count desc then id. With
 * `requirement`, a skill's count is only the postings that ask for it at that level, and skills
 * no posting asks for at that level are left out.
 */
export function roleStats(
  totals: Map<string, RoleTotals>,
  top: number,
  names: SkillNames,
  requirement?: keyof LevelCounts,
): RoleStats[] {
  return [...totals]
    .map(([id, role]) => ({
      id,
      postings: role.postings,
      skills: [...role.skills]
        .filter(([, levels]) => requirement === undefined || levels[requirement] > 0)
        .map(([skill, levels]) => {
          const count = requirement === undefined ? totalOf(levels) : levels[requirement];
          return {
            id: skill,
            name: names(skill) ?? skill,
            count,
            share: share(count, role.postings),
            required: levels.required,
            preferred: levels.preferred,
            mentioned: levels.mentioned,
          };
        })
        .sort(byCountThenId)
        .slice(0, top),
    }))
    .sort((a, b) => b.postings - a.postings || compareIds(a.id, b.id));
}

export function sumPostings(totals: Map<string, RoleTotals>): number {
  let sum = 0;
  for (const role of totals.values()) sum += role.postings;
  return sum;
}
