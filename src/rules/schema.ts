import { z } from 'zod';

const text = z.string().trim().min(1);
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.+#-]*$/, 'expected a lowercase id of letters, digits and . + # -');
const weight = z.number().positive().max(10);

/**
 * Guard for a surface form that is also an everyday word or a name ("Go", "R", "Spark",
 * "Excel", "Chef"). The form counts as the skill only when the guard is satisfied.
 */
export const ambiguityGuardSchema = z.strictObject({
  /** The ambiguous surface forms. They match only under this guard. */
  forms: z.array(text).min(1),
  /** The text must be written exactly as a form is (e.g. "Go", never "go"). */
  caseSensitive: z.boolean().default(true),
  /** Reject when the form is immediately followed by one of these ("-" for "Go-to-market"). */
  notFollowedBy: z.array(text).default([]),
  /** Reject when the form is immediately preceded by one of these ("on the" go). */
  notPrecededBy: z.array(text).default([]),
  /** Accept only with confirming context nearby (a technical skill, or a context word). */
  needsContext: z.boolean().default(true),
  /** Skills that confirm the form when found nearby; empty means any unambiguous technical skill. */
  contextSkills: z.array(id).default([]),
  /** Words or phrases that confirm the form when found nearby ("programming", "language"). */
  contextWords: z.array(text).default([]),
});

export const skillSchema = z.strictObject({
  id,
  name: text,
  aliases: z.array(text).default([]),
  /** Skills this one entails: a Django job is a Python job. */
  implies: z.array(id).default([]),
  ambiguous: ambiguityGuardSchema.optional(),
  /** Education entries: the level this names. */
  level: z.enum(['high-school', 'associate', 'bootcamp', 'bachelor', 'master', 'phd']).optional(),
});

export const skillKinds = [
  'technical',
  'soft-skill',
  'certification',
  'education',
  'field-of-study',
  'practice',
] as const;

export const skillFileSchema = z.strictObject({
  category: id,
  name: text,
  /** What the skills of this file are; only `technical` skills confirm ambiguous forms. */
  kind: z.enum(skillKinds).default('technical'),
  skills: z.array(skillSchema).min(1),
});

const weightedText = z.union([text, z.strictObject({ text, weight })]);

export const roleSchema = z.strictObject({
  id,
  name: text,
  family: text,
  description: text,
  /** Title words that point to this role ("data engineer", "etl developer"). */
  titles: z.array(weightedText).default([]),
  /** The role is unlikely unless one of these skills (or its id as a title word) is found. */
  requiresAnySkill: z.array(id).default([]),
  /** Evidence from the skill profile: skill id → weight. */
  skills: z.record(id, weight).default({}),
  /** Responsibility phrases that point to this role ("build data pipelines"). */
  phrases: z.array(weightedText).default([]),
});

export const rolesFileSchema = z.strictObject({
  roles: z.array(roleSchema).min(1),
});

export type AmbiguityGuard = z.infer<typeof ambiguityGuardSchema>;
export type SkillDefinition = z.infer<typeof skillSchema>;
export type SkillFile = z.infer<typeof skillFileSchema>;
export type SkillKind = (typeof skillKinds)[number];
export type RoleDefinition = z.infer<typeof roleSchema>;
export type RolesFile = z.infer<typeof rolesFileSchema>;
