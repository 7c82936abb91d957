const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/** `Sun, 06 Nov 1994 08:49:37 GMT` (the preferred form). */
const IMF_FIXDATE = new RegExp(`^[a-z]{3}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`, 'i');
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850 form). */
const RFC850_DATE = new RegExp(`^[a-z]{6,9}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`, 'i');
/** `Sun Nov  6 08:49:37 1994` (obsolete asctime form, UTC). */
const ASCTIME_DATE = new RegExp(`^[a-z]{3} ${MONTH} {1,2}(\\d{1,2}) ${TIME} (\\d{4})$`, 'i');

/**
 * How long a `Retry-After` header (RFC 9110 §10.2.3) asks to wait, in milliseconds:
 * delay-seconds (`"120"`) or an HTTP-date in any of the three forms recipients must accept
 * (IMF-fixdate, RFC 850, asctime), measured from `now`. A date in the past gives 0; a missing
 * or unreadable value gives `undefined` (fall back to `backoffDelay`). No cap is applied.
 *
 * @example parseRetryAfter('30', now) // 30000
 * @example parseRetryAfter('Mon, 02 Mar 2026 16:02:00 GMT', new Date('2026-03-02T16:00:00Z')) // 120000
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const date = parseHttpDate(s, now);
  if (date === undefined) return undefined;
  return Math.max(0, date - now.getTime());
}

/** An HTTP-date in epoch ms, or `undefined`. */
function parseHttpDate(s: string, now: Date): number | undefined {
  let match = IMF_FIXDATE.exec(s);
  if (match !== null) {
    const [, day, month, year, h, m, sec] = match;
    return utc(Number(year), month, Number(day), h, m, sec);
  }
  match = RFC850_DATE.exec(s);
  if (match !== null) {
    const [, day, month, yy, h, m, sec] = match;
    // A two-digit year more than 50 years ahead is the latest past year with those digits.
    const thisYear = now.getUTCFullYear();
    let year = thisYear - (thisYear % 100) + Number(yy);
    if (year > thisYear + 50) year -= 100;
    return utc(year, month, Number(day), h, m, sec);
  }
  match = ASCTIME_DATE.exec(s);
  if (match !== null) {
    const [, month, day, h, m, sec, year] = match;
    return utc(Number(year), month, Number(day), h, m, sec);
  }
  return undefined;
}

function utc(
  year: number,
  monthName: string | undefined,
  day: number,
  hours: string | undefined,
  minutes: string | undefined,
  seconds: string | undefined,
): number | undefined {
  const month = MONTHS.indexOf(monthName?.toLowerCase() ?? '');
  const h = Number(hours);
  const m = Number(minutes);
  const sec = Number(seconds);
  if (month < 0 || h > 23 || m > 59 || sec > 60) return undefined;
  const time = Date.UTC(year, month, day, h, m, Math.min(sec, 59));
  const date = new Date(time);
  // Reject days the month does not have (31 Feb), which Date.UTC would roll over.
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) return undefined;
  return time;
}

/**
 * Exponential backoff with full jitter: a random wait in `[0, min(capMs, baseMs * 2^(attempt-1)))`,
 * so `attempt` 1 (the first retry) waits up to `baseMs`, attempt 2 up to `2 * baseMs`, and so
 * on until `capMs`. `attempt` below 1 counts as 1. Returns whole milliseconds.
 *
 * @example backoffDelay(3, 1_000, 30_000) // somewhere in [0, 4000)
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt) - 1) : 0;
  const ceiling = Math.max(0, Math.min(capMs, baseMs * 2 ** exponent));
  const fraction = Math.min(Math.max(random(), 0), 1);
  return Math.floor(fraction * ceiling);
}
