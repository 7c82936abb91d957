import { z } from 'zod';
import { defineAdapter } from '../source-adapter.js';
import { commonOptions, originOption } from '../source-options.js';
import { parseJsonBody } from './page-body.js';
import { eachItem, idField, parseEnvelope } from './payload.js';
import {
  buildSalary,
  descriptionFields,
  isRecord,
  lineText,
  nativeId,
  normalizeDate,
  ResultCollector,
  trimmed,
} from './posting-fields.js';

export const REMOTEOK_ORIGIN = 'https://remoteok.com';

/** `type: remoteok`: the Remote OK job feed, optionally one tag of it. */
export const remoteOkOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('remoteok'),
  /** Only jobs with this tag (`python`, `devops`…); all recent jobs without it. */
  tag: z.string().trim().min(1).optional(),
  baseUrl: originOption.optional(),
});
export type RemoteOkSource = z.output<typeof remoteOkOptions>;

const text = z.string().nullish();
const jobSchema = z.looseObject({
  id: idField,
  position: z.string().trim().min(1),
  company: text,
  description: text,
  location: text,
  date: text,
  epoch: z.number().nullish(),
  salary_min: z.number().nullish().catch(null),
  salary_max: z.number().nullish().catch(null),
  url: text,
  slug: text,
});
const feedSchema = z.array(z.unknown());

const originOf = (source: RemoteOkSource) => source.baseUrl ?? REMOTEOK_ORIGIN;

/**
 * Remote OK's JSON API. Its first element is a legal notice, not a job: it is left out. The
 * terms ask for a link back and for Remote OK to be named as the source: each posting's `url`
 * is its Remote OK page (never the employer's apply link) and its source is this one. Every
 * job is remote; a salary of 0 means unknown (USD per year otherwise).
 */
export const remoteOkAdapter = defineAdapter({
  type: 'remoteok',
  options: remoteOkOptions,
  origin: originOf,
  start: (source) => [
    {
      url: `${originOf(source)}/api${source.tag === undefined ? '' : `?tag=${encodeURIComponent(source.tag)}`}`,
      label: 'feed',
    },
  ],
  *handle(page, { source }) {
    const ctx = { source, url: page.url };
    const items = parseEnvelope(feedSchema, parseJsonBody(page), ctx, 'an array of jobs');
    // The legal notice (`{ last_updated, legal }`) comes first; a tag without jobs gives it alone.
    const jobs = items.filter((item) => !(isRecord(item) && 'legal' in item && !('id' in item)));
    const out = new ResultCollector(ctx);
    eachItem(jobs, jobSchema, out, 'jobs', (job) => ({
      sourceId: nativeId(job.id) ?? '',
      url: trimmed(job.url) ?? (trimmed(job.slug) && `${REMOTEOK_ORIGIN}/remote-jobs/${job.slug}`),
      title: lineText(job.position),
      company: (lineText(trimmed(job.company)) as string | undefined) ?? source.company,
      location: trimmed(job.location),
      remote: 'remote',
      salary: buildSalary(job.salary_min ?? undefined, job.salary_max ?? undefined, 'USD', 'year'),
      datePosted:
        normalizeDate(job.date) ??
        (job.epoch == null ? undefined : normalizeDate(job.epoch * 1000)),
      ...descriptionFields(trimmed(job.description)),
    }));
    yield out.result();
  },
});
