import { decodeHTML } from 'entities';
import { InputError } from '../../errors.js';
import { plural } from '../../format.js';
import {
  type EmploymentType,
  type Posting,
  parsePosting,
  postingKey,
  type Remote,
  type Salary,
  type SalaryPeriod,
  salarySchema,
  type TextRange,
  toTextDocument,
} from '../../posting/index.js';
import type { AdapterContext, AdapterFailure, AdapterResult } from './types.js';

/** A posting as an adapter maps it, before `key`/`source` are added and it is validated. */
export interface DraftPosting {
  sourceId: string;
  url?: string | undefined;
  /** Left `unknown` so that a missing or non-string title is reported by `parsePosting`. */
  title: unknown;
  company?: string | undefined;
  location?: string | undefined;
  remote?: Remote | undefined;
  employmentType?: EmploymentType | undefined;
  salary?: Salary | undefined;
  datePosted?: string | undefined;
  descriptionText: string;
  descriptionHtml?: string | undefined;
  descriptionHeadings?: TextRange[] | undefined;
}

/** Gathers the postings, failures and skips of one response. */
export class ResultCollector {
  readonly postings: Posting[] = [];
  readonly failures: AdapterFailure[] = [];
  skipped = 0;

  constructor(private readonly ctx: AdapterContext) {}

  /** Validates `draft` (its id, then `parsePosting`); an invalid one becomes a failure. */
  add(draft: DraftPosting): Posting | undefined {
    const idProblem = nativeIdProblem(draft.sourceId);
    if (idProblem !== undefined) {
      this.fail(`invalid id ${describeValue(draft.sourceId)}: ${idProblem}`, undefined, draft.url);
      return undefined;
    }
    const source = this.ctx.source.id;
    const input: Record<string, unknown> = { key: postingKey(source, draft.sourceId), source };
    for (const [field, value] of Object.entries(draft)) {
      if (value !== undefined) input[field] = value;
    }
    try {
      const posting = parsePosting(input);
      this.postings.push(posting);
      return posting;
    } catch (error) {
      this.fail(oneLine(error), draft.sourceId, draft.url);
      return undefined;
    }
  }

  fail(reason: string, sourceId?: string, url?: string): void {
    const failure: AdapterFailure = { url: url ?? this.ctx.url, reason };
    if (sourceId !== undefined) failure.sourceId = sourceId;
    this.failures.push(failure);
  }

  result(): AdapterResult {
    return { postings: this.postings, failures: this.failures, skipped: this.skipped };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, else `undefined`. */
export function trimmed(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  return s.length > 0 ? s : undefined;
}

/** A native id (string or integer) as a string, else `undefined`. */
export function nativeId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return trimmed(value);
}

/** Longest native id accepted: ids become Redis keys and BullMQ job ids. */
export const MAX_NATIVE_ID_LENGTH = 512;
/** Letters and digits of any script, and the punctuation of URLs; no spaces or controls. */
const NATIVE_ID = /^[\p{L}\p{N}\p{M}\-._~:/?#[\]@!$&'()*+,;=%]+$/u;
/** Names that would reach an object's prototype if an id were ever used as a property name. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why `id` cannot be a native id, or `undefined` when it can. */
export function nativeIdProblem(id: string): string | undefined {
  if (id.length > MAX_NATIVE_ID_LENGTH) {
    return `too long (${id.length} characters, at most ${MAX_NATIVE_ID_LENGTH})`;
  }
  if (!NATIVE_ID.test(id)) {
    return 'expected letters, digits and URL punctuation, without spaces or control characters';
  }
  if (RESERVED_IDS.has(id)) return 'a reserved name';
  return undefined;
}

/** The first element of an array, or the value itself. */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A short description of a value for error messages: `null`, `an array of 3 items`… */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`;
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `a string ${JSON.stringify(shown)}`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty object';
    const shown = keys.slice(0, 5).map((k) => JSON.stringify(k));
    return `an object with keys ${shown.join(', ')}${keys.length > 5 ? ', …' : ''}`;
  }
  return `${typeof value} ${String(value)}`;
}

/** The `InputError` for a response that is not the shape a source type returns at all. */
export function unexpectedBody(ctx: AdapterContext, expected: string, body: unknown): InputError {
  return new InputError(
    'invalid_response',
    `${ctx.source.type} source "${ctx.source.id}": ${ctx.url}: expected ${expected}, received ${describeValue(body)}`,
  );
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * `descriptionText` and `descriptionHtml` of a description that may be HTML, entity-escaped
 * HTML (decoded exactly once) or plain text (then there is no `descriptionHtml`).
 */
export function descriptionFields(
  raw: string | undefined,
): Pick<DraftPosting, 'descriptionText' | 'descriptionHtml' | 'descriptionHeadings'> {
  if (raw === undefined || raw.trim().length === 0) return { descriptionText: '' };
  const doc = toTextDocument(raw);
  if (doc.format === 'text') return { descriptionText: doc.text.trim() };
  return {
    descriptionText: doc.text,
    descriptionHtml: doc.source,
    descriptionHeadings: doc.headings,
  };
}

/**
 * Remote/hybrid/on-site as far as a free-text location says it (`Remote - US` → `remote`,
 * `Berlin (Hybrid)` → `hybrid`); a location that mentions both hybrid and remote is `hybrid`.
 */
export function remoteFromLocation(location: string | undefined): Remote | undefined {
  if (location === undefined) return undefined;
  if (/\bhybrid\b/i.test(location)) return 'hybrid';
  if (/\b(?:remote|telecommute|work from home|wfh)\b/i.test(location)) return 'remote';
  if (/\b(?:on-?site|in[- ]office)\b/i.test(location)) return 'onsite';
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const YEAR_MONTH_DAY = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const HAS_ZONE = /(?:\b(?:GMT|UTC)|[+-]\d{4})$/i;

/**
 * A posting date as the Posting schema accepts it: a date-time with a zone becomes UTC ISO
 * (`2026-02-18T14:00:00.000Z`), a date stays a date (`2026-02-27`), a number is epoch
 * milliseconds. A date-time without a zone keeps its date only; `03/02/2026` is read when
 * unambiguous (`25/02/2026`, `02/25/2026`), else dropped. Anything unreadable gives `undefined`.
 */
export function normalizeDate(raw: unknown): string | undefined {
  if (typeof raw === 'number') return isoDateTime(new Date(raw));
  const s = trimmed(raw);
  if (s === undefined) return undefined;
  const date = ISO_DATE.exec(s);
  if (date !== null) return isoDate(Number(date[1]), Number(date[2]), Number(date[3]));
  const dateTime = ISO_DATE_TIME.exec(s);
  if (dateTime !== null) {
    const [, day = '', time = '', zone] = dateTime;
    if (zone === undefined) return normalizeDate(day);
    const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    return normalizeDate(day) === undefined
      ? undefined
      : isoDateTime(new Date(`${day}T${time}${offset.toUpperCase()}`));
  }
  const ymd = YEAR_MONTH_DAY.exec(s);
  if (ymd !== null) return isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const dmy = DAY_MONTH_YEAR.exec(s);
  if (dmy !== null) {
    const a = Number(dmy[1]);
    const b = Number(dmy[2]);
    const year = Number(dmy[3]);
    if (a === b || (a > 12 && b <= 12)) return isoDate(year, b, a);
    if (b > 12 && a <= 12) return isoDate(year, a, b);
    return undefined;
  }
  if (HAS_ZONE.test(s)) return isoDateTime(new Date(s));
  return undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function isoDateTime(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A salary amount: a non-negative number, or a string like `42000`, `"42,000"`, `"42 000"`,
 * `"21.50"`, `"21,50"`, or `"42.000"` (dot-grouped thousands, read as 42000). Anything else
 * gives `undefined`.
 */
export function parseAmount(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : undefined;
  const s = trimmed(raw)?.replace(/\u00a0/g, ' ');
  if (s === undefined) return undefined;
  let normalized: string | undefined;
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) normalized = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(?:\.\d+)?$/.test(s)) normalized = s;
  else if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) normalized = s.replace(/,/g, '');
  else if (/^\d{1,3}(?: \d{3})+$/.test(s)) normalized = s.replace(/ /g, '');
  else if (/^\d+,\d{1,2}$/.test(s)) normalized = s.replace(',', '.');
  return normalized === undefined ? undefined : Number(normalized);
}

const PERIOD_WORDS: ReadonlyArray<readonly [RegExp, SalaryPeriod]> = [
  [/hour/, 'hour'],
  [/day|daily/, 'day'],
  [/week/, 'week'],
  [/month/, 'month'],
  [/year|annual|annum/, 'year'],
];

/**
 * A salary period from a source's vocabulary: Lever `per-year-salary`, `per-hour-wage`;
 * JSON-LD `YEAR`, `HOUR`; `monthly`, `annual`… Unknown values (`one-time`) give `undefined`.
 */
export function salaryPeriod(raw: unknown): SalaryPeriod | undefined {
  const s = trimmed(raw)?.toLowerCase();
  if (s === undefined) return undefined;
  for (const [pattern, period] of PERIOD_WORDS) {
    if (pattern.test(s)) return period;
  }
  return undefined;
}

/**
 * A salary when it is complete and valid (ISO 4217 currency, a period, at least one positive
 * bound, `min <= max`); otherwise `undefined`, so a bad salary never sinks the posting.
 */
export function buildSalary(
  min: number | undefined,
  max: number | undefined,
  currency: unknown,
  period: SalaryPeriod | undefined,
): Salary | undefined {
  const code = trimmed(currency)?.toUpperCase();
  if (code === undefined || period === undefined) return undefined;
  const salary: Record<string, unknown> = { currency: code, period };
  if (min !== undefined && min > 0) salary.min = min;
  if (max !== undefined && max > 0) salary.max = max;
  const parsed = salarySchema.safeParse(salary);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A one-line field (title, company, location) that a feed may give with entities or inline
 * markup (`R&amp;D`, `<b>Senior</b> Engineer`): tags dropped, entities decoded once,
 * whitespace collapsed. A non-string is returned as it is, for the Posting schema to report.
 */
export function lineText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = decodeHTML(value.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text;
}
