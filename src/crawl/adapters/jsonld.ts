import { load } from 'cheerio';
import { normalizeEmploymentType, normalizeRemote, type Salary } from '../../posting/index.js';
import { parseLenientJson } from './lenient-json.js';
import {
  buildSalary,
  type DraftPosting,
  descriptionFields,
  first,
  isRecord,
  nativeId,
  normalizeDate,
  parseAmount,
  ResultCollector,
  salaryPeriod,
  trimmed,
} from './posting-fields.js';
import type { AdapterContext, AdapterResult } from './types.js';

/** How deep `@graph`/`mainEntity`/`itemListElement`/array nesting is followed. */
const MAX_DEPTH = 8;

/**
 * Maps the schema.org `JobPosting` nodes of a page's `<script type="application/ld+json">`
 * blocks to postings. Blocks are parsed leniently (see `parseLenientJson`); a block that is
 * still not JSON is a failure and the other blocks still count. Arrays, `@graph`, `mainEntity`
 * and `itemListElement` are followed; `@type` may be a string or an array (case-insensitive).
 *
 * - sourceId: `identifier.value` ?? `identifier` ?? the node's `url` ?? its `@id` URL ??
 *   `<link rel=canonical>` ?? the page URL. Postings of one page that would share a sourceId
 *   get `#{title-slug}` appended.
 * - Two nodes with the same title where one has no id of its own (a CMS snippet repeating
 *   the ATS block) are one posting: the more complete node is kept (with the other's id and
 *   `validThrough` when it has none).
 * - Postings whose `validThrough` is before `ctx.now` are skipped (counted in `skipped`).
 *
 * A page without any JobPosting gives an empty result.
 */
export function parseJobPostingPage(html: string, ctx: AdapterContext): AdapterResult {
  const $ = load(html);
  const pageUrl = ctx.url;
  const canonical = absoluteUrl($('link[rel~="canonical"]').first().attr('href'), pageUrl);
  const out = new ResultCollector(ctx);
  const nodes: Record<string, unknown>[] = [];
  const blocks = $('script').filter((_, el) =>
    /^application\/ld\+json\b/i.test($(el).attr('type')?.trim() ?? ''),
  );
  blocks.each((index, el) => {
    const raw = $(el).text();
    if (raw.trim().length === 0) return;
    try {
      collectJobPostings(parseLenientJson(raw), nodes, 0);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      out.fail(`JSON-LD block ${index + 1} of ${blocks.length} is not valid JSON: ${message}`);
    }
  });

  const fallbackIds = new Set([canonical ?? pageUrl, pageUrl]);
  const candidates: Candidate[] = [];
  for (const node of nodes) {
    const draft = toDraft(node, ctx, canonical ?? pageUrl);
    const ownId = !fallbackIds.has(draft.sourceId);
    mergeInto(candidates, { draft, ownId, expiry: validThrough(node.validThrough) });
  }
  const now = ctx.now?.getTime();
  const open = candidates.filter(
    (c) => now === undefined || c.expiry === undefined || c.expiry >= now,
  );
  out.skipped += candidates.length - open.length;
  disambiguateIds(open);
  for (const { draft } of open) out.add(draft);
  return out.result();
}

interface Candidate {
  draft: DraftPosting;
  /** Whether the sourceId came from the node itself rather than from the page. */
  ownId: boolean;
  /** End of `validThrough` in epoch ms. */
  expiry: number | undefined;
}

function collectJobPostings(value: unknown, out: Record<string, unknown>[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectJobPostings(item, out, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  if (isJobPosting(value)) {
    out.push(value);
    return;
  }
  for (const key of ['@graph', 'mainEntity', 'itemListElement', 'item']) {
    collectJobPostings(value[key], out, depth + 1);
  }
}

function isJobPosting(node: Record<string, unknown>): boolean {
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  return types.some((t) => typeof t === 'string' && /(?:^|[/:#])jobposting$/i.test(t.trim()));
}

function toDraft(node: Record<string, unknown>, ctx: AdapterContext, pageId: string): DraftPosting {
  const nodeUrl = absoluteUrl(first(node.url), ctx.url);
  const atId = trimmed(node['@id']);
  const idUrl = atId !== undefined && /^https?:\/\//i.test(atId) ? atId : undefined;
  return {
    sourceId: identifierOf(node.identifier) ?? nodeUrl ?? idUrl ?? pageId,
    url: nodeUrl ?? pageId,
    title: trimmed(node.title) ?? trimmed(node.name) ?? node.title,
    company: companyOf(node.hiringOrganization) ?? ctx.source.company,
    location: locationOf(node),
    remote: asArray(node.jobLocationType)
      .map((type) => normalizeRemote(type))
      .find((r) => r !== undefined),
    employmentType: normalizeEmploymentType(node.employmentType),
    salary: salaryOf(node),
    datePosted: normalizeDate(node.datePosted),
    ...descriptionFields(trimmed(first(node.description))),
  };
}

/** Adds `candidate`, or merges it with an earlier node for the same job (same title). */
function mergeInto(candidates: Candidate[], candidate: Candidate): void {
  const title = titleKey(candidate.draft.title);
  const same = candidates.findIndex(
    (c) =>
      title !== undefined &&
      titleKey(c.draft.title) === title &&
      (c.draft.sourceId === candidate.draft.sourceId || !c.ownId || !candidate.ownId),
  );
  const earlier = candidates[same];
  if (earlier === undefined) {
    candidates.push(candidate);
    return;
  }
  const [winner, loser] =
    completeness(candidate.draft) > completeness(earlier.draft)
      ? [candidate, earlier]
      : [earlier, candidate];
  if (!winner.ownId && loser.ownId) {
    winner.draft.sourceId = loser.draft.sourceId;
    winner.ownId = true;
  }
  winner.expiry ??= loser.expiry;
  candidates[same] = winner;
}

function titleKey(title: unknown): string | undefined {
  return trimmed(title)?.toLowerCase().replace(/\s+/g, ' ');
}

/** Number of mapped fields, then description length as a tie-breaker. */
function completeness(draft: DraftPosting): number {
  // Headings come with the HTML, which is already counted.
  const fields = Object.entries(draft).filter(
    ([key, v]) => key !== 'descriptionHeadings' && v !== undefined && v !== '',
  ).length;
  return fields + Math.min(draft.descriptionText.length, 999_999) / 1_000_000;
}

/** Postings of one page that still share a sourceId get `#{title-slug}` appended. */
function disambiguateIds(candidates: Candidate[]): void {
  const counts = new Map<string, number>();
  for (const { draft } of candidates) {
    counts.set(draft.sourceId, (counts.get(draft.sourceId) ?? 0) + 1);
  }
  for (const { draft } of candidates) {
    if ((counts.get(draft.sourceId) ?? 0) < 2) continue;
    const slug = (trimmed(draft.title) ?? 'untitled')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
    draft.sourceId = `${draft.sourceId.replace(/#.*$/, '')}#${slug || 'untitled'}`;
  }
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function absoluteUrl(value: unknown, base: string): string | undefined {
  const href = trimmed(value);
  if (href === undefined) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** `identifier` as PropertyValue `{value}`, a string or a number (first of an array). */
function identifierOf(identifier: unknown): string | undefined {
  const id = first(identifier);
  return isRecord(id) ? nativeId(id.value) : nativeId(id);
}

function companyOf(organization: unknown): string | undefined {
  const org = first(organization);
  return isRecord(org) ? trimmed(org.name) : trimmed(org);
}

/** Each `jobLocation` address as `locality, region, country`, joined by `; `. */
function locationOf(node: Record<string, unknown>): string | undefined {
  const places = asArray(node.jobLocation)
    .map(placeText)
    .filter((p): p is string => p !== undefined);
  if (places.length > 0) return [...new Set(places)].join('; ');
  const eligible = asArray(node.applicantLocationRequirements)
    .map((area) => (isRecord(area) ? trimmed(area.name) : trimmed(area)))
    .filter((a): a is string => a !== undefined);
  return eligible.length > 0 ? [...new Set(eligible)].join('; ') : undefined;
}

function placeText(place: unknown): string | undefined {
  if (!isRecord(place)) return trimmed(place);
  const address = first(place.address);
  if (!isRecord(address)) return trimmed(address) ?? trimmed(place.name);
  const country = first(address.addressCountry);
  const parts = [
    trimmed(address.addressLocality),
    trimmed(address.addressRegion),
    isRecord(country) ? trimmed(country.name) : trimmed(country),
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(', ') : trimmed(place.name);
}

/**
 * `baseSalary` MonetaryAmount: `value` a number or string (`"42,000"`), or a
 * QuantitativeValue with `value` or `minValue`/`maxValue`; `unitText` on either. Without a
 * currency (`currency`, else the posting's `salaryCurrency`) or a unit there is no salary.
 */
function salaryOf(node: Record<string, unknown>): Salary | undefined {
  const amount = first(node.baseSalary);
  if (!isRecord(amount)) return undefined;
  const value = first(amount.value);
  let min: number | undefined;
  let max: number | undefined;
  let unit = amount.unitText;
  if (isRecord(value)) {
    min = parseAmount(value.minValue) ?? parseAmount(value.value);
    max = parseAmount(value.maxValue) ?? parseAmount(value.value);
    unit = value.unitText ?? unit;
  } else {
    min = parseAmount(value);
    max = min;
  }
  return buildSalary(min, max, amount.currency ?? node.salaryCurrency, salaryPeriod(unit));
}

/** The end of `validThrough` in epoch ms; a bare date lasts until the end of that day (UTC). */
function validThrough(raw: unknown): number | undefined {
  const date = normalizeDate(first(raw));
  if (date === undefined) return undefined;
  return date.length === 10 ? Date.parse(`${date}T23:59:59.999Z`) : Date.parse(date);
}
