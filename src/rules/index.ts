export { compileRules, type SourcedRolesFile, type SourcedSkillFile } from './compile.js';
export { type WordEntry, wordEntries } from './lexicon.js';
export {
  DEFAULT_RULES_DIR,
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
