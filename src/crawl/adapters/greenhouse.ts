import { z } from 'zod';
import {
  type EmploymentType,
  normalizeEmploymentType,
  normalizeRemote,
  type Remote,
  type Salary,
} from '../../posting/index.js';
import { defineAdapter } from '../source-adapter.js';
import { boardName, commonOptions, originOption } from '../source-options.js';
import { jsonBoardSlices } from './page-body.js';
import {
  buildSalary,
  describeValue,
  descriptionFields,
  isRecord,
  nativeId,
  normalizeDate,
  ResultCollector,
  remoteFromLocation,
  trimmed,
  unexpectedBody,
} from './posting-fields.js';
import type { AdapterContext, AdapterResult } from './types.js';

export const GREENHOUSE_ORIGIN = 'https://boards-api.greenhouse.io';

/** `type: greenhouse`: a board token of boards.greenhouse.io. */
export const greenhouseOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('greenhouse'),
  board: boardName,
  baseUrl: originOption.optional(),
});
export type GreenhouseSource = z.output<typeof greenhouseOptions>;

/** Greenhouse Job Board API: the whole board in one response, descriptions included. */
export const greenhouseAdapter = defineAdapter({
  type: 'greenhouse',
  options: greenhouseOptions,
  origin: (source) => source.baseUrl ?? GREENHOUSE_ORIGIN,
  start: (source) => [{ url: greenhouseBoardUrl(source), label: 'board' }],
  *handle(page, { source }) {
    yield* jsonBoardSlices(page, (body) => parseGreenhouseBoard(body, { source, url: page.url }));
  },
});

/** The whole board with descriptions: `{origin}/v1/boards/{board}/jobs?content=true`. */
export function greenhouseBoardUrl(source: GreenhouseSource): string {
  return `${source.baseUrl ?? GREENHOUSE_ORIGIN}/v1/boards/${encodeURIComponent(source.board)}/jobs?content=true`;
}

/**
 * Maps a Greenhouse board response (`{ jobs: [...] }`) to postings. `content` is HTML
 * entity-escaped once inside the JSON string and is decoded exactly once. Remote comes from a
 * `metadata` flag or a location that says remote/hybrid; employment type from `metadata`;
 * salary from `pay_input_ranges` (cents, per year) when the response has it.
 *
 * @throws InputError when the body has no `jobs` array.
 */
export function parseGreenhouseBoard(
  body: unknown,
  ctx: AdapterContext<GreenhouseSource>,
): AdapterResult {
  if (!isRecord(body) || !Array.isArray(body.jobs)) {
    throw unexpectedBody(ctx, 'an object with a "jobs" array', body);
  }
  const out = new ResultCollector(ctx);
  body.jobs.forEach((job: unknown, index) => {
    if (!isRecord(job)) {
      out.fail(`jobs[${index}]: expected a job object, received ${describeValue(job)}`);
      return;
    }
    const sourceId = nativeId(job.id);
    const url = trimmed(job.absolute_url);
    if (sourceId === undefined) {
      out.fail(`jobs[${index}]: expected an id, received ${describeValue(job.id)}`, undefined, url);
      return;
    }
    const location = locationOf(job);
    const flags = metadataFlags(job.metadata);
    out.add({
      sourceId,
      url,
      title: job.title,
      company: trimmed(job.company_name) ?? ctx.source.company,
      location,
      remote: flags.remote ?? remoteFromLocation(location),
      employmentType: flags.employmentType,
      salary: payRange(job.pay_input_ranges),
      datePosted: normalizeDate(job.first_published) ?? normalizeDate(job.updated_at),
      ...descriptionFields(trimmed(job.content)),
    });
  });
  return out.result();
}

function locationOf(job: Record<string, unknown>): string | undefined {
  const name = isRecord(job.location) ? trimmed(job.location.name) : undefined;
  if (name !== undefined) return name;
  if (!Array.isArray(job.offices)) return undefined;
  const offices = job.offices
    .map((office: unknown) => (isRecord(office) ? trimmed(office.location) : undefined))
    .filter((office): office is string => office !== undefined);
  return offices.length > 0 ? [...new Set(offices)].join('; ') : undefined;
}

/** Custom fields that say where the job is done from or its employment type. */
function metadataFlags(metadata: unknown): { remote?: Remote; employmentType?: EmploymentType } {
  const flags: { remote?: Remote; employmentType?: EmploymentType } = {};
  if (!Array.isArray(metadata)) return flags;
  for (const field of metadata) {
    if (!isRecord(field)) continue;
    const name = trimmed(field.name)?.toLowerCase() ?? '';
    if (flags.remote === undefined && /remote|workplace|work location type|work model/.test(name)) {
      const remote = normalizeRemote(field.value);
      if (remote !== undefined) flags.remote = remote;
    }
    if (flags.employmentType === undefined && /employment|commitment|job type/.test(name)) {
      const type = normalizeEmploymentType(field.value);
      if (type !== undefined) flags.employmentType = type;
    }
  }
  return flags;
}

/** `pay_input_ranges[{min_cents, max_cents, currency_type}]` (single-job endpoint) → per year. */
function payRange(ranges: unknown): Salary | undefined {
  if (!Array.isArray(ranges)) return undefined;
  for (const range of ranges) {
    if (!isRecord(range)) continue;
    const cents = (v: unknown) => (typeof v === 'number' && v >= 0 ? v / 100 : undefined);
    const salary = buildSalary(
      cents(range.min_cents),
      cents(range.max_cents),
      range.currency_type,
      'year',
    );
    if (salary !== undefined) return salary;
  }
  return undefined;
}
