import { describe, expect, it } from 'vitest';
import { boardSlices, parseJsonBody } from '../../../src/crawl/adapters/index.js';
import type { AdapterResult } from '../../../src/crawl/adapters/types.js';
import type { FetchedPage } from '../../../src/crawl/source-adapter.js';
import { JobsiftError } from '../../../src/errors.js';

function page(text: string): FetchedPage {
  return {
    url: 'https://boards.example/jobs',
    text,
    request: { url: 'https://boards.example/jobs', label: 'board' },
  };
}

describe('parseJsonBody', () => {
  it('parses the body and lets its text go, so a big board is not held twice', () => {
    const fetched = page('{"jobs":[{"id":1}]}');
    expect(parseJsonBody(fetched)).toEqual({ jobs: [{ id: 1 }] });
    expect(fetched.text).toBe('');
  });

  it('keeps the text of a body that is not JSON, and says it may be retried', () => {
    const fetched = page('<html>busy</html>');
    expect(() => parseJsonBody(fetched)).toThrow(JobsiftError);
    expect(() => parseJsonBody(fetched)).toThrow(expect.objectContaining({ retryable: true }));
    expect(fetched.text).toBe('<html>busy</html>');
  });
});

describe('boardSlices', () => {
  const empty = (): AdapterResult => ({ postings: [], failures: [] });

  it('hands each slice its own jobs and lets the raw jobs of a parsed slice go', () => {
    const jobs = Array.from({ length: 600 }, (_, id) => ({ id }));
    const board = { jobs };
    const seen: number[][] = [];
    const slices = boardSlices(board, (body) => {
      seen.push((body as { jobs: { id: number }[] }).jobs.map((job) => job.id));
      return empty();
    });
    slices.next();
    expect(seen[0]).toEqual(Array.from({ length: 250 }, (_, id) => id));
    expect(jobs.slice(0, 250).every((job) => job === undefined)).toBe(true);
    expect(jobs[250]).toEqual({ id: 250 });
    for (const _ of slices);
    expect(seen.map((ids) => ids.length)).toEqual([250, 250, 100]);
    expect(seen[2]?.[0]).toBe(500);
    expect(jobs.every((job) => job === undefined)).toBe(true);
  });
});
