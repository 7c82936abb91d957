import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { parseStatsQuery, type StatsQuery } from '../../../src/stats/index.js';

describe('parseStatsQuery', () => {
  it('defaults top to 10 and keeps what is given', () => {
    expect(parseStatsQuery({})).toEqual({ top: 10 });
    expect(
      parseStatsQuery({
        from: '2026-01-01',
        to: '2026-01-31',
        role: 'data-engineer',
        top: 3,
        by: 'week',
        skill: 'c++',
      }),
    ).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      role: 'data-engineer',
      top: 3,
      by: 'week',
      skill: 'c++',
    });
  });

  it.each<[StatsQuery, RegExp]>([
    [{ from: '2026-02-30' }, /^from: expected a date YYYY-MM-DD/],
    [{ to: '20260101' }, /^to: expected a date YYYY-MM-DD/],
    [{ from: '2026-02-02', to: '2026-02-01' }, /^from: expected a day on or before to/],
    [{ top: 0 }, /^top: /],
    [{ top: 2.5 }, /^top: /],
    [{ by: 'year' as 'day' }, /^by: expected day, week or month/],
    [{ role: '' }, /^role: /],
    [{ skill: 'a b' }, /^skill: /],
  ])('rejects %j with one line naming the field', (query, message) => {
    let error: unknown;
    try {
      parseStatsQuery(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('invalid_query');
    expect((error as InputError).message).toMatch(message);
    expect((error as InputError).message).not.toContain('\n');
  });
});
