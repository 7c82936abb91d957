import { describeError, JobsiftError } from '../../errors.js';
import type { FetchedPage } from '../source-adapter.js';
import { arrayMember } from './json-members.js';
import type { AdapterResult } from './types.js';

/**
 * Parses a board API response; one that is not JSON (cut short, an HTML error page) is retried.
 * The page's text is let go once parsed: a whole board's body is tens of MB (twice that as a
 * string with any non-Latin-1 character), and the crawl holds the page until every posting
 * parsed from it is queued.
 */
export function parseJsonBody(page: FetchedPage): unknown {
  try {
    const parsed: unknown = JSON.parse(page.text);
    page.text = '';
    return parsed;
  } catch (error) {
    throw notJson(page, error);
  }
}

function notJson(page: FetchedPage, error: unknown): JobsiftError {
  return new JobsiftError(
    'not_json',
    `response of ${page.url} is not JSON: ${describeError(error)}`,
    {
      cause: error,
      retryable: true,
    },
  );
}

/** Jobs normalised and handed on per slice of a big board. */
const BOARD_SLICE = 250;

/**
 * Parses a `{ jobs: [...] }` board in slices of 250 jobs, so that the first postings are queued
 * (and process workers start on them) while the rest are still being parsed. A slice's raw jobs
 * are let go once it is parsed, so a big board's memory falls as it is queued. Failure reasons
 * keep the job's index in the whole board (`jobs[260]`).
 */
export function* boardSlices(
  json: unknown,
  parse: (body: unknown) => AdapterResult,
): Generator<AdapterResult> {
  const jobs = (json as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs) || jobs.length <= BOARD_SLICE) {
    yield parse(json);
    return;
  }
  for (let offset = 0; offset < jobs.length; offset += BOARD_SLICE) {
    const result = parse({ ...(json as object), jobs: jobs.slice(offset, offset + BOARD_SLICE) });
    jobs.fill(undefined, offset, offset + BOARD_SLICE);
    renumberFailures(result, offset);
    yield result;
  }
}

/**
 * `boardSlices` of a `{ jobs: [...] }` board page, read from its bytes when the crawl has them:
 * each slice's jobs are parsed from their own bytes, so the body is never decoded whole and
 * the board's jobs are never all parsed at once. Every job is parsed once before the first
 * slice is handed on, so a body cut short or damaged anywhere is retried whole, as
 * `parseJsonBody` would have it, before any posting of it is queued.
 */
export function* jsonBoardSlices(
  page: FetchedPage,
  parse: (body: unknown) => AdapterResult,
): Generator<AdapterResult> {
  const bytes = page.bytes;
  const member = bytes === undefined ? null : arrayMember(bytes, 'jobs');
  if (bytes === undefined || member === null || member.starts.length <= BOARD_SLICE) {
    yield* boardSlices(parseJsonBody(page), parse);
    return;
  }
  const job = (index: number): unknown =>
    JSON.parse(bytes.toString('utf8', member.starts[index], member.ends[index]));
  let rest: object;
  try {
    rest = JSON.parse(member.rest) as object;
    for (let index = 0; index < member.starts.length; index++) job(index);
  } catch (error) {
    throw notJson(page, error);
  }
  const count = member.starts.length;
  for (let offset = 0; offset < count; offset += BOARD_SLICE) {
    const jobs: unknown[] = [];
    for (let index = offset; index < Math.min(offset + BOARD_SLICE, count); index++) {
      jobs.push(job(index));
    }
    const result = parse({ ...rest, jobs });
    renumberFailures(result, offset);
    yield result;
  }
}

/** Failure reasons of a slice name the job's index in the whole board (`jobs[260]`). */
function renumberFailures(result: AdapterResult, offset: number): void {
  for (const failure of result.failures) {
    failure.reason = failure.reason.replace(
      /^jobs\[(\d+)\]/,
      (_, i: string) => `jobs[${offset + Number(i)}]`,
    );
  }
}
