export {
  type CompileOptions,
  compileRules,
  type SourcedRolesFile,
  type SourcedSkillFile,
} from './compile.js';
export { compileLanguage } from './language.js';
export { isEnglishWord, nearMiss, type WordEntry, wordEntries } from './lexicon.js';
export {
  DEFAULT_RULES_DIR,
  ENGLISH_WORDS_FILE,
  formatIssue,
  loadRoleModel,
  loadRules,
  parseRulesFile,
  ROLE_MODEL_FILE,
} from './load-rules.js';
export {
  compileRoleModel,
  type RoleModel,
  type RoleModelFile,
  roleModelFileSchema,
} from './role-model.js';
export {
  type AmbiguityGuard,
  type LanguageFile,
  languageFileSchema,
  type RoleDefinition,
  type RolesFile,
  rolesFileSchema,
  type SectionKind,
  type SeniorityWords,
  type SkillDefinition,
  type SkillFile,
  type SkillKind,
  sectionKinds,
  skillFileSchema,
  skillKinds,
} from './schema.js';
export type {
  CompiledGuard,
  CompiledLanguage,
  CompiledRole,
  CompiledRules,
  CompiledSkill,
  CueIndex,
  HeadingRule,
  RequirementCues,
  RoleEvidence,
  SurfaceForm,
  WeightedTerms,
} from './types.js';
