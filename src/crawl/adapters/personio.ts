import { escapeText } from 'entities';
import { z } from 'zod';
import { normalizeEmploymentType } from '../../posting/index.js';
import { defineAdapter } from '../source-adapter.js';
import { boardName, commonOptions, originOption } from '../source-options.js';
import { eachItem, parseEnvelope } from './payload.js';
import {
  descriptionFields,
  normalizeDate,
  ResultCollector,
  remoteFromLocation,
  trimmed,
} from './posting-fields.js';
import { parseXmlBody, xmlText } from './xml-body.js';

/** `type: personio`: the company of {board}.jobs.personio.de (or .com). */
export const personioOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('personio'),
  board: boardName,
  /** Tenants live on jobs.personio.de or jobs.personio.com. Default: de. */
  domain: z.enum(['de', 'com']).optional(),
  /** The language of the descriptions (`en`, `de`…); default: the company's own. */
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'expected a two-letter language code like "en"')
    .optional(),
  baseUrl: originOption.optional(),
});
export type PersonioSource = z.output<typeof personioOptions>;

const text = z.string().nullish();
const section = z.looseObject({ name: z.unknown(), value: z.unknown() });
const positionSchema = z.looseObject({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  subcompany: text,
  office: z.array(z.unknown()).nullish(),
  additionalOffices: z
    .looseObject({ office: z.array(z.unknown()).nullish() })
    .or(z.literal(''))
    .nullish(),
  jobDescriptions: z
    .looseObject({ jobDescription: z.array(section).nullish() })
    .or(z.literal(''))
    .nullish(),
  employmentType: text,
  schedule: text,
  createdAt: text,
});
type Position = z.output<typeof positionSchema>;
const feedSchema = z.looseObject({
  'workzag-jobs': z.union([
    z.looseObject({ position: z.array(z.unknown()).optional() }),
    z.literal(''),
  ]),
});

const originOf = (source: PersonioSource) =>
  source.baseUrl ??
  `https://${encodeURIComponent(source.board)}.jobs.personio.${source.domain ?? 'de'}`;
const languageQuery = (source: PersonioSource) =>
  source.language === undefined ? '' : `?language=${source.language}`;

/**
 * Personio's XML feed (`<workzag-jobs>`): each `<position>` with its `jobDescription`
 * sections, joined under their own headings; values in CDATA or entity-escaped HTML both
 * read once. An empty feed is an empty board, not an outage.
 */
export const personioAdapter = defineAdapter({
  type: 'personio',
  options: personioOptions,
  origin: originOf,
  start: (source) => [{ url: `${originOf(source)}/xml${languageQuery(source)}`, label: 'feed' }],
  *handle(page, { source }) {
    const ctx = { source, url: page.url };
    const xml = parseXmlBody(page, { arrays: ['position', 'jobDescription', 'office'] });
    const feed = parseEnvelope(feedSchema, xml, ctx, 'a <workzag-jobs> feed');
    const root = feed['workzag-jobs'];
    const out = new ResultCollector(ctx);
    eachItem(
      root === '' ? [] : (root.position ?? []),
      positionSchema,
      out,
      'position',
      (position) => toDraft(position, source),
    );
    yield out.result();
  },
});

function toDraft(position: Position, source: PersonioSource) {
  const extra = position.additionalOffices === '' ? [] : (position.additionalOffices?.office ?? []);
  const offices = [...(position.office ?? []), ...extra]
    .map((office) => trimmed(xmlText(office)))
    .filter((office): office is string => office !== undefined);
  const location = offices.length > 0 ? [...new Set(offices)].join('; ') : undefined;
  const sections =
    position.jobDescriptions === '' ? [] : (position.jobDescriptions?.jobDescription ?? []);
  const html = sections
    .map((s) => {
      const value = trimmed(xmlText(s.value));
      const heading = trimmed(xmlText(s.name));
      if (value === undefined) return '';
      return `${heading === undefined ? '' : `<h3>${escapeText(heading)}</h3>`}${value}`;
    })
    .join('');
  const type = trimmed(position.employmentType);
  return {
    sourceId: position.id,
    url: `${originOf(source)}/job/${encodeURIComponent(position.id)}${languageQuery(source)}`,
    title: position.name,
    company: trimmed(position.subcompany) ?? source.company,
    location,
    remote: remoteFromLocation(location),
    // `permanent` says nothing of the hours: then the schedule (full-time, part-time) does.
    employmentType:
      normalizeEmploymentType(type === 'permanent' ? position.schedule : type) ??
      normalizeEmploymentType(position.schedule),
    datePosted: normalizeDate(position.createdAt),
    ...descriptionFields(trimmed(html)),
  };
}
