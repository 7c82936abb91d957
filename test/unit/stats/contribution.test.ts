import { describe, expect, it } from 'vitest';
import type { Enrichment } from '../../../src/classify/index.js';
import { InputError } from '../../../src/errors.js';
import { canonicalContribution } from '../../../src/stats/contribution.js';
import { contributionOf, decodeSkills, encodeSkills } from '../../../src/stats/index.js';

type Skill = Enrichment['skills'][number];

const skill = (id: string, requirement: Skill['requirement'], implied = false): Skill => ({
  id,
  name: id.toUpperCase(),
  category: 'test',
  kind: 'technical',
  requirement,
  implied,
  mentions: [],
});

const role = { id: 'data-engineer', name: 'Data Engineer', family: 'data', score: 0.9 };

describe('contributionOf', () => {
  it('drops negated skills, keeps implied ones, and sorts by id', () => {
    const contribution = contributionOf({
      role,
      skills: [
        skill('sql', 'mentioned'),
        skill('java', 'negated'),
        skill('python', 'required', true),
        skill('airflow', 'preferred'),
      ],
    });
    expect(contribution).toEqual({
      role: 'data-engineer',
      skills: [
        { id: 'airflow', level: 'preferred' },
        { id: 'python', level: 'required' },
        { id: 'sql', level: 'mentioned' },
      ],
    });
  });

  it('keeps one entry per skill at its strongest level', () => {
    const contribution = contributionOf({
      role,
      skills: [
        skill('python', 'mentioned'),
        skill('python', 'required'),
        skill('python', 'preferred'),
        skill('sql', 'mentioned'),
        skill('sql', 'preferred'),
        skill('go', 'negated'),
        skill('go', 'mentioned'),
      ],
    });
    expect(contribution.skills).toEqual([
      { id: 'go', level: 'mentioned' },
      { id: 'python', level: 'required' },
      { id: 'sql', level: 'preferred' },
    ]);
  });

  it('gives a role with no skills', () => {
    expect(contributionOf({ role: { ...role, id: 'other' }, skills: [] })).toEqual({
      role: 'other',
      skills: [],
    });
  });
});

describe('skill encoding', () => {
  it('round-trips ids with dots, pluses and hashes', () => {
    const skills = [
      { id: 'c#', level: 'required' as const },
      { id: 'c++', level: 'preferred' as const },
      { id: 'node.js', level: 'mentioned' as const },
    ];
    expect(encodeSkills(skills)).toBe('c#:r|c++:p|node.js:m');
    expect(decodeSkills(encodeSkills(skills))).toEqual(skills);
    expect(decodeSkills('')).toEqual([]);
  });

  it('rejects text that is not an encoding', () => {
    expect(decodeSkills('python')).toBeUndefined();
    expect(decodeSkills('python:x')).toBeUndefined();
    expect(decodeSkills(':r')).toBeUndefined();
    expect(decodeSkills('a:r||b:m')).toBeUndefined();
  });
});

describe('canonicalContribution', () => {
  it('orders and dedupes, so equal contributions encode the same', () => {
    const canonical = canonicalContribution({
      role: 'r',
      skills: [
        { id: 'b', level: 'mentioned' },
        { id: 'a', level: 'preferred' },
        { id: 'b', level: 'required' },
      ],
    });
    expect(encodeSkills(canonical.skills)).toBe('a:p|b:r');
  });

  it('rejects ids that would break the stored encodings, naming the field', () => {
    expect(() => canonicalContribution({ role: 'a|b', skills: [] })).toThrow(InputError);
    expect(() => canonicalContribution({ role: 'a|b', skills: [] })).toThrow(
      /^contribution\.role:/,
    );
    expect(() =>
      canonicalContribution({ role: 'r', skills: [{ id: 'x:y', level: 'required' }] }),
    ).toThrow(/^contribution\.skills\.0\.id:/);
    expect(() =>
      canonicalContribution({
        role: 'r',
        skills: [{ id: 'x', level: 'negated' as unknown as 'required' }],
      }),
    ).toThrow(/^contribution\.skills\.0\.level:/);
  });
});
