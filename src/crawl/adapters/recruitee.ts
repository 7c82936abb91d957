import { z } from 'zod';
import { normalizeEmploymentType, type Remote } from '../../posting/index.js';
import { defineAdapter } from '../source-adapter.js';
import { boardName, commonOptions, originOption } from '../source-options.js';
import { parseJsonBody } from './page-body.js';
import { eachItem, idField, parseEnvelope } from './payload.js';
import {
  buildSalary,
  descriptionFields,
  lineText,
  nativeId,
  normalizeDate,
  parseAmount,
  ResultCollector,
  remoteFromLocation,
  salaryPeriod,
  trimmed,
} from './posting-fields.js';

/** `type: recruitee`: the company subdomain of {board}.recruitee.com. */
export const recruiteeOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('recruitee'),
  board: boardName,
  /** Replaces `https://{board}.recruitee.com` (a custom careers domain, a test server). */
  baseUrl: originOption.optional(),
});
export type RecruiteeSource = z.output<typeof recruiteeOptions>;

const text = z.string().nullish();
const amount = z.union([z.number(), z.string()]).nullish();
const offerSchema = z.looseObject({
  id: idField,
  title: z.string().trim().min(1),
  company_name: text,
  description: text,
  requirements: text,
  location: text,
  city: text,
  country: text,
  remote: z.boolean().nullish(),
  hybrid: z.boolean().nullish(),
  on_site: z.boolean().nullish(),
  employment_type_code: text,
  careers_url: text,
  published_at: text,
  created_at: text,
  status: text,
  salary: z
    .looseObject({ min: amount, max: amount, period: text, currency: text })
    .nullish()
    .catch(null),
});
type Offer = z.output<typeof offerSchema>;
const offersSchema = z.looseObject({ offers: z.array(z.unknown()) });

const originOf = (source: RecruiteeSource) =>
  source.baseUrl ?? `https://${encodeURIComponent(source.board)}.recruitee.com`;

/**
 * Recruitee Careers Site API: every published offer in one response, with HTML `description`
 * and `requirements` (joined under a "Requirements" heading), remote/hybrid/on-site flags and
 * a salary when the company shows one. Offers whose `status` is not `published` are skipped.
 */
export const recruiteeAdapter = defineAdapter({
  type: 'recruitee',
  options: recruiteeOptions,
  origin: originOf,
  start: (source) => [{ url: `${originOf(source)}/api/offers/`, label: 'offers' }],
  *handle(page, { source }) {
    const ctx = { source, url: page.url };
    const body = parseEnvelope(
      offersSchema,
      parseJsonBody(page),
      ctx,
      'an object with an "offers" array',
    );
    const out = new ResultCollector(ctx);
    eachItem(body.offers, offerSchema, out, 'offers', (offer) => {
      if (offer.status != null && offer.status !== 'published') {
        out.skipped += 1;
        return undefined;
      }
      return toDraft(offer, source);
    });
    yield out.result();
  },
});

function toDraft(offer: Offer, source: RecruiteeSource) {
  const location =
    trimmed(offer.location) ??
    ([offer.city, offer.country]
      .map((p) => trimmed(p))
      .filter(Boolean)
      .join(', ') ||
      undefined);
  const requirements = trimmed(offer.requirements);
  const html = [trimmed(offer.description), requirements && `<h3>Requirements</h3>${requirements}`]
    .filter((part): part is string => typeof part === 'string')
    .join('');
  const salary = offer.salary;
  return {
    sourceId: nativeId(offer.id) ?? '',
    url: trimmed(offer.careers_url),
    title: lineText(offer.title),
    company: trimmed(offer.company_name) ?? source.company,
    location,
    remote: remoteOf(offer) ?? remoteFromLocation(location),
    employmentType: normalizeEmploymentType(offer.employment_type_code),
    salary:
      salary == null
        ? undefined
        : buildSalary(
            parseAmount(salary.min),
            parseAmount(salary.max),
            salary.currency,
            salaryPeriod(salary.period),
          ),
    datePosted: normalizeDate(offer.published_at) ?? normalizeDate(offer.created_at),
    ...descriptionFields(trimmed(html)),
  };
}

function remoteOf(offer: Offer): Remote | undefined {
  if (offer.remote === true) return 'remote';
  if (offer.hybrid === true) return 'hybrid';
  if (offer.on_site === true) return 'onsite';
  return undefined;
}
