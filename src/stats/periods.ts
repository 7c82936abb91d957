import { InputError } from '../errors.js';

/** How a series is rolled up: per day, ISO week (Monday-based, `2026-W05`) or month (`2026-02`). */
export type Granularity = 'day' | 'week' | 'month';

export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

/** One period of a series: its label and its first and last day (inclusive). */
export interface Period {
  period: string;
  from: string;
  to: string;
}

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 date-time with a `Z` or `±hh:mm` offset (seconds and fractions optional). */
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`, or undefined when it is not a real date. */
export function epochDay(day: string): number | undefined {
  const match = DAY_PATTERN.exec(day);
  if (match === null) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1) return undefined;
  if (back.getUTCDate() !== date || year < 1) return undefined;
  return ms / MS_PER_DAY;
}

export function isDay(day: string): boolean {
  return epochDay(day) !== undefined;
}

/** `YYYY-MM-DD` of days since the epoch. */
export function dayFromEpoch(epoch: number): string {
  return new Date(epoch * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The UTC day of an instant. */
export function utcDay(at: Date): string {
  if (Number.isNaN(at.getTime())) {
    throw new InputError('invalid_date', 'seenAt: expected a valid date, received an invalid Date');
  }
  return at.toISOString().slice(0, 10);
}

/**
 * The UTC day a `datePosted` falls on: `2026-02-27` as is, a date-time with an offset converted
 * to UTC (`2026-02-27T23:30:00-05:00` → `2026-02-28`). Throws `InputError` otherwise.
 */
export function dayOfDatePosted(datePosted: string): string {
  if (DAY_PATTERN.test(datePosted) && isDay(datePosted)) return datePosted;
  if (DATE_TIME_PATTERN.test(datePosted)) {
    const at = new Date(datePosted);
    if (!Number.isNaN(at.getTime()) && isDay(datePosted.slice(0, 10))) return utcDay(at);
  }
  throw new InputError(
    'invalid_date',
    `datePosted: expected a date YYYY-MM-DD or an ISO date-time with offset, received ${JSON.stringify(datePosted)}`,
  );
}

/** The day bucket of a posting: its `datePosted` when given, else the day it was first seen. */
export function bucketDay(datePosted: string | undefined, firstSeenDay: string): string {
  return datePosted === undefined ? firstSeenDay : dayOfDatePosted(datePosted);
}

/** Validates a query date; throws `InputError` naming `field`. */
export function parseDay(value: string, field: string): string {
  if (!isDay(value)) {
    throw new InputError(
      'invalid_query',
      `${field}: expected a date YYYY-MM-DD, received ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** `YYYYMMDD` as a number: the score of a day in the days index. */
export function dayScore(day: string): number {
  return Number(day.replaceAll('-', ''));
}

/** The ISO week (`2026-W05`) of a day, with its Monday and Sunday. */
export function isoWeek(day: string): Period {
  const epoch = requireDay(day);
  const weekday = (new Date(epoch * MS_PER_DAY).getUTCDay() + 6) % 7; // Monday = 0
  const monday = epoch - weekday;
  const thursday = new Date((monday + 3) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const firstOfYear = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const week = Math.floor((monday + 3 - firstOfYear) / 7) + 1;
  return {
    period: `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`,
    from: dayFromEpoch(monday),
    to: dayFromEpoch(monday + 6),
  };
}

/** The month (`2026-02`) of a day, with its first and last day. */
export function calendarMonth(day: string): Period {
  requireDay(day);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const last = Date.UTC(year, month, 0) / MS_PER_DAY;
  return { period: day.slice(0, 7), from: `${day.slice(0, 7)}-01`, to: dayFromEpoch(last) };
}

/** The period a day belongs to. */
export function periodOf(day: string, by: Granularity): Period {
  if (by === 'week') return isoWeek(day);
  if (by === 'month') return calendarMonth(day);
  requireDay(day);
  return { period: day, from: day, to: day };
}

/**
 * Every period from `from` to `to` (inclusive), in order, each clipped to the range, so the
 * first and last may be partial weeks or months.
 */
export function periodsBetween(from: string, to: string, by: Granularity): Period[] {
  const start = requireDay(from);
  const end = requireDay(to);
  const periods: Period[] = [];
  let cursor = start;
  while (cursor <= end) {
    const full = periodOf(dayFromEpoch(cursor), by);
    const fullEnd = requireDay(full.to);
    periods.push({
      period: full.period,
      from: dayFromEpoch(Math.max(cursor, requireDay(full.from))),
      to: dayFromEpoch(Math.min(end, fullEnd)),
    });
    cursor = fullEnd + 1;
  }
  return periods;
}

function requireDay(day: string): number {
  const epoch = epochDay(day);
  if (epoch === undefined) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(day)}`);
  return epoch;
}
