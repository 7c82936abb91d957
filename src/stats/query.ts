import type { Redis } from 'ioredis';
import {
  compareIds,
  type DayData,
  type RoleStats,
  type RoleTotals,
  roleStats,
  rollUp,
  type SkillNames,
  share,
  sumPostings,
  totalOf,
} from './aggregate.js';
import { type CooccurringRole, cooccurring } from './cooccurrence.js';
import { statsBase, statsKeys } from './keys.js';
import { type Granularity, type Period, periodsBetween, utcDay } from './periods.js';
import { parseStatsQuery, type StatsQuery } from './query-input.js';
import { dataBounds, daysWithData, readDays } from './read-days.js';

export interface PeriodStats extends Period {
  postings: number;
  roles: RoleStats[];
}

export interface SkillSeriesPoint {
  period: string;
  role: string;
  /** Postings of the role in the period that require, prefer or mention the skill. */
  count: number;
  /** Postings of the role in the period. */
  postings: number;
  share: number;
}

export interface SkillReport {
  id: string;
  name: string;
  series: SkillSeriesPoint[];
  cooccurring: CooccurringRole[];
}

export interface StatsReport {
  from: string;
  to: string;
  /** Distinct postings in the range (of the role, when filtered). */
  postings: number;
  /** Keys that failed and have not succeeded since (all time, not per range). */
  failed: number;
  roles: RoleStats[];
  series?: PeriodStats[];
  skill?: SkillReport;
}

export interface QueryOptions {
  /** "Today", the default range when there is no data (default: now). */
  now?: Date;
}

/**
 * Skill demand from the aggregates: postings per role and the top skills of each in a day
 * range; with `by`, the same per period; with `skill`, that skill's share over time per role
 * and the skills that co-occur with it. Throws `InputError` for a bad query.
 */
export async function queryStats(
  redis: Redis,
  prefix: string,
  query: StatsQuery,
  names: SkillNames,
  options: QueryOptions = {},
): Promise<StatsReport> {
  const q = parseStatsQuery(query);
  const base = statsBase(prefix);

  let { from, to } = q;
  if (from === undefined || to === undefined) {
    const today = utcDay(options.now ?? new Date());
    const bounds = await dataBounds(redis, base);
    to ??= maxDay(bounds?.last ?? today, from);
    from ??= minDay(bounds?.first ?? today, to);
  }

  const [days, failed] = await Promise.all([
    daysWithData(redis, base, from, to),
    redis.hlen(statsKeys.failures(base)),
  ]);
  const data = await readDays(redis, base, days);
  const totals = rollUp(data, q.role);

  const report: StatsReport = {
    from,
    to,
    postings: sumPostings(totals),
    failed,
    roles: roleStats(totals, q.top, names, q.requirement),
  };
  if (q.by !== undefined) {
    report.series = byPeriod(data, from, to, q.by).map(({ period, days: inPeriod }) => {
      const periodTotals = rollUp(inPeriod, q.role);
      return {
        ...period,
        postings: sumPostings(periodTotals),
        roles: roleStats(periodTotals, q.top, names, q.requirement),
      };
    });
  }
  if (q.skill !== undefined) {
    const inRole = q.role === undefined ? data : data.map((day) => onlyRole(day, q.role ?? ''));
    report.skill = {
      id: q.skill,
      name: names(q.skill) ?? q.skill,
      series: skillSeries(data, from, to, q.by ?? 'month', q.skill, totals, q.role),
      cooccurring: await cooccurring(redis, base, inRole, q.skill, q.top, names),
    };
  }
  return report;
}

/** The skill's count and share per period and role, for roles that have it in the range. */
function skillSeries(
  data: readonly DayData[],
  from: string,
  to: string,
  by: Granularity,
  skill: string,
  totals: Map<string, RoleTotals>,
  role: string | undefined,
): SkillSeriesPoint[] {
  const roles = [...totals]
    .filter(([, t]) => t.skills.has(skill))
    .map(([id]) => id)
    .sort(compareIds);
  const points: SkillSeriesPoint[] = [];
  for (const { period, days } of byPeriod(data, from, to, by)) {
    const periodTotals = rollUp(days, role);
    for (const id of roles) {
      const t = periodTotals.get(id);
      if (t === undefined || t.postings === 0) continue;
      const levels = t.skills.get(skill);
      const count = levels === undefined ? 0 : totalOf(levels);
      points.push({
        period: period.period,
        role: id,
        count,
        postings: t.postings,
        share: share(count, t.postings),
      });
    }
  }
  return points;
}

/** The days (sorted) grouped into the periods from `from` to `to`, empty periods included. */
function byPeriod(
  data: readonly DayData[],
  from: string,
  to: string,
  by: Granularity,
): Array<{ period: Period; days: DayData[] }> {
  const groups = periodsBetween(from, to, by).map((period) => ({
    period,
    days: [] as DayData[],
  }));
  let g = 0;
  for (const day of data) {
    while (g < groups.length && (groups[g]?.period.to ?? '') < day.day) g++;
    groups[g]?.days.push(day);
  }
  return groups;
}

function onlyRole(day: DayData, role: string): DayData {
  const postings = day.roles.get(role);
  const skills = day.skills.get(role);
  return {
    day: day.day,
    roles: new Map(postings === undefined ? [] : [[role, postings]]),
    skills: new Map(skills === undefined ? [] : [[role, skills]]),
  };
}

function maxDay(day: string, floor: string | undefined): string {
  return floor !== undefined && floor > day ? floor : day;
}

function minDay(day: string, ceiling: string): string {
  return day > ceiling ? ceiling : day;
}
