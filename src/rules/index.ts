export {
  type CompileOptions,
  compileRules,
  type SourcedRolesFile,
  type SourcedSkillFile,
} from './compile.js';
export { isEnglishWord, nearMiss, type WordEntry, wordEntries } from './lexicon.js';
export {
  DEFAULT_RULES_DIR,
  ENGLISH_WORDS_FILE,
  formatIssue,
  loadRules,
  parseRulesFile,
} from './load-rules.js';
export {
  type AmbiguityGuard,
  type RoleDefinition,
  type RolesFile,
  rolesFileSchema,
  type SkillDefinition,
  type SkillFile,
  type SkillKind,
  skillFileSchema,
  skillKinds,
} from './schema.js';
export type {
  CompiledGuard,
  CompiledRole,
  CompiledRules,
  CompiledSkill,
  RoleEvidence,
  SurfaceForm,
  WeightedTerms,
} from './types.js';
