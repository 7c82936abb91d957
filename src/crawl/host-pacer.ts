import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polite spacing per host: a request to a host starts at least `intervalMs` after the previous
 * one to that host started, and not while the host is paused (after a 429). Slots are booked
 * synchronously, so concurrent requests to one host queue up one interval apart instead of
 * bursting.
 */
export interface HostPacer {
  readonly intervalMs: number;
  /** The spacing of requests to `host`: `intervalMs`, or longer after `slowDown`. */
  intervalFor(host: string): number;
  /** Spaces requests to `host` at least `intervalMs` apart from now on (a robots.txt Crawl-delay). */
  slowDown(host: string, intervalMs: number): void;
  /** No request to `host` starts before `untilMs` (a `Date.now()` time, e.g. from Retry-After). */
  pause(host: string, untilMs: number): void;
  /** Books the host's next free start time, no earlier than `notBefore`; returns the ms until it. */
  reserve(host: string, notBefore?: number): number;
  /** Books a slot and waits for it; a pause that begins meanwhile is waited out too. */
  wait(host: string, notBefore?: number): Promise<void>;
}

/** `intervalMs` is 60 000 / the source's maxRequestsPerMinute. */
export function createHostPacer(intervalMs: number, clock: () => number = Date.now): HostPacer {
  const nextSlot = new Map<string, number>();
  const pausedUntil = new Map<string, number>();
  const slowerHosts = new Map<string, number>();
  const intervalFor = (host: string): number => slowerHosts.get(host) ?? intervalMs;

  const reserve = (host: string, notBefore = 0): number => {
    const now = clock();
    const start = Math.max(now, notBefore, pausedUntil.get(host) ?? 0, nextSlot.get(host) ?? 0);
    nextSlot.set(host, start + intervalFor(host));
    return start - now;
  };

  return {
    intervalMs,
    intervalFor,
    slowDown(host, slower) {
      const before = intervalFor(host);
      if (slower <= before) return;
      slowerHosts.set(host, slower);
      // The slot booked last was spaced by the old interval: push the next one out.
      const booked = nextSlot.get(host);
      if (booked !== undefined) nextSlot.set(host, booked - before + slower);
    },
    pause(host, untilMs) {
      pausedUntil.set(host, Math.max(untilMs, pausedUntil.get(host) ?? 0));
    },
    reserve,
    async wait(host, notBefore = 0) {
      let delay = reserve(host, notBefore);
      while (delay > 0) {
        await sleep(delay);
        // Another request to the host got a 429 while this one waited: wait for the pause too.
        delay = (pausedUntil.get(host) ?? 0) > clock() ? reserve(host) : 0;
      }
    },
  };
}
