/**
 * Salary extraction from a posting's plain-text description. Pure and allocation-light: one
 * `matchAll` pass of a precompiled candidate pattern, then a few sticky or window-sized checks
 * per candidate that carries a currency.
 */

import { globalGate, type LineGate, matchAllOnLines } from '../text/index.js';

const DIGIT = globalGate('salary');

export type SalaryPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

export type Salary = {
  /** Lower bound; absent for "up to $X". */
  min?: number;
  /** Upper bound; absent for "from $X" / "$X+". Equal to `min` for a single exact figure. */
  max?: number;
  /** ISO 4217 code. */
  currency: string;
  period: SalaryPeriod;
  /**
   * The amount as written, with a period phrase that directly follows it ("$50/hour",
   * "£45,000 per annum"): `input.slice(start, end)`.
   */
  text: string;
  start: number;
  end: number;
};

// Currency written before the amount. Bare "$" is USD unless a more specific code appears.
const PREFIX =
  '(?:US|CA|CAD|C|AU|AUD|A|NZ|S|SG|HK|MX|R)\\$|\\$|€|£|₹|¥|₩|₪|₱|₦|₺|Rs\\.?|' +
  '(?:USD|EUR|GBP|CAD|AUD|NZD|SGD|HKD|CHF|INR|JPY|CNY|RMB|SEK|NOK|DKK|PLN|CZK|HUF|RON|BRL|MXN|' +
  'ZAR|ILS|AED|KRW|PHP|NGN)(?![A-Za-z])';
// Currency written after the amount.
const SUFFIX =
  '€|£|\\$|₹|円|zł|(?:USD|EUR|GBP|CAD|AUD|NZD|SGD|HKD|CHF|INR|JPY|CNY|RMB|SEK|NOK|DKK|PLN|CZK|' +
  'HUF|RON|BRL|MXN|ZAR|ILS|AED|KRW|PHP|NGN|[Ee]uros?|[Dd]ollars?)(?![A-Za-z])';
// Indian grouping (12,00,000), grouped thousands (120,000 / 60.000 / 120'000 / 60 000), plain.
const NUM =
  "\\d{1,2}(?:,\\d\\d)+,\\d{3}(?!\\d)|\\d{1,3}(?:[,.'’\\u00a0\\u202f ]\\d{3}(?!\\d))+(?:[.,]\\d{1,2}(?!\\d))?|\\d+(?:[.,]\\d{1,2}(?!\\d))?";
const MULT =
  '[kK](?![A-Za-z])|[mM][mMnN]?(?![A-Za-z])|[bB][nN]?(?![A-Za-z])|' +
  '\\s?(?:million|billion|thousand|[Ll]akhs?|[Ll]acs?|LPA|lpa|[Cc]rores?)(?![A-Za-z])';

function amount(i: 1 | 2): string {
  return `(?:(?<c${i}>${PREFIX})\\s?)?(?<n${i}>${NUM})(?<m${i}>${MULT})?(?:\\s?(?<s${i}>${SUFFIX}))?`;
}

/** Every amount or range of amounts; most have no currency and are dropped in code. */
const CANDIDATE = new RegExp(
  `(?<![A-Za-z0-9.,$€£₹])${amount(1)}` +
    `(?:\\s*(?<sep>-|–|—|to|and|until)\\s*${amount(2)})?` +
    '(?:(?<plus>\\+)(?!\\s*(?:equity|bonus|benefits?|stock|commission|RSUs?|options|super)\\b))?',
  'gd',
);

/** A period written right after the amount: "/hr", "per annum", "a year", "p.a.", "daily". */
const PERIOD_AFTER =
  /[ \t]*(?:\((?:gross|base|net|DOE|OTE)\)[ \t]*|(?:gross|base|net|OTE|DOE)[ \t]+)?(?<pre>\/|per|an?|each)?[ \t]*(?<w>hours?|hrs?|hourly|ph|p\/h|p\.h\.?|days?|daily|diem|pd|p\/d|weeks?|weekly|wk|pw|p\/w|months?|monthly|mth|mo|pcm|pm|p\.m\.?|p\/m|years?|yearly|annum|annually|annual|yr|pa|p\.a\.?|p\/a|salary|h|d|w|m|y)(?![A-Za-z])/iy;
/** A period named shortly before the amount: "Hourly rate: $50", "day rate £500". */
const PERIOD_BEFORE =
  /\b(?<w>hourly|per hour|daily|day rate|per day|per diem|weekly|per week|monthly|per month|annual|annually|yearly|per annum|per year)\b[^.\n;]{0,30}$/i;
const PERIOD_WORDS: Readonly<Record<string, SalaryPeriod>> = {
  hour: 'hour',
  hours: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hourly: 'hour',
  ph: 'hour',
  'p/h': 'hour',
  'p.h': 'hour',
  'p.h.': 'hour',
  h: 'hour',
  'per hour': 'hour',
  day: 'day',
  days: 'day',
  daily: 'day',
  diem: 'day',
  pd: 'day',
  'p/d': 'day',
  d: 'day',
  'day rate': 'day',
  'per day': 'day',
  'per diem': 'day',
  week: 'week',
  weeks: 'week',
  weekly: 'week',
  wk: 'week',
  pw: 'week',
  'p/w': 'week',
  w: 'week',
  'per week': 'week',
  month: 'month',
  months: 'month',
  monthly: 'month',
  mth: 'month',
  mo: 'month',
  pcm: 'month',
  pm: 'month',
  'p.m': 'month',
  'p.m.': 'month',
  'p/m': 'month',
  m: 'month',
  'per month': 'month',
  year: 'year',
  years: 'year',
  yearly: 'year',
  annum: 'year',
  annually: 'year',
  annual: 'year',
  yr: 'year',
  pa: 'year',
  'p.a': 'year',
  'p.a.': 'year',
  'p/a': 'year',
  salary: 'year',
  y: 'year',
  'per annum': 'year',
  'per year': 'year',
};

/** The amount is a benefit, not pay: "$2,000 annual learning budget", "$500 home office stipend". */
const BENEFIT_AFTER =
  /[ \t]*(?:(?!(?:plus|with|and|base|salary|OTE|per|a|an)\b)[A-Za-z-]+[ \t]+){0,3}?(?:bonus|sign-on|signing|allowance|budget|reimbursement|credits?|relocation|equity|home[ \t-]office|[A-Za-z-]+[ \t]+stipend|referral|gift|voucher|perks?|match|in (?:funding|revenue|sales|ARR|assets|investment)|funding|revenue|ARR|valuation|round|seed|series|investment|grant|fine|fee|deposit)\b/iy;
/** The amount is named as a benefit or a company figure just before it. */
const BENEFIT_BEFORE =
  /\b(?:(?!(?:monthly|weekly|annual|yearly|intern\w*|the|an?|your|paid)\s)[A-Za-z-]+\s+stipend|bonus(?:es)?|allowance|budget|reimbursement|credits?|relocation(?:\s+(?:assistance|package|support))?|equity|grant|match(?:ing)?|perks?|referral|voucher|raised|raising|funding|funded|valuation|valued|revenue|ARR|invest(?:ed|ment|ors)?|backed|turnover|worth|assets|under management|AUM|fee|fine)\s*(?:[:(-]\s*)?(?:(?:of|at|up to|upto|worth|totaling|totalling|an?|additional|annual|yearly|monthly|over|more than|nearly|almost|about|around|in|by)\s+)*$/i;
/** Salary words that make a candidate the preferred one. */
const SALARY_CONTEXT =
  /\b(?:salary|salaries|compensation|comp|pay|paying|paid|base|range|OTE|wages?|rate|remuneration|package|earn|earnings|CTC)\b/i;
const OTE_AFTER = /[ \t]*(?:\+[ \t]*)?(?:base|OTE|salary|compensation|total comp)\b/iy;
const MIN_BEFORE =
  /(?:à\s+partir\s+de|\b(?:from|ab|a\s+partir\s+de|desde|starting(?:\s+(?:at|from))?|starts\s+at|at\s+least|minimum(?:\s+of)?|min\.?|upwards\s+of|in\s+excess\s+of|north\s+of|over|more\s+than))\s*:?\s*$/i;
const MAX_BEFORE =
  /\b(?:up\s+to|bis\s+zu|bis|jusqu'à|maximum(?:\s+of)?|max\.?|as\s+much\s+as|no\s+more\s+than|capped\s+at)\s*:?\s*$/i;
const BETWEEN_BEFORE = /\bbetween\s*$/i;
const MONTH_NEAR = /month/i;

const CURRENCY: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  CA$: 'CAD',
  CAD$: 'CAD',
  C$: 'CAD',
  AU$: 'AUD',
  AUD$: 'AUD',
  A$: 'AUD',
  NZ$: 'NZD',
  S$: 'SGD',
  SG$: 'SGD',
  HK$: 'HKD',
  MX$: 'MXN',
  R$: 'BRL',
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  Rs: 'INR',
  'Rs.': 'INR',
  '¥': 'JPY',
  円: 'JPY',
  '₩': 'KRW',
  '₪': 'ILS',
  '₱': 'PHP',
  '₦': 'NGN',
  '₺': 'TRY',
  zł: 'PLN',
  RMB: 'CNY',
  euro: 'EUR',
  euros: 'EUR',
  Euro: 'EUR',
  Euros: 'EUR',
  dollar: 'USD',
  dollars: 'USD',
  Dollar: 'USD',
  Dollars: 'USD',
};
/** Currencies whose ordinary salaries run into the millions. */
const LARGE_UNIT_CURRENCIES: ReadonlySet<string> = new Set([
  'JPY',
  'KRW',
  'INR',
  'IDR',
  'VND',
  'HUF',
  'CLP',
  'COP',
  'NGN',
  'PHP',
]);

function currencyCode(symbol: string): string {
  return CURRENCY[symbol] ?? symbol;
}

/** "120,000" → 120000, "60.000" → 60000, "120'000" → 120000, "45.50" → 45.5, "12,00,000" → 1200000. */
function parseNumber(raw: string): number {
  let digits = '';
  let lastSep = -1;
  let lastSepChar = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      digits += raw[i];
    } else {
      lastSep = digits.length;
      lastSepChar = raw[i] ?? '';
    }
  }
  if (lastSep === -1) return Number(digits);
  const fraction = digits.length - lastSep;
  if ((lastSepChar === '.' || lastSepChar === ',') && fraction <= 2) {
    return Number(`${digits.slice(0, lastSep)}.${digits.slice(lastSep)}`);
  }
  return Number(digits);
}

function multiplier(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const m = raw.trim().toLowerCase();
  if (m === 'k' || m === 'thousand') return 1_000;
  if (m.startsWith('lakh') || m.startsWith('lac') || m === 'lpa') return 100_000;
  if (m.startsWith('crore')) return 10_000_000;
  if (m.startsWith('b')) return 1_000_000_000;
  return 1_000_000; // m, mm, mn, million
}

function isIndianUnit(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const m = raw.trim().toLowerCase();
  return m.startsWith('lakh') || m.startsWith('lac') || m === 'lpa' || m.startsWith('crore');
}

function isMillions(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const m = raw.trim().toLowerCase();
  return m.startsWith('m') || m.startsWith('b');
}

type Candidate = Salary & { preferred: boolean };

function stickyAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function lineBefore(text: string, start: number, width: number): string {
  const window = text.slice(Math.max(0, start - width), start);
  return window.slice(window.lastIndexOf('\n') + 1);
}

function candidateAt(text: string, m: RegExpExecArray): Candidate | null {
  const g = m.groups ?? {};
  const spans = m.indices?.groups ?? {};
  const n1 = g.n1;
  if (n1 === undefined) return null;
  const m1 = g.m1;
  const indian = isIndianUnit(m1) || isIndianUnit(g.m2);
  const symbols = [g.s2, g.s1, g.c1, g.c2].filter((s): s is string => s !== undefined);
  if (symbols.length === 0 && !indian) return null;
  // The most specific symbol wins: "$90,000 CAD" is CAD, "$90,000" is USD.
  const specific = symbols.find((s) => s !== '$');
  const currency = specific !== undefined ? currencyCode(specific) : symbols[0] ? 'USD' : 'INR';
  if (isMillions(m1) && !LARGE_UNIT_CURRENCIES.has(currency)) return null;

  const start = m.index;
  let end = start + m[0].length;
  const before = lineBefore(text, start, 60);
  if (BENEFIT_BEFORE.test(before)) return null;

  let lo = parseNumber(n1) * multiplier(m1);
  let hi: number | null = null;
  const n2 = g.n2;
  if (n2 !== undefined && g.sep !== undefined) {
    const m2 = g.m2;
    let second = parseNumber(n2) * multiplier(m2);
    // "$120-150k", "12-15 LPA": the second amount's unit applies to a bare first amount.
    if (m1 === undefined && m2 !== undefined && parseNumber(n1) < 1000) {
      lo = parseNumber(n1) * multiplier(m2);
    }
    if (m2 === undefined && m1 !== undefined && parseNumber(n2) < 1000) {
      second = parseNumber(n2) * multiplier(m1);
    }
    const sepOk = g.sep !== 'and' || BETWEEN_BEFORE.test(before);
    const ratioOk = Math.max(lo, second) <= 5 * Math.min(lo, second);
    if (sepOk && ratioOk && second > 0 && !isMillions(m2)) {
      hi = second;
    } else {
      // Not a range after all: keep the first amount alone.
      const firstEnd = spans.s1?.[1] ?? spans.m1?.[1] ?? spans.n1?.[1] ?? end;
      end = firstEnd;
      lo = parseNumber(n1) * multiplier(m1);
      if (g.s1 === undefined && g.c1 === undefined && !isIndianUnit(m1)) return null;
    }
  }
  if (!(lo > 0)) return null;
  if (hi !== null && hi < lo) [lo, hi] = [hi, lo];
  const top = hi ?? lo;
  if (top >= 1_000_000 && !LARGE_UNIT_CURRENCIES.has(currency)) return null;
  const plus = hi === null && g.plus !== undefined && end === start + m[0].length;

  // Period: written after, written before, implied by Indian units, or inferred from size.
  let period: SalaryPeriod | null = null;
  const after = stickyAt(PERIOD_AFTER, text, end);
  if (after?.groups) {
    const w = (after.groups.w ?? '').toLowerCase();
    const pre = after.groups.pre;
    if (w.length > 1 || pre === '/') {
      period = PERIOD_WORDS[w] ?? null;
      if (period !== null) end += after[0].length;
    }
  }
  if (stickyAt(BENEFIT_AFTER, text, end)) return null;
  if (period === null) {
    const b = PERIOD_BEFORE.exec(before);
    if (b?.groups?.w) period = PERIOD_WORDS[b.groups.w.toLowerCase()] ?? null;
  }
  if (period === null && indian) period = 'year';
  if (period === null) {
    if (top < 15) return null; // "$10 stipend", "$5 off"
    if (top >= 10_000) period = 'year';
    else if (top < 300) period = 'hour';
    else {
      const near = text.slice(Math.max(0, start - 60), Math.min(text.length, end + 60));
      period = MONTH_NEAR.test(near) ? 'month' : 'year';
    }
  }

  const round = (v: number): number => Math.round(v * 100) / 100;
  const salary: Candidate = {
    currency,
    period,
    text: text.slice(start, end),
    start,
    end,
    preferred: SALARY_CONTEXT.test(before) || stickyAt(OTE_AFTER, text, end) !== null,
  };
  if (hi !== null) {
    salary.min = round(lo);
    salary.max = round(hi);
  } else if (plus || MIN_BEFORE.test(before)) {
    salary.min = round(lo);
  } else if (MAX_BEFORE.test(before)) {
    salary.max = round(lo);
  } else {
    salary.min = round(lo);
    salary.max = round(lo);
  }
  return salary;
}

/**
 * The salary a posting states, or null. When several appear, the first one introduced by a
 * salary word ("salary", "compensation", "pay", "base", "range", "OTE") wins, else the first.
 */
export function extractSalary(text: string, lines: LineGate = DIGIT): Salary | null {
  let first: Candidate | null = null;
  for (const m of matchAllOnLines(text, CANDIDATE, lines)) {
    const c = candidateAt(text, m);
    if (c === null) continue;
    if (c.preferred) return strip(c);
    first ??= c;
  }
  return first === null ? null : strip(first);
}

function strip(c: Candidate): Salary {
  const { preferred: _preferred, ...salary } = c;
  return salary;
}
