import { describe, expect, it } from 'vitest';
import {
  arrayMember,
  boardSlices,
  jsonBoardSlices,
  parseJsonBody,
} from '../../../src/crawl/adapters/index.js';
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

describe('arrayMember', () => {
  const bytesOf = (text: string) => Buffer.from(text, 'utf8');
  const elements = (text: string) => {
    const member = arrayMember(bytesOf(text), 'jobs');
    if (member === null) return null;
    const bytes = bytesOf(text);
    return {
      jobs: member.starts.map((start, k) => bytes.toString('utf8', start, member.ends[k])),
      rest: member.rest,
    };
  };

  it('finds each element of the array, whatever its strings hold, and the body without it', () => {
    const body =
      ' {"meta": {"total": 3}, "jobs" : [ {"id":1,"t":"a ] } \\" [ {"} , [1, 2] ,"x", 3.5e2, null ], "tail": "é" } ';
    expect(elements(body)).toEqual({
      jobs: ['{"id":1,"t":"a ] } \\" [ {"}', '[1, 2]', '"x"', '3.5e2', 'null'],
      rest: ' {"meta": {"total": 3}, "jobs" : [], "tail": "é" } ',
    });
    expect(JSON.parse(elements(body)?.rest ?? '')).toEqual({
      meta: { total: 3 },
      jobs: [],
      tail: 'é',
    });
    expect(elements('{"jobs":[]}')).toEqual({ jobs: [], rest: '{"jobs":[]}' });
  });

  it('is null for a body that is not an object with that array, or is cut short', () => {
    for (const body of [
      '[{"id":1}]',
      '{"items":[{"id":1}]}',
      '{"jobs":{"id":1}}',
      '{"jobs":[{"id":1},{"id":2',
      '{"jobs":[{"id":1}]',
      '{"jobs":[{"id":"1}]}',
      '{"jobs":[{"id":1}]} trailing',
      '<html>busy</html>',
      '',
    ]) {
      expect(elements(body), body).toBeNull();
    }
  });
});

describe('jsonBoardSlices', () => {
  function bytesPage(text: string): FetchedPage {
    return {
      url: 'https://boards.example/jobs',
      bytes: Buffer.from(text, 'utf8'),
      request: { url: 'https://boards.example/jobs', label: 'board' },
      get text(): string {
        throw new Error('the whole body was decoded');
      },
      set text(_: string) {},
    };
  }
  const board = (count: number) =>
    JSON.stringify({
      meta: { total: count },
      jobs: Array.from({ length: count }, (_, id) => ({ id, t: `Jöb ${id}` })),
    });

  it('parses a big board slice by slice from its bytes, never decoding the whole body', () => {
    const seen: { ids: number[]; meta: unknown }[] = [];
    const results = [
      ...jsonBoardSlices(bytesPage(board(600)), (body) => {
        const { jobs, meta } = body as { jobs: { id: number; t: string }[]; meta: unknown };
        seen.push({ ids: jobs.map((job) => job.id), meta });
        expect(jobs[0]?.t).toBe(`Jöb ${jobs[0]?.id}`);
        return {
          postings: [],
          failures: [{ url: undefined, reason: 'jobs[1]: expected an id' }],
        } as unknown as AdapterResult;
      }),
    ];
    expect(seen.map(({ ids }) => ids.length)).toEqual([250, 250, 100]);
    expect(seen[2]?.ids[0]).toBe(500);
    expect(seen[0]?.meta).toEqual({ total: 600 });
    expect(results.map((result) => result.failures[0]?.reason)).toEqual([
      'jobs[1]: expected an id',
      'jobs[251]: expected an id',
      'jobs[501]: expected an id',
    ]);
  });

  it('retries a damaged body before handing on any of its jobs', () => {
    const damaged = board(600).replace('{"id":400,', '{"id":tru,');
    const slices = jsonBoardSlices(bytesPage(damaged), () => {
      throw new Error('no slice should be parsed');
    });
    expect(() => slices.next()).toThrow(
      expect.objectContaining({ code: 'not_json', retryable: true }),
    );
  });

  it('reads a small board, or one cut short, as parseJsonBody does', () => {
    const small = { ...page(board(3)), bytes: Buffer.from(board(3)) };
    const [result] = [
      ...jsonBoardSlices(small, (body) => {
        expect((body as { jobs: unknown[] }).jobs).toHaveLength(3);
        return { postings: [], failures: [] } as unknown as AdapterResult;
      }),
    ];
    expect(result).toBeDefined();
    expect(small.text).toBe('');
    const cut = board(600).slice(0, -40);
    const truncated = { ...page(cut), bytes: Buffer.from(cut) };
    expect(() =>
      jsonBoardSlices(truncated, () => ({ postings: [], failures: [] }) as never).next(),
    ).toThrow(expect.objectContaining({ code: 'not_json', retryable: true }));
  });
});
