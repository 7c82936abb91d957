import type { TokenTrie } from '../text/token-trie.js';
import type { RoleModel } from './role-model.js';
import type { SectionKind, SeniorityWords, SkillDefinition, SkillKind } from './schema.js';

export interface CompiledSkill {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly categoryName: string;
  readonly kind: SkillKind;
  /** A broad field of work, counted only where asked for (see `skillSchema`). */
  readonly broad: boolean;
  /** Every skill this one entails, transitively (django → python). */
  readonly implies: readonly string[];
  readonly level?: NonNullable<SkillDefinition['level']>;
}

export interface CompiledGuard {
  /** Exact spellings that pass when the guard is case-sensitive. */
  readonly exactForms: ReadonlySet<string>;
  readonly caseSensitive: boolean;
  readonly notFollowedBy: readonly (readonly string[])[];
  readonly notPrecededBy: readonly (readonly string[])[];
  readonly needsContext: boolean;
  readonly contextSkills: ReadonlySet<string>;
  readonly contextWords: readonly (readonly string[])[];
}

/** One written form of a skill, as a token sequence in the skill trie. */
export interface SurfaceForm {
  readonly skillId: string;
  /** For each token after the first: true when it must follow the previous one with no space. */
  readonly glued: readonly boolean[];
  readonly guard?: CompiledGuard;
}

export interface WeightedTerms {
  readonly terms: readonly string[];
  readonly text: string;
  readonly weight: number;
}

export interface CompiledRole {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly description: string;
  readonly titles: readonly WeightedTerms[];
  readonly requiresAnySkill: readonly string[];
  readonly skills: ReadonlyMap<string, number>;
  readonly phrases: readonly WeightedTerms[];
}

export interface RoleEvidence {
  readonly roleId: string;
  readonly pattern: WeightedTerms;
}

export interface FuzzyIndex {
  /** A one-character deletion of an alias → the aliases it came from, with their skill. */
  readonly deletions: ReadonlyMap<string, readonly FuzzyTarget[]>;
  readonly minLength: number;
  /** One more than the longest alias: a longer word is never one edit from an alias. */
  readonly maxLength: number;
  /**
   * English words (of a dictionary) one edit from an alias, or whose inflections are: such a
   * word is never read as a misspelt skill. Derived from the rules by `npm run rules:words`.
   */
  readonly englishWords: ReadonlySet<string>;
}

export interface FuzzyTarget {
  readonly alias: string;
  readonly skillId: string;
}

/** Phrases as token sequences, grouped by their first token: a text's tokens are looked up. */
export type CueIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

/** A language's requirement cues (see `languageFileSchema`), as lowercase tokens. */
export interface RequirementCues {
  readonly required: ReadonlySet<string>;
  readonly preferred: CueIndex;
  readonly negators: ReadonlySet<string>;
  readonly negationExceptions: CueIndex;
  readonly negationBridge: ReadonlySet<string>;
  readonly negationTargets: ReadonlySet<string>;
  readonly scopeBreakers: ReadonlySet<string>;
  readonly candidateWords: ReadonlySet<string>;
  readonly descriptorNouns: ReadonlySet<string>;
  readonly descriptorJoiners: ReadonlySet<string>;
  readonly companyWords: ReadonlySet<string>;
  /** The language's common words (`commonWords`): function words, for the cues' windows. */
  readonly commonWords: ReadonlySet<string>;
}

export interface HeadingRule {
  readonly kind: SectionKind;
  readonly pattern: RegExp;
}

/** What the rules know of one language: `rules/language/<code>.yaml`, compiled. */
export interface CompiledLanguage {
  /** ISO 639-1. */
  readonly code: string;
  readonly name: string;
  readonly commonWords: ReadonlySet<string>;
  readonly cues: RequirementCues;
  readonly headings: readonly HeadingRule[];
  /** Seniority words as the file gives them; extract/seniority.ts compiles them. */
  readonly seniority?: SeniorityWords;
}

/** The taxonomy, validated and compiled once; immutable, shared by every extraction. */
export interface CompiledRules {
  readonly skills: ReadonlyMap<string, CompiledSkill>;
  readonly skillTrie: TokenTrie<SurfaceForm>;
  readonly fuzzy: FuzzyIndex;
  readonly roles: readonly CompiledRole[];
  readonly roleById: ReadonlyMap<string, CompiledRole>;
  /** Stemmed title patterns of every role. */
  readonly titleTrie: TokenTrie<RoleEvidence>;
  /** Stemmed responsibility phrases of every role. */
  readonly phraseTrie: TokenTrie<RoleEvidence>;
  /** The learned role model (`rules/role-model.json`), or null: roles scored by the rules alone. */
  readonly roleModel: RoleModel | null;
  /** The languages the rules have cues and headings for, by ISO 639-1 code. */
  readonly languages: ReadonlyMap<string, CompiledLanguage>;
}
