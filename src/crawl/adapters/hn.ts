import { z } from 'zod';
import { defineAdapter, type PageOutcome } from '../source-adapter.js';
import { commonOptions, originOption } from '../source-options.js';
import { parseHiringLine } from './hn-first-line.js';
import { parseJsonBody } from './page-body.js';
import { eachItem, idField, parseEnvelope } from './payload.js';
import {
  descriptionFields,
  nativeId,
  normalizeDate,
  ResultCollector,
  trimmed,
} from './posting-fields.js';

export const HN_ALGOLIA_ORIGIN = 'https://hn.algolia.com';
/** Comments asked for per search page (Algolia answers at most 1,000 per query). */
export const HN_PAGE_SIZE = 500;

/** `type: hn`: an "Ask HN: Who is hiring?" thread; by default this month's. */
export const hnOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('hn'),
  /** The story id of the thread; without it, the newest one the `whoishiring` user posted. */
  thread: z.number().int().positive().optional(),
  /** Replaces the HN Algolia API's origin (a test server). */
  baseUrl: originOption.optional(),
});
export type HnSource = z.output<typeof hnOptions>;

const THREAD_TITLE = /^Ask HN: Who is hiring\?/i;
const threadsSchema = z.looseObject({
  hits: z.array(z.looseObject({ objectID: z.string(), title: z.string().nullish() })),
});
const commentsSchema = z.looseObject({
  hits: z.array(z.unknown()),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
});
const hitSchema = z.looseObject({
  objectID: idField,
  comment_text: z.string().nullish(),
  parent_id: z.number().int().nullish(),
  story_id: z.number().int().nullish(),
  created_at: z.string().nullish(),
});

const originOf = (source: HnSource) => source.baseUrl ?? HN_ALGOLIA_ORIGIN;

/** The threads of the `whoishiring` account, newest first. */
export function hnThreadsUrl(source: HnSource): string {
  return `${originOf(source)}/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=30`;
}

/** One page of a thread's comments. */
export function hnCommentsUrl(source: HnSource, story: number, page: number): string {
  return `${originOf(source)}/api/v1/search?tags=comment,story_${story}&hitsPerPage=${HN_PAGE_SIZE}&page=${page}`;
}

/**
 * "Ask HN: Who is hiring?" through the HN Algolia API: the thread is the newest story of the
 * `whoishiring` user titled so (or `thread`), its comments read page by page. Only top-level
 * comments are postings (replies are questions to the poster); deleted ones are skipped. The
 * first line gives company, title, location, remote and salary (`parseHiringLine`); the
 * posting links to the comment on news.ycombinator.com.
 */
export const hnAdapter = defineAdapter({
  type: 'hn',
  options: hnOptions,
  origin: originOf,
  start: (source) => [
    source.thread === undefined
      ? { url: hnThreadsUrl(source), label: 'threads' }
      : {
          url: hnCommentsUrl(source, source.thread, 0),
          label: 'comments',
          data: { story: source.thread, page: 0 },
        },
  ],
  *handle(page, ctx): Generator<PageOutcome> {
    const { source } = ctx;
    const adapterCtx = { source, url: page.url };
    const body = parseJsonBody(page);
    if (page.request.label === 'threads') {
      const threads = parseEnvelope(
        threadsSchema,
        body,
        adapterCtx,
        'an object with a "hits" array',
      );
      const thread = threads.hits.find((hit) => THREAD_TITLE.test(hit.title ?? ''));
      const story = Number(thread?.objectID);
      if (thread === undefined || !Number.isSafeInteger(story)) {
        yield {
          incomplete: 'no "Ask HN: Who is hiring?" thread among the whoishiring user\'s stories',
        };
        return;
      }
      yield {
        requests: [
          { url: hnCommentsUrl(source, story, 0), label: 'comments', data: { story, page: 0 } },
        ],
      };
      return;
    }
    const story = Number(page.request.data?.story);
    const comments = parseEnvelope(
      commentsSchema,
      body,
      adapterCtx,
      'an object with a "hits" array',
    );
    const out = new ResultCollector(adapterCtx);
    const topLevel = comments.hits.filter(
      (hit) =>
        !(
          typeof hit === 'object' &&
          hit !== null &&
          'parent_id' in hit &&
          (hit as { parent_id: unknown }).parent_id !== story
        ),
    );
    eachItem(
      topLevel,
      hitSchema,
      out,
      'hits',
      (hit) => {
        const text = trimmed(hit.comment_text);
        if (text === undefined) {
          out.skipped += 1;
          return undefined;
        }
        const id = nativeId(hit.objectID) ?? '';
        const line = parseHiringLine(text);
        return {
          sourceId: id,
          url: `https://news.ycombinator.com/item?id=${encodeURIComponent(id)}`,
          title: line.title ?? line.line,
          company: line.company,
          location: line.location,
          remote: line.remote,
          employmentType: line.employmentType,
          salary: line.salary,
          datePosted: normalizeDate(hit.created_at),
          ...descriptionFields(text),
        };
      },
      (raw) => raw.objectID,
    );
    yield out.result();
    const next = comments.page + 1;
    if (next < comments.nbPages && !ctx.truncated) {
      yield {
        requests: [
          {
            url: hnCommentsUrl(source, story, next),
            label: 'comments',
            data: { story, page: next },
          },
        ],
      };
    }
  },
});
