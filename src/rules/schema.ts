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
  /**
   * A broad field of work rather than a tool ("cloud computing", "security", "testing"): it
   * never counts from the blurb, the benefits or a sentence about the company ("we are a
   * cloud security company"), where it says what the company does, not what the job asks.
   */
  broad: z.boolean().default(false),
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

/** The kinds of section a posting's headings name; see `sectionRequirement` in extract. */
export const sectionKinds = [
  'intro',
  'responsibilities',
  'requirements',
  'preferred',
  'company',
  'benefits',
  'legal',
  'other',
] as const;

const pattern = text.refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a regular expression' },
);

/**
 * What jobsift knows of one language (`rules/language/<code>.yaml`): the words that say how
 * much a skill is asked for, and the headings of a posting's sections. Words and phrases are
 * matched as lowercase tokens ("nice-to-have" is nice - to - have).
 */
export const languageFileSchema = z.strictObject({
  /** ISO 639-1 code, as language detection gives it ("en", "de"). */
  language: z.string().regex(/^[a-z]{2}$/, 'expected a two-letter ISO 639-1 code'),
  name: text,
  /** Frequent function words: a text where they are common is taken to be in this language. */
  commonWords: z.array(text).default([]),
  requirement: z.strictObject({
    /** Words that make the clause of a mention required ("must", "required"). */
    required: z.array(text).default([]),
    /** Phrases that make a sentence preferred ("nice to have", "a plus"). */
    preferred: z.array(text).default([]),
    /** Words that negate ("no", "not", "without"). */
    negators: z.array(text).default([]),
    /** Negator + next word that do not negate ("not only", "no matter"). */
    negationExceptions: z.array(text).default([]),
    /** Words that may stand between a negator and the skill it negates ("no prior experience with"). */
    negationBridge: z.array(text).default([]),
    /** Words a negator after a skill must reach to negate it ("Java is not required"). */
    negationTargets: z.array(text).default([]),
    /** Words that end a negation's scope ("but", "however"). */
    scopeBreakers: z.array(text).default([]),
    /**
     * Words that make a sentence ask something of the candidate ("you", "experience",
     * "ability"): soft skills and practices outside requirement sections count only there.
     */
    candidateWords: z.array(text).default([]),
    /**
     * Nouns that make a soft skill or practice describe the team or the job, not ask for it:
     * "Agile team", "DevOps engineers", "a collaborative environment".
     */
    descriptorNouns: z.array(text).default([]),
    /**
     * Words that join the adjectives between a soft skill and its descriptor noun ("and" of "a
     * collaborative and open culture"); any other of the language's common words ends the
     * search ("collaboration with the team" asks for collaboration).
     */
    descriptorJoiners: z.array(text).default([]),
    /**
     * Words that make a sentence speak of the company ("we", "our"): a skill named there, in
     * a sentence that asks nothing of the candidate, is `mentioned` ("our stack is Go").
     */
    companyWords: z.array(text).default([]),
  }),
  /**
   * Seniority words: in titles by level, and in the description (regular expressions; see
   * extract/seniority.ts for how they combine). A language without them reads no seniority cue.
   */
  seniority: z
    .strictObject({
      title: z.strictObject({
        intern: pattern,
        exec: pattern,
        head: pattern,
        junior: pattern,
        mid: pattern,
        senior: pattern,
        lead: pattern,
        principal: pattern,
      }),
      levelWords: pattern,
      roleLevelWords: pattern,
      roleNouns: pattern,
      words: z.strictObject({
        intern: pattern,
        junior: pattern,
        mid: pattern,
        senior: pattern,
        lead: pattern,
        principal: pattern,
      }),
    })
    .optional(),
  /**
   * Section headings, tried in order: the first whose pattern matches a heading gives its kind.
   * Each pattern is a regular expression of lowercase text, matched between word boundaries.
   */
  sections: z
    .array(z.strictObject({ kind: z.enum(sectionKinds), headings: z.array(pattern).min(1) }))
    .default([]),
});

export type LanguageFile = z.infer<typeof languageFileSchema>;
export type SeniorityWords = NonNullable<LanguageFile['seniority']>;
export type SectionKind = (typeof sectionKinds)[number];
