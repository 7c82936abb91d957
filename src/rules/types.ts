import type { TokenTrie } from '../text/token-trie.js';
import type { SkillDefinition, SkillKind } from './schema.js';

export interface CompiledSkill {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly categoryName: string;
  readonly kind: SkillKind;
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
}
