import { decodeHTML } from 'entities';
import { z } from 'zod';
import { normalizeEmploymentType } from '../../posting/index.js';
import { defineAdapter, type PageOutcome } from '../source-adapter.js';
import { commonOptions, urlOption } from '../source-options.js';
import { parseEnvelope } from './payload.js';
import {
  type DraftPosting,
  describeValue,
  descriptionFields,
  isRecord,
  lineText,
  normalizeDate,
  ResultCollector,
  remoteFromLocation,
  trimmed,
} from './posting-fields.js';
import { parseXmlBody, xmlText } from './xml-body.js';

/** `type: rss`: an RSS 2.0 or Atom job feed (We Work Remotely, Teamtailor-style careers feeds). */
export const feedOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('rss'),
  url: urlOption('an RSS or Atom feed'),
  /**
   * How item titles are written: `title` (the default) as they are; `company: title` as We
   * Work Remotely writes them ("Saltmarsh Studio: Senior Engineer"), split at the first ": ".
   */
  titleFormat: z.enum(['title', 'company: title']).optional(),
  /** Every job of the feed is remote (a remote-only board): `remote` unless an item says otherwise. */
  remoteOnly: z.boolean().optional(),
});
export type FeedSource = z.output<typeof feedOptions>;

const feedSchema = z.union(
  [
    z.looseObject({ rss: z.looseObject({ channel: z.looseObject({}) }) }),
    z.looseObject({ feed: z.looseObject({}) }),
  ],
  { error: 'expected an RSS 2.0 <rss><channel> or an Atom <feed>' },
);

/**
 * RSS 2.0 and Atom feeds, parsed with fast-xml-parser. One item or entry is one posting; its
 * id is the `guid` (RSS) or `id` (Atom), else its link. Descriptions may be entity-escaped
 * HTML, CDATA or (Atom) inline XHTML; each is read once. A feed that links a next page
 * (`<link rel="next">`, RFC 5005) is paged within the same origin, up to maxPages.
 */
export const feedAdapter = defineAdapter({
  type: 'rss',
  options: feedOptions,
  origin: (source) => new URL(source.url).origin,
  start: (source) => [{ url: source.url, label: 'feed' }],
  *handle(page, { source }): Generator<PageOutcome> {
    const ctx = { source, url: page.url };
    const xml = parseXmlBody(page, {
      arrays: ['item', 'entry', 'link', 'atom:link', 'category'],
      rawPaths: ['feed.entry.content'],
    });
    const feed = parseEnvelope(feedSchema, xml, ctx, 'an RSS or Atom feed');
    const out = new ResultCollector(ctx);
    const rss =
      'rss' in feed ? (feed.rss as { channel: Record<string, unknown> }).channel : undefined;
    const items =
      rss === undefined ? asArray((feed.feed as Record<string, unknown>).entry) : asArray(rss.item);
    const label = rss === undefined ? 'entry' : 'item';
    items.forEach((item, index) => {
      if (!isRecord(item)) {
        out.fail(`${label}[${index}]: expected an element, received ${describeValue(item)}`);
        return;
      }
      const draft = rss === undefined ? atomDraft(item, source, page.url) : rssDraft(item, source);
      if (typeof draft === 'string') {
        out.fail(`${label}[${index}]: ${draft}`);
        return;
      }
      out.add(draft);
    });
    yield out.result();
    const next = nextLink(rss ?? (feed.feed as Record<string, unknown>), page.url);
    if (next !== undefined) yield { requests: [{ url: next, label: 'feed' }] };
  },
});

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** A `rel="next"` link of the channel or feed, on the feed's own origin. */
function nextLink(container: Record<string, unknown>, base: string): string | undefined {
  for (const link of [...asArray(container.link), ...asArray(container['atom:link'])]) {
    if (!isRecord(link) || link['@rel'] !== 'next') continue;
    const href = trimmed(link['@href']);
    if (href === undefined || !URL.canParse(href, base)) continue;
    const url = new URL(href, base);
    if (url.origin === new URL(base).origin) return url.href;
  }
  return undefined;
}

/**
 * The title of an item: an Atom title of `type="html"` is markup, read as text; any other is
 * text whose entities some feeds escape once more (`R&amp;amp;D`), decoded once.
 */
function titleText(node: unknown): string | undefined {
  const raw = trimmed(xmlText(node));
  if (raw === undefined) return undefined;
  const type = isRecord(node) ? node['@type'] : undefined;
  if (type === 'html' || type === 'xhtml') return trimmed(lineText(raw));
  return trimmed(decodeHTML(raw).replace(/\s+/g, ' '));
}

function split(source: FeedSource, title: string): { title: string; company?: string } {
  if (source.titleFormat !== 'company: title') return { title };
  const at = title.indexOf(': ');
  if (at <= 0) return { title };
  return { company: title.slice(0, at).trim(), title: title.slice(at + 2).trim() };
}

/** An RSS `<item>`, or why it cannot be a posting. */
function rssDraft(item: Record<string, unknown>, source: FeedSource): DraftPosting | string {
  const link = trimmed(xmlText(asArray(item.link)[0]));
  const sourceId = trimmed(xmlText(item.guid)) ?? link;
  if (sourceId === undefined) return 'expected a <guid> or a <link>, received neither';
  const title = titleText(item.title);
  if (title === undefined) return 'title: expected a non-empty <title>, received nothing';
  const { title: role, company } = split(source, title);
  const location = trimmed(xmlText(item.region)) ?? trimmed(xmlText(item.location));
  const categories = asArray(item.category).map((c) => xmlText(c));
  return {
    sourceId,
    url: link,
    title: role,
    company:
      company ??
      (lineText(trimmed(xmlText(item['dc:creator']))) as string | undefined) ??
      source.company,
    location,
    remote: remoteFromLocation(location) ?? (source.remoteOnly ? 'remote' : undefined),
    employmentType: normalizeEmploymentType([xmlText(item.type), ...categories]),
    datePosted: normalizeDate(xmlText(item.pubDate)) ?? normalizeDate(xmlText(item['dc:date'])),
    ...descriptionFields(trimmed(xmlText(item.description) ?? xmlText(item['content:encoded']))),
  };
}

/** An Atom `<entry>`, or why it cannot be a posting. */
function atomDraft(
  entry: Record<string, unknown>,
  source: FeedSource,
  base: string,
): DraftPosting | string {
  const links = asArray(entry.link).filter(isRecord);
  const alternate = links.find((l) => l['@rel'] === undefined || l['@rel'] === 'alternate');
  const href = trimmed(alternate?.['@href']);
  const url = href !== undefined && URL.canParse(href, base) ? new URL(href, base).href : undefined;
  const sourceId = trimmed(xmlText(entry.id)) ?? url;
  if (sourceId === undefined) return 'expected an <id> or a <link>, received neither';
  const title = titleText(entry.title);
  if (title === undefined) return 'title: expected a non-empty <title>, received nothing';
  const { title: role, company } = split(source, title);
  const author = isRecord(entry.author) ? trimmed(xmlText(entry.author.name)) : undefined;
  const terms = asArray(entry.category).map((c) => (isRecord(c) ? c['@term'] : c));
  const description = atomContent(entry.content) ?? trimmed(xmlText(entry.summary));
  return {
    sourceId,
    url,
    title: role,
    company: company ?? author ?? source.company,
    remote: source.remoteOnly ? 'remote' : undefined,
    employmentType: normalizeEmploymentType(terms),
    datePosted: normalizeDate(xmlText(entry.published)) ?? normalizeDate(xmlText(entry.updated)),
    ...descriptionFields(description),
  };
}

/**
 * `<content>` kept raw: `type="xhtml"` is markup as it is; `type="html"` is entity-escaped
 * (or CDATA) HTML, decoded once; text is decoded to plain text.
 */
function atomContent(content: unknown): string | undefined {
  const raw = trimmed(xmlText(content));
  if (raw === undefined) return undefined;
  const type = isRecord(content) ? trimmed(content['@type']) : undefined;
  if (type === 'xhtml') return raw;
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw);
  if (cdata !== null) return trimmed(cdata[1]);
  return trimmed(decodeHTML(raw));
}
