import { describeError, JobsiftError } from '../../errors.js';
import type { FetchedPage } from '../source-adapter.js';
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
    throw new JobsiftError(
      'not_json',
      `response of ${page.url} is not JSON: ${describeError(error)}`,
      { cause: error, retryable: true },
    );
  }
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
    for (const failure of result.failures) {
      failure.reason = failure.reason.replace(
        /^jobs\[(\d+)\]/,
        (_, i: string) => `jobs[${offset + Number(i)}]`,
      );
    }
    yield result;
  }
}
