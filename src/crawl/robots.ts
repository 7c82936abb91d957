import robotsParserModule from 'robots-parser';
import { describeError } from '../errors.js';

// robots-parser is CommonJS (`module.exports = robotsParser`) but its types declare a default
// export; under NodeNext the default import is the function itself.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

export interface RobotsOptions {
  /** The User-Agent header of the robots.txt request: the crawl's own. */
  userAgent: string;
  /** The product token robots.txt groups are matched against, e.g. `jobsift`. */
  agent: string;
  timeoutMs: number;
  /** Awaited before each robots.txt request (the crawl's per-host pacing). */
  beforeFetch?: (url: URL) => Promise<void>;
  /** Told the `Crawl-delay` (seconds) a robots.txt sets for our agent (else `*`), if any. */
  onCrawlDelay?: (url: URL, seconds: number) => void;
}

/**
 * What robots.txt says of a URL: allowed; disallowed by its rules; or not known because
 * robots.txt could not be read (`unavailable` says why), in which case nothing is fetched.
 */
export type RobotsVerdict =
  | { allowed: true }
  | { allowed: false; unavailable?: undefined }
  | { allowed: false; unavailable: string };

/** What robots.txt says of fetching `url`. */
export type RobotsCheck = (url: string) => Promise<RobotsVerdict>;

/**
 * Reads robots.txt once per origin (per check function, i.e. per crawl), with our own
 * User-Agent, and answers for the `agent` group (else `*`), as RFC 9309 says: a 2xx body is
 * parsed; a 4xx other than 429 means there are no rules; a 5xx, a 429, a network error or a
 * timeout means robots.txt is unreachable, so nothing on that origin is fetched in this crawl
 * (a later crawl asks again).
 */
export function createRobotsCheck(options: RobotsOptions): RobotsCheck {
  const files = new Map<string, Promise<RobotsFile>>();
  return async (url) => {
    const origin = new URL(url).origin;
    let file = files.get(origin);
    if (file === undefined) {
      file = loadRobots(new URL('/robots.txt', origin), options);
      files.set(origin, file);
    }
    const loaded = await file;
    if (loaded.kind === 'unavailable') return { allowed: false, unavailable: loaded.reason };
    // robots-parser answers undefined for a URL of another origin; no rule means allowed.
    return loaded.kind === 'rules' && loaded.rules.isAllowed(url, options.agent) === false
      ? { allowed: false }
      : { allowed: true };
  };
}

type RobotsFile =
  | { kind: 'rules'; rules: ReturnType<typeof robotsParser> }
  | { kind: 'none' }
  | { kind: 'unavailable'; reason: string };

async function loadRobots(url: URL, options: RobotsOptions): Promise<RobotsFile> {
  await options.beforeFetch?.(url);
  try {
    const response = await fetch(url, {
      headers: { 'user-agent': options.userAgent, accept: 'text/plain, */*;q=0.5' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status >= 500 || response.status === 429) {
        return { kind: 'unavailable', reason: `HTTP ${response.status}` };
      }
      return { kind: 'none' };
    }
    const rules = robotsParser(url.href, await response.text());
    const delay = rules.getCrawlDelay(options.agent);
    if (delay !== undefined && Number.isFinite(delay) && delay > 0) {
      options.onCrawlDelay?.(url, delay);
    }
    return { kind: 'rules', rules };
  } catch (error) {
    // fetch() says only "fetch failed"; the cause names the network error.
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    return { kind: 'unavailable', reason: describeError(cause) };
  }
}
