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
  /** Told when a robots.txt could not be read and everything is allowed instead. */
  onUnavailable?: (url: string, reason: string) => void;
}

/** Whether robots.txt lets us fetch `url`. */
export type RobotsCheck = (url: string) => Promise<boolean>;

/**
 * Reads robots.txt once per origin (per check function, i.e. per crawl), with our own
 * User-Agent, and answers for the `agent` group (else `*`). A 2xx body is parsed. Any other status
 * (404 and other 4xx, 5xx) or a network error or timeout allows everything — as Crawlee's
 * `respectRobotsTxtFile` effectively did; RFC 9309 would instead disallow everything after 5xx
 * or no answer.
 */
export function createRobotsCheck(options: RobotsOptions): RobotsCheck {
  const files = new Map<string, Promise<RobotsFile | undefined>>();
  return async (url) => {
    const origin = new URL(url).origin;
    let file = files.get(origin);
    if (file === undefined) {
      file = loadRobots(new URL('/robots.txt', origin), options);
      files.set(origin, file);
    }
    // robots-parser answers undefined for a URL of another origin; no rule means allowed.
    return (await file)?.isAllowed(url, options.agent) ?? true;
  };
}

type RobotsFile = ReturnType<typeof robotsParser>;

async function loadRobots(url: URL, options: RobotsOptions): Promise<RobotsFile | undefined> {
  await options.beforeFetch?.(url);
  try {
    const response = await fetch(url, {
      headers: { 'user-agent': options.userAgent, accept: 'text/plain, */*;q=0.5' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      if (response.status >= 500) options.onUnavailable?.(url.href, `HTTP ${response.status}`);
      return undefined;
    }
    return robotsParser(url.href, await response.text());
  } catch (error) {
    // fetch() says only "fetch failed"; the cause names the network error.
    const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
    options.onUnavailable?.(url.href, describeError(cause));
    return undefined;
  }
}
