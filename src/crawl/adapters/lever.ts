import { escapeText } from 'entities';
import { normalizeEmploymentType, normalizeRemote, type Salary } from '../../posting/index.js';
import { sourceOrigin } from '../sources.js';
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
import type { AdapterContext, AdapterResult, LeverSource } from './types.js';

/** Postings asked for per Lever page; a page with fewer items is the last one. */
export const LEVER_PAGE_SIZE = 100;

/** One page of a Lever board: `{origin}/v0/postings/{board}?mode=json&skip=…&limit=…`. */
export function leverPageUrl(source: LeverSource, skip: number, limit: number): string {
  const board = encodeURIComponent(source.board);
  return `${sourceOrigin(source)}/v0/postings/${board}?mode=json&skip=${skip}&limit=${limit}`;
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
