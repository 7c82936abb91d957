import type { Enrichment } from '../classify/index.js';
import type { Posting } from '../posting/index.js';
import type { PostingSummary } from '../stats/index.js';

/**
 * The postings store's summary of a processed posting: the board's fields, the role and every
 * skill with its level. A salary or work arrangement the board states wins over one read from
 * the description.
 */
export function postingSummary(
  posting: Posting,
  enrichment: Enrichment,
  seenAt: string,
): PostingSummary {
  const summary: PostingSummary = {
    key: posting.key,
    source: posting.source,
    sourceId: posting.sourceId,
    title: posting.title,
    lastSeen: seenAt,
    role: { id: enrichment.role.id, name: enrichment.role.name, score: enrichment.role.score },
    skills: enrichment.skills.map(({ id, name, requirement }) => ({ id, name, requirement })),
    seniority: enrichment.seniority,
  };
  if (posting.url !== undefined) summary.url = posting.url;
  if (posting.company !== undefined) summary.company = posting.company;
  if (posting.location !== undefined) summary.location = posting.location;
  const remote = posting.remote ?? enrichment.remote ?? undefined;
  if (remote !== undefined) summary.remote = remote;
  if (posting.employmentType !== undefined) summary.employmentType = posting.employmentType;
  if (posting.datePosted !== undefined) summary.datePosted = posting.datePosted;
  const stated = posting.salary ?? enrichment.salary ?? undefined;
  if (stated !== undefined) {
    summary.salary = {
      currency: stated.currency,
      period: stated.period,
      from: posting.salary === undefined ? 'description' : 'posting',
      ...(stated.min === undefined ? {} : { min: stated.min }),
      ...(stated.max === undefined ? {} : { max: stated.max }),
    };
  }
  return summary;
}
