import { escapeText } from 'entities';
import { z } from 'zod';
import { normalizeEmploymentType, type Remote } from '../../posting/index.js';
import { type CrawlRequest, defineAdapter, type PageOutcome } from '../source-adapter.js';
import { boardName, commonOptions, originOption } from '../source-options.js';
import { parseJsonBody } from './page-body.js';
import { eachItem, parseEnvelope } from './payload.js';
import {
  descriptionFields,
  lineText,
  normalizeDate,
  ResultCollector,
  remoteFromLocation,
  trimmed,
} from './posting-fields.js';

export const SMARTRECRUITERS_ORIGIN = 'https://api.smartrecruiters.com';
/** Postings per list page: the API's maximum. */
export const SMARTRECRUITERS_PAGE_SIZE = 100;

/** `type: smartrecruiters`: the company identifier of jobs.smartrecruiters.com/{companyId}. */
export const smartRecruitersOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('smartrecruiters'),
  companyId: boardName,
  baseUrl: originOption.optional(),
});
export type SmartRecruitersSource = z.output<typeof smartRecruitersOptions>;

const text = z.string().nullish();
const labelled = z.looseObject({ label: text }).nullish();
const itemSchema = z.looseObject({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  company: z.looseObject({ name: text }).nullish(),
  releasedDate: text,
  location: z
    .looseObject({
      city: text,
      region: text,
      country: text,
      remote: z.boolean().nullish(),
      hybrid: z.boolean().nullish(),
      fullLocation: text,
    })
    .nullish(),
  typeOfEmployment: labelled,
});
type Item = z.output<typeof itemSchema>;
const listSchema = z.looseObject({
  offset: z.number().int().nonnegative().optional(),
  totalFound: z.number().int().nonnegative(),
  content: z.array(z.unknown()),
});
const section = z.looseObject({ title: text, text }).nullish();
const detailSchema = z.looseObject({
  postingUrl: text,
  jobAd: z.looseObject({ sections: z.record(z.string(), section).nullish() }).nullish(),
});

/** The sections of a posting's job ad, in the order the public page shows them. */
const SECTIONS = [
  'companyDescription',
  'jobDescription',
  'qualifications',
  'additionalInformation',
];

const originOf = (source: SmartRecruitersSource) => source.baseUrl ?? SMARTRECRUITERS_ORIGIN;
const companyPath = (source: SmartRecruitersSource) =>
  `${originOf(source)}/v1/companies/${encodeURIComponent(source.companyId)}/postings`;

/** One list page: `{origin}/v1/companies/{companyId}/postings?limit=100&offset=N`. */
export function smartRecruitersListUrl(source: SmartRecruitersSource, offset: number): string {
  return `${companyPath(source)}?limit=${SMARTRECRUITERS_PAGE_SIZE}&offset=${offset}`;
}

/**
 * SmartRecruiters Posting API: list pages by `offset`/`limit` (until `totalFound`), then each
 * posting's detail, which alone has the description (the job ad's sections, with their
 * headings). Detail requests stop at maxPostings. An unknown company answers 200 with
 * `totalFound: 0`: a board with no postings.
 */
export const smartRecruitersAdapter = defineAdapter({
  type: 'smartrecruiters',
  options: smartRecruitersOptions,
  origin: originOf,
  start: (source) => [
    { url: smartRecruitersListUrl(source, 0), label: 'list', data: { offset: 0 } },
  ],
  *handle(page, ctx): Generator<PageOutcome> {
    const { source } = ctx;
    const adapterCtx = { source, url: page.url };
    const body = parseJsonBody(page);
    if (page.request.label === 'posting') {
      const detail = parseEnvelope(detailSchema, body, adapterCtx, 'a posting object');
      const item = itemSchema.parse(page.request.data?.item);
      const out = new ResultCollector(adapterCtx);
      out.add(toDraft(item, detail, source));
      yield out.result();
      return;
    }
    const list = parseEnvelope(listSchema, body, adapterCtx, 'an object with a "content" array');
    const out = new ResultCollector(adapterCtx);
    const details: CrawlRequest[] = [];
    eachItem(list.content, itemSchema, out, 'content', (item) => {
      details.push({
        url: `${companyPath(source)}/${encodeURIComponent(item.id)}`,
        label: 'posting',
        data: { item },
        posting: true,
      });
      return undefined;
    });
    const offset = Number(page.request.data?.offset ?? 0) + list.content.length;
    const more = list.content.length > 0 && offset < list.totalFound;
    yield { ...out.result(), requests: details };
    // Past maxPostings no more details are asked for, so no more list pages are either.
    if (more && !ctx.truncated) {
      yield {
        requests: [
          { url: smartRecruitersListUrl(source, offset), label: 'list', data: { offset } },
        ],
      };
    }
  },
});

function toDraft(item: Item, detail: z.output<typeof detailSchema>, source: SmartRecruitersSource) {
  const place = item.location;
  const parts = [place?.city, place?.region, place?.country?.toUpperCase()]
    .map((part) => trimmed(part))
    .filter((part): part is string => part !== undefined);
  const location = trimmed(place?.fullLocation) ?? (parts.join(', ') || undefined);
  const sections = detail.jobAd?.sections ?? {};
  const html = SECTIONS.map((name) => sections[name])
    .filter((s) => trimmed(s?.text) !== undefined)
    .map((s) => `${trimmed(s?.title) ? `<h3>${escapeText(s?.title ?? '')}</h3>` : ''}${s?.text}`)
    .join('');
  return {
    sourceId: item.id,
    url:
      trimmed(detail.postingUrl) ??
      `https://jobs.smartrecruiters.com/${encodeURIComponent(source.companyId)}/${encodeURIComponent(item.id)}`,
    title: lineText(item.name),
    company: trimmed(item.company?.name) ?? source.company,
    location,
    remote: remoteOf(place) ?? remoteFromLocation(location),
    employmentType: normalizeEmploymentType(item.typeOfEmployment?.label),
    datePosted: normalizeDate(item.releasedDate),
    ...descriptionFields(trimmed(html)),
  };
}

/** `location.remote` / `location.hybrid`; both false means on site. */
function remoteOf(place: Item['location']): Remote | undefined {
  if (place?.remote === true) return 'remote';
  if (place?.hybrid === true) return 'hybrid';
  if (place?.remote === false && place.hybrid === false) return 'onsite';
  return undefined;
}
