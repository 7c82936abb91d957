import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../../src/crawl/adapters/index.js';
import { readSourceText } from '../../support/source-fixtures.js';

/** The responses of http-429.txt as header maps (lower-case names). */
async function fixtureResponses(): Promise<Array<Map<string, string>>> {
  const text = await readSourceText('http-429.txt');
  return text
    .split(/^HTTP\/1\.1 /m)
    .slice(1)
    .map((response) => {
      const headers = new Map<string, string>();
      for (const line of response.split('\n').slice(1)) {
        if (line.trim() === '') break;
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
      }
      return headers;
    });
}

const NOW = new Date('2026-03-02T16:00:00Z');

describe('parseRetryAfter', () => {
  it('reads both forms in the 429/503 fixture, measured from the Date header', async () => {
    const responses = await fixtureResponses();
    expect(responses).toHaveLength(3);
    const waits = responses.map((headers) => {
      const date = headers.get('date');
      return parseRetryAfter(headers.get('retry-after'), date ? new Date(date) : NOW);
    });
    expect(waits).toEqual([30_000, 120_000, 120_000]);
  });

  it('accepts delay-seconds, including 0 and surrounding spaces', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5_000);
    expect(parseRetryAfter('3600', NOW)).toBe(3_600_000);
  });

  it('accepts the three HTTP-date forms of RFC 9110', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 16:00:45 GMT', NOW)).toBe(45_000);
    expect(parseRetryAfter('Monday, 02-Mar-26 16:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('Mon Mar  2 16:00:10 2026', NOW)).toBe(10_000);
  });

  it('gives 0 for a date in the past, including a two-digit year read as the past', () => {
    expect(parseRetryAfter('Mon, 02 Mar 2026 15:59:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(0);
  });

  it('gives undefined for a missing or unreadable value', () => {
    for (const value of [
      undefined,
      '',
      'soon',
      '-5',
      '1.5',
      '30s',
      'Mon, 31 Feb 2026 16:00:00 GMT',
      'Mon, 02 Mar 2026 25:00:00 GMT',
      '2026-03-02T16:02:00Z',
      'Mon, 02 Mar 2026 16:02:00 +0100',
    ]) {
      expect(parseRetryAfter(value, NOW), String(value)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt from baseMs and caps it at capMs', () => {
    const top = () => 0.999_999;
    expect(
      [1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, 1_000, 30_000, top)),
    ).toEqual([999, 1_999, 3_999, 7_999, 15_999, 29_999, 29_999]);
  });

  it('applies full jitter: the random fraction of the ceiling, in whole milliseconds', () => {
    expect(backoffDelay(3, 1_000, 30_000, () => 0)).toBe(0);
    expect(backoffDelay(3, 1_000, 30_000, () => 0.5)).toBe(2_000);
    expect(backoffDelay(2, 333, 30_000, () => 0.5)).toBe(333);
  });

  it('treats attempt 0 or below as the first retry and never overflows', () => {
    const half = () => 0.5;
    expect(backoffDelay(0, 1_000, 30_000, half)).toBe(500);
    expect(backoffDelay(-3, 1_000, 30_000, half)).toBe(500);
    expect(backoffDelay(5_000, 1_000, 30_000, half)).toBe(15_000);
    expect(backoffDelay(Number.NaN, 1_000, 30_000, half)).toBe(500);
  });

  it('stays within [0, ceiling) with the default random source', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, 100, 10_000);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(800);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});
