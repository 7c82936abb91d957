import { InputError } from '../errors.js';
import { COUNTED_LEVELS, type CountedLevel } from './contribution.js';
import { GRANULARITIES, type Granularity, parseDay } from './periods.js';

/** What `jobsift stats` and `GET /v1/stats` ask for; every field optional. */
export interface StatsQuery {
  /** First day, `YYYY-MM-DD`, inclusive (default: the first day with data). */
  from?: string | undefined;
  /** Last day, `YYYY-MM-DD`, inclusive (default: the last day with data). */
  to?: string | undefined;
  /** Only this role. */
  role?: string | undefined;
  /** Skills per role (default 10). */
  top?: number | undefined;
  /** Adds a series rolled up per day, ISO week or month. */
  by?: Granularity | undefined;
  /** Adds this skill's share over time per role and the skills that co-occur with it. */
  skill?: string | undefined;
  /** Counts a skill only where postings ask for it at this level (default: any level). */
  requirement?: CountedLevel | undefined;
}

export interface ParsedQuery {
  from?: string;
  to?: string;
  role?: string;
  top: number;
  by?: Granularity;
  skill?: string;
  requirement?: CountedLevel;
}

export const DEFAULT_TOP = 10;
export const MAX_TOP = 1000;

/** Checks a query; throws `InputError` (`invalid_query`) with a one-line message naming the field. */
export function parseStatsQuery(query: StatsQuery): ParsedQuery {
  const parsed: ParsedQuery = { top: DEFAULT_TOP };
  if (query.from !== undefined) parsed.from = parseDay(query.from, 'from');
  if (query.to !== undefined) parsed.to = parseDay(query.to, 'to');
  if (parsed.from !== undefined && parsed.to !== undefined && parsed.from > parsed.to) {
    throw invalid(`from: expected a day on or before to (${parsed.to}), received ${parsed.from}`);
  }
  if (query.top !== undefined) {
    if (!Number.isInteger(query.top) || query.top < 1 || query.top > MAX_TOP) {
      throw invalid(
        `top: expected an integer from 1 to ${MAX_TOP}, received ${JSON.stringify(query.top)}`,
      );
    }
    parsed.top = query.top;
  }
  if (query.by !== undefined) {
    if (!GRANULARITIES.includes(query.by)) {
      throw invalid(`by: expected day, week or month, received ${JSON.stringify(query.by)}`);
    }
    parsed.by = query.by;
  }
  if (query.requirement !== undefined) {
    if (!COUNTED_LEVELS.includes(query.requirement)) {
      throw invalid(
        `requirement: expected required, preferred or mentioned, received ${JSON.stringify(query.requirement)}`,
      );
    }
    parsed.requirement = query.requirement;
  }
  if (query.role !== undefined) parsed.role = requireId(query.role, 'role');
  if (query.skill !== undefined) parsed.skill = requireId(query.skill, 'skill');
  return parsed;
}

function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[^\s|:]+$/.test(value)) {
    throw invalid(
      `${field}: expected an id like "data-engineer", received ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function invalid(message: string): InputError {
  return new InputError('invalid_query', message);
}
