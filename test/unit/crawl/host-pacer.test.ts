import { describe, expect, it } from 'vitest';
import { createHostPacer } from '../../../src/crawl/host-pacer.js';

/** A pacer on a clock the test moves by hand. */
function pacerAt(intervalMs: number) {
  let now = 1_000_000;
  const pacer = createHostPacer(intervalMs, () => now);
  return {
    pacer,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('createHostPacer: reserve', () => {
  it('books concurrent requests to one host one interval apart', () => {
    const { pacer } = pacerAt(200);
    expect([1, 2, 3, 4].map(() => pacer.reserve('a.example'))).toEqual([0, 200, 400, 600]);
  });

  it('lets a request start at once after a quiet interval', () => {
    const { pacer, advance } = pacerAt(200);
    expect(pacer.reserve('a.example')).toBe(0);
    advance(150);
    expect(pacer.reserve('a.example')).toBe(50);
    advance(1_000);
    expect(pacer.reserve('a.example')).toBe(0);
  });

  it('paces each host on its own', () => {
    const { pacer } = pacerAt(1_000);
    expect(pacer.reserve('a.example')).toBe(0);
    expect(pacer.reserve('b.example')).toBe(0);
    expect(pacer.reserve('a.example:8080')).toBe(0);
    expect(pacer.reserve('a.example')).toBe(1_000);
  });

  it('starts no earlier than notBefore (a retry backoff), and spaces the next from there', () => {
    const { pacer, now } = pacerAt(100);
    expect(pacer.reserve('a.example', now() + 500)).toBe(500);
    expect(pacer.reserve('a.example')).toBe(600);
  });

  it('books nothing before a pause (a Retry-After) ends', () => {
    const { pacer, now, advance } = pacerAt(100);
    pacer.pause('a.example', now() + 2_000);
    pacer.pause('a.example', now() + 1_000); // a shorter pause does not cut the longer one
    expect(pacer.reserve('a.example')).toBe(2_000);
    expect(pacer.reserve('a.example')).toBe(2_100);
    expect(pacer.reserve('b.example')).toBe(0);
    advance(5_000);
    expect(pacer.reserve('a.example')).toBe(0);
  });
});

describe('createHostPacer: wait', () => {
  it('resolves concurrent waits for one host an interval apart', async () => {
    const pacer = createHostPacer(60);
    const started: number[] = [];
    await Promise.all(
      [1, 2, 3].map(async () => {
        await pacer.wait('a.example');
        started.push(Date.now());
      }),
    );
    started.sort((a, b) => a - b);
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(55);
    expect((started[2] ?? 0) - (started[1] ?? 0)).toBeGreaterThanOrEqual(55);
  });

  it('also waits out a pause that begins while it waits', async () => {
    const pacer = createHostPacer(50);
    pacer.reserve('a.example'); // the slot now is taken: the next is 50 ms away
    const start = Date.now();
    const waiting = pacer.wait('a.example');
    pacer.pause('a.example', start + 200);
    await waiting;
    expect(Date.now() - start).toBeGreaterThanOrEqual(195);
  });
});

describe('createHostPacer: slowDown (a robots.txt Crawl-delay)', () => {
  it('spaces that host further apart from the slot already booked, and no other host', () => {
    const { pacer } = pacerAt(100);
    expect(pacer.reserve('slow.example')).toBe(0);
    pacer.slowDown('slow.example', 2_000);
    expect(pacer.intervalFor('slow.example')).toBe(2_000);
    expect(pacer.intervalFor('fast.example')).toBe(100);
    expect([1, 2].map(() => pacer.reserve('slow.example'))).toEqual([2_000, 4_000]);
    expect([1, 2].map(() => pacer.reserve('fast.example'))).toEqual([0, 100]);
  });

  it('never speeds a host up', () => {
    const { pacer } = pacerAt(1_000);
    pacer.slowDown('a.example', 500);
    expect(pacer.intervalFor('a.example')).toBe(1_000);
    pacer.slowDown('a.example', 3_000);
    pacer.slowDown('a.example', 2_000);
    expect(pacer.intervalFor('a.example')).toBe(3_000);
  });
});
