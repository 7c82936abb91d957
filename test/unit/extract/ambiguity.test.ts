import { readFileSync } from 'node:fs';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyzePosting } from '../../../src/extract/index.js';
import { shippedRules } from './helpers.js';

// Sentences written by someone who did not read the rules: each skill both ways.
const casesSchema = z.object({
  cases: z.array(
    z.object({
      skill: z.string(),
      present: z.array(z.string()).min(1),
      absent: z.array(z.string()).min(1),
    }),
  ),
});
const { cases } = casesSchema.parse(
  parse(readFileSync(new URL('../../fixtures/ambiguity-cases.yaml', import.meta.url), 'utf8')),
);

const found = (sentence: string) =>
  analyzePosting({ title: '', description: sentence }, shippedRules()).extraction.skills.map(
    (skill) => skill.id,
  );

/**
 * Known misses, kept visible: `it.fails` turns red once a change fixes one, so the list shrinks
 * instead of hiding. Each needs world knowledge the guards do not have (music keys, geography).
 */
const KNOWN_MISSES = new Set([
  "Our choir is rehearsing Rachmaninoff's Prelude in C# minor for the spring concert.",
  'In your first year you will own Objective C of our OKRs: reduce churn below 2%.',
  'Our office is in Yogyakarta, on the island of Java.',
  'Enjoy freshly roasted Java from our in-house coffee bar.',
  'Administer Teams, Exchange Online and Intune for 500 users.',
  'Enjoy team tickets to La Scala in Milan.',
]);
const test = (sentence: string) => (KNOWN_MISSES.has(sentence) ? it.fails : it);

describe.each(cases)('ambiguous name: $skill', ({ skill, present, absent }) => {
  for (const sentence of present) {
    test(sentence)(`finds it in: ${sentence}`, () => {
      expect(found(sentence)).toContain(skill);
    });
  }
  for (const sentence of absent) {
    test(sentence)(`does not find it in: ${sentence}`, () => {
      expect(found(sentence)).not.toContain(skill);
    });
  }
});
