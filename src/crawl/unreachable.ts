import { describeError } from '../errors.js';

/** Why a board's host could not be reached, as a person reads it, and the error code. */
export interface Unreachable {
  code: string;
  reason: string;
}

/** A source's host could not be reached: first at `sinceFirst` 0, then again while it retries. */
export interface UnreachableEvent {
  source: string;
  host: string;
  url: string;
  code: string;
  reason: string;
  /** Failed attempts on this host so far in this crawl. */
  failures: number;
  /** Seconds since the first failure on this host in this crawl. */
  seconds: number;
  /** One line saying all of it. */
  message: string;
}

const CAUSES: [RegExp, string, string][] = [
  [/\bECONNREFUSED\b/, 'ECONNREFUSED', 'connection refused'],
  [/\b(ENOTFOUND|EAI_AGAIN|EAI_NONAME)\b/, 'ENOTFOUND', 'host name not found (DNS)'],
  [/\b(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)\b/, 'EHOSTUNREACH', 'host unreachable'],
  [/\bECONNRESET\b|socket hang up/, 'ECONNRESET', 'connection reset'],
  [/\b(ETIMEDOUT|ESOCKETTIMEDOUT)\b|timed out|Timeout awaiting/i, 'ETIMEDOUT', 'no answer in time'],
];

/**
 * Whether `error` (as Crawlee hands it over: got's error, or a SessionError whose second line
 * is got's message) says the host was not reached at all, rather than answering badly.
 */
export function unreachableCause(error: unknown): Unreachable | undefined {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, String((current as NodeJS.ErrnoException).code ?? ''));
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  const text = parts.join('\n');
  for (const [pattern, code, reason] of CAUSES) {
    if (pattern.test(text)) return { code, reason };
  }
  return undefined;
}

/** A failure's reason for the crawl report: what the host did, or the error's first line. */
export function describeRequestError(url: string, error: unknown): string {
  const cause = unreachableCause(error);
  if (cause === undefined) return describeError(error);
  return `cannot reach ${hostOf(url)}: ${cause.reason} (${cause.code})`;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/**
 * Watches one crawl's failed requests and calls `report` when a host cannot be reached: at its
 * first failure, then at most once every `everyMs` while failures go on (not once per request).
 */
export function createUnreachableWatch(options: {
  source: string;
  report: (event: UnreachableEvent) => void;
  everyMs?: number;
  now?: () => number;
}): (url: string, error: unknown, final?: boolean) => void {
  const everyMs = options.everyMs ?? 30_000;
  const now = options.now ?? Date.now;
  const hosts = new Map<string, { first: number; reported: number; failures: number }>();
  return (url, error, final = false) => {
    const cause = unreachableCause(error);
    if (cause === undefined) return;
    const host = hostOf(url);
    const at = now();
    const state = hosts.get(host) ?? { first: at, reported: -Infinity, failures: 0 };
    hosts.set(host, state);
    state.failures += 1;
    if (at - state.reported < everyMs && !final) return;
    state.reported = at;
    const seconds = Math.round((at - state.first) / 100) / 10;
    const how = `cannot reach ${host}: ${cause.reason} (${cause.code})`;
    const then = final ? 'giving up on this crawl' : 'retrying';
    const message =
      state.failures === 1
        ? `board ${options.source} unreachable: ${how}; ${then}`
        : `board ${options.source} still unreachable after ${seconds} s: ${how}; ${state.failures} failed attempts, ${then}`;
    options.report({
      source: options.source,
      host,
      url,
      ...cause,
      failures: state.failures,
      seconds,
      message,
    });
  };
}
