import { escapeText } from 'entities';
import { z } from 'zod';
import { normalizeEmploymentType, normalizeRemote, type Salary } from '../../posting/index.js';
import { defineAdapter } from '../source-adapter.js';
import { boardName, commonOptions, originOption } from '../source-options.js';
import { parseJsonBody } from './page-body.js';
import {
  buildSalary,
  describeValue,
  descriptionFields,
  isRecord,
  nativeId,
  normalizeDate,
  parseAmount,
  ResultCollector,
  remoteFromLocation,
  salaryPeriod,
  trimmed,
  unexpectedBody,
} from './posting-fields.js';
import type { AdapterContext, AdapterResult } from './types.js';

export const LEVER_ORIGIN = 'https://api.lever.co';
export const LEVER_EU_ORIGIN = 'https://api.eu.lever.co';

/** `type: lever`: the site name of jobs.lever.co/{board}. */
export const leverOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('lever'),
  board: boardName,
  /** Lever keeps EU customers on a separate host (api.eu.lever.co). */
  region: z.enum(['global', 'eu']).default('global'),
  baseUrl: originOption.optional(),
});
export type LeverSource = z.output<typeof leverOptions>;

function leverOrigin(source: LeverSource): string {
  return source.baseUrl ?? (source.region === 'eu' ? LEVER_EU_ORIGIN : LEVER_ORIGIN);
}

/** Postings asked for per Lever page; a page with fewer items is the last one. */
export const LEVER_PAGE_SIZE = 100;

/** One page of a Lever board: `{origin}/v0/postings/{board}?mode=json&skip=…&limit=…`. */
export function leverPageUrl(source: LeverSource, skip: number, limit: number): string {
  const board = encodeURIComponent(source.board);
  return `${leverOrigin(source)}/v0/postings/${board}?mode=json&skip=${skip}&limit=${limit}`;
}

/**
 * Maps one Lever page (a bare JSON array) to postings. `descriptionHtml` is `description`,
 * then each `lists[]` entry as `<h3>{text}</h3><ul>{content}</ul>`, then `additional`, so
 * requirement sections survive. `itemCount` is the length of the array (failed items
 * included): page on while it equals the page size.
 *
 * @throws InputError when the body is not an array.
 */
export function parseLeverPage(
  body: unknown,
  ctx: AdapterContext<LeverSource>,
): AdapterResult & { itemCount: number } {
  if (!Array.isArray(body)) throw unexpectedBody(ctx, 'an array of postings', body);
  const out = new ResultCollector(ctx);
  body.forEach((item: unknown, index) => {
    if (!isRecord(item)) {
      out.fail(`postings[${index}]: expected a posting object, received ${describeValue(item)}`);
      return;
    }
    const sourceId = nativeId(item.id);
    const url = trimmed(item.hostedUrl);
    if (sourceId === undefined) {
      out.fail(
        `postings[${index}]: expected an id, received ${describeValue(item.id)}`,
        undefined,
        url,
      );
      return;
    }
    const categories = isRecord(item.categories) ? item.categories : {};
    const location = locationOf(categories);
    out.add({
      sourceId,
      url,
      title: item.text,
      company: ctx.source.company,
      location,
      remote: normalizeRemote(item.workplaceType) ?? remoteFromLocation(location),
      employmentType: normalizeEmploymentType(categories.commitment),
      salary: salaryOf(item.salaryRange),
      datePosted: normalizeDate(item.createdAt),
      ...descriptionFields(descriptionHtml(item) ?? trimmed(item.descriptionPlain)),
    });
  });
  return { ...out.result(), itemCount: body.length };
}

function locationOf(categories: Record<string, unknown>): string | undefined {
  const location = trimmed(categories.location);
  if (location !== undefined || !Array.isArray(categories.allLocations)) return location;
  const all = categories.allLocations
    .map((l: unknown) => trimmed(l))
    .filter((l): l is string => l !== undefined);
  return all.length > 0 ? all.join('; ') : undefined;
}

function descriptionHtml(item: Record<string, unknown>): string | undefined {
  const parts: string[] = [];
  const description = trimmed(item.description);
  if (description !== undefined) parts.push(description);
  if (Array.isArray(item.lists)) {
    for (const list of item.lists) {
      if (!isRecord(list)) continue;
      const heading = trimmed(list.text);
      const content = trimmed(list.content);
      if (heading !== undefined) parts.push(`<h3>${escapeText(heading)}</h3>`);
      if (content !== undefined) parts.push(`<ul>${content}</ul>`);
    }
  }
  const additional = trimmed(item.additional);
  if (additional !== undefined) parts.push(additional);
  return parts.length > 0 ? parts.join('') : undefined;
}

/** `salaryRange{min, max, currency, interval: per-year-salary | per-hour-wage | …}`. */
function salaryOf(range: unknown): Salary | undefined {
  if (!isRecord(range)) return undefined;
  return buildSalary(
    parseAmount(range.min),
    parseAmount(range.max),
    range.currency,
    salaryPeriod(range.interval),
  );
}

/**
 * Lever Postings API, paged by `skip`/`limit` until a short page. A board that ignores `skip`
 * answers the same page for ever: paging goes on only while pages bring postings not seen
 * before (a page of failed items only also counts as new).
 */
export const leverAdapter = defineAdapter({
  type: 'lever',
  options: leverOptions,
  origin: leverOrigin,
  start: (source) => [
    { url: leverPageUrl(source, 0, LEVER_PAGE_SIZE), label: 'page', data: { skip: 0 } },
  ],
  *handle(page, ctx) {
    const result = parseLeverPage(parseJsonBody(page), { source: ctx.source, url: page.url });
    const broughtNew =
      result.postings.length === 0
        ? result.failures.length > 0
        : result.postings.some((posting) => ctx.isNew(posting.key));
    yield result;
    // A full page means there may be more: page on until a posting is actually cut off, so a
    // board filled exactly at a page boundary still reports whether it was truncated.
    if (result.itemCount < LEVER_PAGE_SIZE || ctx.truncated) return;
    if (!broughtNew) {
      yield {
        incomplete:
          'paging stopped: a full page with no posting not already seen on an earlier page (does the board ignore skip?)',
      };
      return;
    }
    const skip = Number(page.request.data?.skip ?? 0) + result.itemCount;
    yield {
      requests: [
        { url: leverPageUrl(ctx.source, skip, LEVER_PAGE_SIZE), label: 'page', data: { skip } },
      ],
    };
  },
});
