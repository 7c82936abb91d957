import { z } from 'zod';
import {
  normalizeEmploymentType,
  normalizeRemote,
  type Remote,
  type Salary,
  type SalaryPeriod,
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
  parseAmount,
  ResultCollector,
  remoteFromLocation,
  trimmed,
  unexpectedBody,
} from './posting-fields.js';
import type { AdapterContext, AdapterResult } from './types.js';

export const ASHBY_ORIGIN = 'https://api.ashbyhq.com';

/** `type: ashby`: the board name of jobs.ashbyhq.com/{board}. */
export const ashbyOptions = z.strictObject({
  ...commonOptions,
  type: z.literal('ashby'),
  board: boardName,
  baseUrl: originOption.optional(),
});
export type AshbySource = z.output<typeof ashbyOptions>;

/** Ashby public job posting API: the whole board with compensation in one response. */
export const ashbyAdapter = defineAdapter({
  type: 'ashby',
  options: ashbyOptions,
  origin: (source) => source.baseUrl ?? ASHBY_ORIGIN,
  start: (source) => [{ url: ashbyBoardUrl(source), label: 'board' }],
  *handle(page, { source }) {
    yield* jsonBoardSlices(page, (body) => parseAshbyBoard(body, { source, url: page.url }));
  },
});

/** The whole board with pay: `{origin}/posting-api/job-board/{board}?includeCompensation=true`. */
export function ashbyBoardUrl(source: AshbySource): string {
  const board = encodeURIComponent(source.board);
  return `${source.baseUrl ?? ASHBY_ORIGIN}/posting-api/job-board/${board}?includeCompensation=true`;
}

/**
 * Maps an Ashby job board response (`{ jobs: [...] }`) to postings. Jobs with
 * `isListed: false` are skipped (counted in `skipped`, not failures). Salary is the first
 * `Salary` component of `compensation.summaryComponents` (else of the first tier that has one),
 * when its interval is one unit of time (`1 YEAR`, `1 HOUR`, …).
 *
 * @throws InputError when the body has no `jobs` array.
 */
export function parseAshbyBoard(body: unknown, ctx: AdapterContext<AshbySource>): AdapterResult {
  if (!isRecord(body) || !Array.isArray(body.jobs)) {
    throw unexpectedBody(ctx, 'an object with a "jobs" array', body);
  }
  const out = new ResultCollector(ctx);
  body.jobs.forEach((job: unknown, index) => {
    if (!isRecord(job)) {
      out.fail(`jobs[${index}]: expected a job object, received ${describeValue(job)}`);
      return;
    }
    if (job.isListed === false) {
      out.skipped += 1;
      return;
    }
    const sourceId = nativeId(job.id);
    const url = trimmed(job.jobUrl);
    if (sourceId === undefined) {
      out.fail(`jobs[${index}]: expected an id, received ${describeValue(job.id)}`, undefined, url);
      return;
    }
    const location = locationOf(job);
    out.add({
      sourceId,
      url,
      title: job.title,
      company: ctx.source.company,
      location,
      remote: remoteOf(job) ?? remoteFromLocation(location),
      employmentType: normalizeEmploymentType(job.employmentType),
      salary: salaryOf(job.compensation),
      datePosted: normalizeDate(job.publishedAt),
      ...descriptionFields(trimmed(job.descriptionHtml) ?? trimmed(job.descriptionPlain)),
    });
  });
  return out.result();
}

function locationOf(job: Record<string, unknown>): string | undefined {
  const location = trimmed(job.location);
  if (location !== undefined) return location;
  if (Array.isArray(job.secondaryLocations)) {
    const secondary = job.secondaryLocations
      .map((l: unknown) => (isRecord(l) ? trimmed(l.location) : undefined))
      .filter((l): l is string => l !== undefined);
    if (secondary.length > 0) return secondary.join('; ');
  }
  const postal =
    isRecord(job.address) && isRecord(job.address.postalAddress) ? job.address.postalAddress : {};
  const parts = [postal.addressLocality, postal.addressRegion, postal.addressCountry]
    .map((part) => trimmed(part))
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** `workplaceType` (`Remote | Hybrid | OnSite`) wins; only without it does `isRemote` count. */
function remoteOf(job: Record<string, unknown>): Remote | undefined {
  const workplace = normalizeRemote(job.workplaceType);
  if (workplace !== undefined) return workplace;
  if (trimmed(job.workplaceType) === undefined && job.isRemote === true) return 'remote';
  return undefined;
}

function salaryOf(compensation: unknown): Salary | undefined {
  if (!isRecord(compensation)) return undefined;
  const lists: unknown[] = [compensation.summaryComponents];
  if (Array.isArray(compensation.compensationTiers)) {
    for (const tier of compensation.compensationTiers) {
      if (isRecord(tier)) lists.push(tier.components);
    }
  }
  for (const components of lists) {
    if (!Array.isArray(components)) continue;
    const component = components.find(
      (c: unknown) => isRecord(c) && c.compensationType === 'Salary',
    ) as Record<string, unknown> | undefined;
    if (component === undefined) continue;
    return buildSalary(
      parseAmount(component.minValue),
      parseAmount(component.maxValue),
      component.currencyCode,
      intervalPeriod(component.interval),
    );
  }
  return undefined;
}

const INTERVAL = /^1\s+(HOUR|DAY|WEEK|MONTH|YEAR)$/i;

/** `1 YEAR` → `year`, `1 HOUR` → `hour`…; `NONE`, `6 MONTH` and the like → `undefined`. */
function intervalPeriod(interval: unknown): SalaryPeriod | undefined {
  const match = INTERVAL.exec(trimmed(interval) ?? '');
  return match?.[1]?.toLowerCase() as SalaryPeriod | undefined;
}
