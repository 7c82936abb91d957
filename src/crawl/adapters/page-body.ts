import { describeError, JobsiftError } from '../../errors.js';
import type { FetchedPage } from '../source-adapter.js';
import type { AdapterResult } from './types.js';

/** Parses a board API response; one that is not JSON (cut short, an HTML error page) is retried. */
export function parseJsonBody(page: FetchedPage): unknown {
  try {
    return JSON.parse(page.text);
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
 * (and process workers start on them) while the rest are still being parsed. Failure reasons
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
    for (const failure of result.failures) {
      failure.reason = failure.reason.replace(
        /^jobs\[(\d+)\]/,
        (_, i: string) => `jobs[${offset + Number(i)}]`,
      );
    }
    yield result;
  }
}
