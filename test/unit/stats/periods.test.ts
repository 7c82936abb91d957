import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import {
  bucketDay,
  calendarMonth,
  dayOfDatePosted,
  isoWeek,
  parseDay,
  periodOf,
  periodsBetween,
  utcDay,
} from '../../../src/stats/index.js';

describe('day bucketing', () => {
  it('takes a plain date as is', () => {
    expect(dayOfDatePosted('2026-02-27')).toBe('2026-02-27');
  });

  it('converts date-times with offsets to the UTC day', () => {
    expect(dayOfDatePosted('2026-02-18T14:00:00.000Z')).toBe('2026-02-18');
    expect(dayOfDatePosted('2026-02-27T23:30:00-05:00')).toBe('2026-02-28');
    expect(dayOfDatePosted('2026-03-01T01:00:00+02:00')).toBe('2026-02-28');
    expect(dayOfDatePosted('2026-12-31T22:00Z')).toBe('2026-12-31');
  });

  it('rejects what is not a date, naming the field', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '27/02/2026', '2026-02-27T10:00:00', '', 'x']) {
      expect(() => dayOfDatePosted(bad)).toThrow(InputError);
      expect(() => dayOfDatePosted(bad)).toThrow(/^datePosted: /);
    }
  });

  it('falls back to the first-seen day when datePosted is absent', () => {
    expect(bucketDay(undefined, '2026-01-05')).toBe('2026-01-05');
    expect(bucketDay('2026-01-01T12:00:00Z', '2026-01-05')).toBe('2026-01-01');
  });

  it('takes the UTC day of an instant', () => {
    expect(utcDay(new Date('2026-02-27T23:59:59-01:00'))).toBe('2026-02-28');
    expect(() => utcDay(new Date('nope'))).toThrow(/^seenAt: /);
  });
});

describe('ISO weeks', () => {
  it('numbers Monday-based weeks', () => {
    expect(isoWeek('2026-02-02')).toEqual({
      period: '2026-W06',
      from: '2026-02-02',
      to: '2026-02-08',
    });
    expect(isoWeek('2026-02-08').period).toBe('2026-W06');
    expect(isoWeek('2026-02-09').period).toBe('2026-W07');
  });

  it('puts early January days in the last week of the year before', () => {
    // 2027-01-01 is a Friday: it belongs to 2026-W53.
    expect(isoWeek('2027-01-01')).toEqual({
      period: '2026-W53',
      from: '2026-12-28',
      to: '2027-01-03',
    });
    // 2021-01-03 is a Sunday: 2020-W53.
    expect(isoWeek('2021-01-03').period).toBe('2020-W53');
    expect(isoWeek('2021-01-04').period).toBe('2021-W01');
  });

  it('puts late December days in week 1 of the next year', () => {
    // 2025-12-29 is a Monday; that week's Thursday is 2026-01-01.
    expect(isoWeek('2025-12-29')).toEqual({
      period: '2026-W01',
      from: '2025-12-29',
      to: '2026-01-04',
    });
    expect(isoWeek('2024-12-30').period).toBe('2025-W01');
    expect(isoWeek('2024-12-29').period).toBe('2024-W52');
  });
});

describe('months and periods', () => {
  it('knows month lengths, leap years included', () => {
    expect(calendarMonth('2024-02-10')).toEqual({
      period: '2024-02',
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(calendarMonth('2026-02-10').to).toBe('2026-02-28');
    expect(calendarMonth('2026-12-31')).toEqual({
      period: '2026-12',
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });

  it('labels days as themselves', () => {
    expect(periodOf('2026-03-04', 'day')).toEqual({
      period: '2026-03-04',
      from: '2026-03-04',
      to: '2026-03-04',
    });
  });

  it('lists every period of a range, clipped to it, across a year boundary', () => {
    expect(periodsBetween('2025-12-20', '2026-02-03', 'month')).toEqual([
      { period: '2025-12', from: '2025-12-20', to: '2025-12-31' },
      { period: '2026-01', from: '2026-01-01', to: '2026-01-31' },
      { period: '2026-02', from: '2026-02-01', to: '2026-02-03' },
    ]);
    expect(periodsBetween('2025-12-27', '2026-01-06', 'week')).toEqual([
      { period: '2025-W52', from: '2025-12-27', to: '2025-12-28' },
      { period: '2026-W01', from: '2025-12-29', to: '2026-01-04' },
      { period: '2026-W02', from: '2026-01-05', to: '2026-01-06' },
    ]);
    expect(periodsBetween('2026-02-27', '2026-03-01', 'day').map((p) => p.period)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
    expect(periodsBetween('2026-01-01', '2026-01-01', 'week')).toEqual([
      { period: '2026-W01', from: '2026-01-01', to: '2026-01-01' },
    ]);
  });
});

describe('query dates', () => {
  it('accepts real dates and names the field of a bad one', () => {
    expect(parseDay('2024-02-29', 'from')).toBe('2024-02-29');
    expect(() => parseDay('2026-02-29', 'from')).toThrow(
      /^from: expected a date YYYY-MM-DD, received "2026-02-29"$/,
    );
    expect(() => parseDay('2026-13-01', 'to')).toThrow(InputError);
    expect(() => parseDay('yesterday', 'to')).toThrow(/^to: /);
  });
});
