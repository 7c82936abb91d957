import type { Enrichment } from '../classify/index.js';
import { InputError } from '../errors.js';

/** The requirement levels that count; `negated` ("no Java needed") never does. */
export type CountedLevel = 'required' | 'preferred' | 'mentioned';

export const COUNTED_LEVELS: readonly CountedLevel[] = ['required', 'preferred', 'mentioned'];

/** What one posting adds to the aggregates: its role and each skill once, at its strongest level. */
export interface Contribution {
  role: string;
  skills: Array<{ id: string; level: CountedLevel }>;
}

const RANK: Record<CountedLevel, number> = { required: 3, preferred: 2, mentioned: 1 };

/**
 * The contribution of an enriched posting: negated skills dropped, one entry per skill id at its
 * strongest level (required > preferred > mentioned), sorted by id; implied skills included.
 */
export function contributionOf(enrichment: Pick<Enrichment, 'role' | 'skills'>): Contribution {
  const counted: Contribution['skills'] = [];
  for (const skill of enrichment.skills) {
    if (skill.requirement !== 'negated') counted.push({ id: skill.id, level: skill.requirement });
  }
  return { role: enrichment.role.id, skills: strongestById(counted) };
}

/** One entry per id at its strongest level, sorted by id. */
function strongestById(skills: Contribution['skills']): Contribution['skills'] {
  const best = new Map<string, CountedLevel>();
  for (const skill of skills) {
    const current = best.get(skill.id);
    if (current === undefined || RANK[skill.level] > RANK[current]) best.set(skill.id, skill.level);
  }
  return [...best]
    .map(([id, level]) => ({ id, level }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const LEVEL_CODE: Record<CountedLevel, string> = { required: 'r', preferred: 'p', mentioned: 'm' };
const CODE_LEVEL: Record<string, CountedLevel> = { r: 'required', p: 'preferred', m: 'mentioned' };

/** Role and skill ids must not contain the separators of the stored encodings. */
const ID_PATTERN = /^[^\s|:]+$/;

export function isStatsId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** The level's one-letter code in stored encodings. */
export function levelCode(level: CountedLevel): string {
  return LEVEL_CODE[level];
}

/** The level of a one-letter code, or undefined. */
export function levelOfCode(code: string): CountedLevel | undefined {
  return Object.hasOwn(CODE_LEVEL, code) ? CODE_LEVEL[code] : undefined;
}

/**
 * Checks a contribution and returns it in canonical form (one entry per id, sorted), so two
 * equal contributions always encode the same. Throws `InputError` naming the bad field.
 */
export function canonicalContribution(contribution: Contribution): Contribution {
  if (!isStatsId(contribution.role)) {
    throw new InputError(
      'invalid_contribution',
      `contribution.role: expected an id without spaces, "|" or ":", received ${JSON.stringify(contribution.role)}`,
    );
  }
  contribution.skills.forEach((skill, index) => {
    if (!isStatsId(skill.id)) {
      throw new InputError(
        'invalid_contribution',
        `contribution.skills.${index}.id: expected an id without spaces, "|" or ":", received ${JSON.stringify(skill.id)}`,
      );
    }
    if (!Object.hasOwn(RANK, skill.level)) {
      throw new InputError(
        'invalid_contribution',
        `contribution.skills.${index}.level: expected required, preferred or mentioned, received ${JSON.stringify(skill.level)}`,
      );
    }
  });
  return { role: contribution.role, skills: strongestById(contribution.skills) };
}

/** `airflow:r|python:m`: the compact form stored in a posting record (canonical input). */
export function encodeSkills(skills: Contribution['skills']): string {
  return skills.map((skill) => `${skill.id}:${LEVEL_CODE[skill.level]}`).join('|');
}

/** Reverses `encodeSkills`; undefined when the text is not such an encoding. */
export function decodeSkills(text: string): Contribution['skills'] | undefined {
  if (text === '') return [];
  const skills: Contribution['skills'] = [];
  for (const entry of text.split('|')) {
    const colon = entry.lastIndexOf(':');
    const id = entry.slice(0, colon);
    const level = levelOfCode(entry.slice(colon + 1));
    if (colon <= 0 || level === undefined || !isStatsId(id)) return undefined;
    skills.push({ id, level });
  }
  return skills;
}
