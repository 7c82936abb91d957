import { describe, expect, it } from 'vitest';
import {
  createUnreachableWatch,
  describeRequestError,
  type UnreachableEvent,
  unreachableCause,
} from '../../../src/crawl/index.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
  code: 'ECONNREFUSED',
});
// Crawlee hands a refused connection over as a session error, got's message on its second line.
const session = new Error(
  'Detected a session error, rotating session... \nconnect ECONNREFUSED 127.0.0.1:9',
);

describe('an unreachable host', () => {
  it('is told from a host that answered badly, whatever the error looks like', () => {
    expect(unreachableCause(refused)).toEqual({
      code: 'ECONNREFUSED',
      reason: 'connection refused',
    });
    expect(unreachableCause(session)?.code).toBe('ECONNREFUSED');
    expect(unreachableCause(new Error('getaddrinfo ENOTFOUND jobs.example'))?.code).toBe(
      'ENOTFOUND',
    );
    expect(unreachableCause(new Error('request timed out after 60 seconds.'))?.code).toBe(
      'ETIMEDOUT',
    );
    expect(unreachableCause(new Error('wrapped', { cause: refused }))?.code).toBe('ECONNREFUSED');
    expect(unreachableCause(new Error('HTTP 500'))).toBeUndefined();
    expect(unreachableCause(new Error('response of http://x/ is not JSON'))).toBeUndefined();
  });

  it('is described in the crawl report by host and cause', () => {
    expect(describeRequestError('http://127.0.0.1:9/v1/boards/x/jobs', session)).toBe(
      'cannot reach 127.0.0.1:9: connection refused (ECONNREFUSED)',
    );
    expect(describeRequestError('http://x/', new Error('HTTP 404\nmore'))).toBe('HTTP 404');
  });

  it('is reported at its first failure, then once per interval while it fails, not per request', () => {
    let now = 0;
    const events: UnreachableEvent[] = [];
    const failed = createUnreachableWatch({
      source: 'dead',
      report: (event) => events.push(event),
      everyMs: 10_000,
      now: () => now,
    });
    for (let i = 0; i < 30; i++) {
      failed(`http://127.0.0.1:9/page/${i}`, refused);
      now += 1_000;
    }
    failed('http://127.0.0.1:9/last', refused, true);
    failed('http://board.example/x', new Error('HTTP 500'));
    expect(events.map((event) => [event.seconds, event.failures])).toEqual([
      [0, 1],
      [10, 11],
      [20, 21],
      [30, 31],
    ]);
    expect(events[0]?.message).toBe(
      'board dead unreachable: cannot reach 127.0.0.1:9: connection refused (ECONNREFUSED); retrying',
    );
    expect(events[1]?.message).toBe(
      'board dead still unreachable after 10 s: cannot reach 127.0.0.1:9: connection refused (ECONNREFUSED); 11 failed attempts, retrying',
    );
    expect(events[3]?.message).toMatch(/31 failed attempts, giving up on this crawl$/);
    expect(events[0]).toMatchObject({ source: 'dead', host: '127.0.0.1:9' });
  });
});
