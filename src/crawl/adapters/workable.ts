import { z } from 'zod';
import { normalizeEmploymentType } from '../../posting/index.js';
import { type CrawlRequest, defineAdapter, type PageOutcome } from '../source-adapter.js';
import { boardName, commonOptions, originOption } from '../source-options.js';
import { parseJsonBody } from './page-body.js';
import { eachItem, parseEnvelope } from './payload.js';
import {
  type DraftPosting,
  descriptionFields,
  lineText,
  normalizeDate,
  ResultCollector,
  remoteFromLocation,
  trimmed,
} from './posting-fields.js';

export const WORKABLE_ORIGIN = 'https://apply.workable.com';

/** `type: workable`: the account (subdomain) of apply.workable.com/{account}. */
export const workableOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('workable'),
  account: boardName,
  baseUrl: originOption.optional(),
});
export type WorkableSource = z.output<typeof workableOptions>;

const text = z.string().nullish();
const jobSchema = z.looseObject({
  shortcode: z.string().trim().min(1),
  title: z.string().trim().min(1),
  url: text,
  shortlink: text,
  employment_type: text,
  telecommuting: z.boolean().nullish(),
  city: text,
  state: text,
  country: text,
  published_on: text,
  created_at: text,
  description: text,
});
type WorkableJob = z.output<typeof jobSchema>;
const widgetSchema = z.looseObject({ name: text, jobs: z.array(z.unknown()) });
const detailSchema = z.looseObject({ description: text, requirements: text, benefits: text });

const originOf = (source: WorkableSource) => source.baseUrl ?? WORKABLE_ORIGIN;

/** The account's jobs with descriptions: `{origin}/api/v1/widget/accounts/{account}?details=true`. */
export function workableWidgetUrl(source: WorkableSource): string {
  return `${originOf(source)}/api/v1/widget/accounts/${encodeURIComponent(source.account)}?details=true`;
}

/** One job's details, for a job the widget lists without its description. */
export function workableJobUrl(source: WorkableSource, shortcode: string): string {
  return `${originOf(source)}/api/v2/accounts/${encodeURIComponent(source.account)}/jobs/${encodeURIComponent(shortcode)}`;
}

/**
 * Workable's widget API: every job of an account in one response. A job listed without its
 * description (some accounts, or `details` ignored) is completed from its own detail request;
 * detail requests stop at maxPostings. Remote from `telecommuting`; the company is the
 * account's `name`.
 */
export const workableAdapter = defineAdapter({
  type: 'workable',
  options: workableOptions,
  origin: originOf,
  start: (source) => [{ url: workableWidgetUrl(source), label: 'widget' }],
  *handle(page, { source }): Generator<PageOutcome> {
    const ctx = { source, url: page.url };
    if (page.request.label === 'job') {
      const detail = parseEnvelope(detailSchema, parseJsonBody(page), ctx, 'a job object');
      const job = jobSchema.parse(page.request.data?.job);
      const company = trimmed(page.request.data?.company);
      const out = new ResultCollector(ctx);
      const html = [detail.description, section('Requirements', detail.requirements)]
        .concat(section('Benefits', detail.benefits))
        .filter((part): part is string => trimmed(part) !== undefined)
        .join('');
      out.add(toDraft(job, company ?? source.company, html));
      yield out.result();
      return;
    }
    const widget = parseEnvelope(
      widgetSchema,
      parseJsonBody(page),
      ctx,
      'an object with a "jobs" array',
    );
    const company = trimmed(widget.name) ?? source.company;
    const out = new ResultCollector(ctx);
    const details: CrawlRequest[] = [];
    eachItem(
      widget.jobs,
      jobSchema,
      out,
      'jobs',
      (job) => {
        if (trimmed(job.description) !== undefined) {
          return toDraft(job, company, job.description ?? undefined);
        }
        details.push({
          url: workableJobUrl(source, job.shortcode),
          label: 'job',
          data: { job, ...(company === undefined ? {} : { company }) },
          posting: true,
        });
        return undefined;
      },
      (raw) => raw.shortcode,
    );
    yield { ...out.result(), requests: details };
  },
});

function section(heading: string, html: string | null | undefined): string | undefined {
  return trimmed(html) === undefined ? undefined : `<h3>${heading}</h3>${html}`;
}

function toDraft(
  job: WorkableJob,
  company: string | undefined,
  html: string | undefined,
): DraftPosting {
  const location = [job.city, job.state, job.country]
    .map((part) => trimmed(part))
    .filter((part): part is string => part !== undefined)
    .join(', ');
  return {
    sourceId: job.shortcode,
    url: trimmed(job.url) ?? trimmed(job.shortlink),
    title: lineText(job.title),
    company,
    location: location || undefined,
    remote: job.telecommuting === true ? 'remote' : remoteFromLocation(location),
    employmentType: normalizeEmploymentType(job.employment_type),
    datePosted: normalizeDate(job.published_on) ?? normalizeDate(job.created_at),
    ...descriptionFields(trimmed(html)),
  };
}
