import { describe, expect, it } from 'vitest';
import { roleStats, rollUp, share } from '../../../src/stats/aggregate.js';

describe('aggregation', () => {
  const lv = (required: number, preferred: number, mentioned: number) => ({
    required,
    preferred,
    mentioned,
  });
  const days = [
    {
      day: '2026-01-01',
      roles: new Map([
        ['a', 4],
        ['b', 1],
      ]),
      skills: new Map([
        [
          'a',
          new Map([
            ['x', lv(1, 1, 0)],
            ['y', lv(0, 0, 2)],
          ]),
        ],
        ['b', new Map([['x', lv(1, 0, 0)]])],
      ]),
    },
    {
      day: '2026-01-02',
      roles: new Map([['a', 2]]),
      skills: new Map([
        [
          'a',
          new Map([
            ['z', lv(2, 0, 0)],
            ['x', lv(0, 0, 1)],
          ]),
        ],
      ]),
    },
  ];

  it('sums days per role and sorts roles and skills', () => {
    const stats = roleStats(rollUp(days), 10, (id) => (id === 'x' ? 'Ex' : undefined));
    expect(stats.map((r) => [r.id, r.postings])).toEqual([
      ['a', 6],
      ['b', 1],
    ]);
    expect(stats[0]?.skills).toEqual([
      { id: 'x', name: 'Ex', count: 3, share: 0.5, required: 1, preferred: 1, mentioned: 1 },
      { id: 'y', name: 'y', count: 2, share: 0.3333, required: 0, preferred: 0, mentioned: 2 },
      { id: 'z', name: 'z', count: 2, share: 0.3333, required: 2, preferred: 0, mentioned: 0 },
    ]);
  });

  it('keeps the top N skills and filters by role', () => {
    const stats = roleStats(rollUp(days, 'a'), 1, () => undefined);
    expect(stats).toHaveLength(1);
    expect(stats[0]?.skills.map((s) => s.id)).toEqual(['x']);
  });

  it('rounds shares to 4 decimals and guards a zero denominator', () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(1, 0)).toBe(0);
  });
});
