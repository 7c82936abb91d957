import { RulesError } from '../errors.js';
import { stemText, TokenTrie, tokenize } from '../text/index.js';
import type { RoleModel } from './role-model.js';
import type { AmbiguityGuard, RolesFile, SkillFile } from './schema.js';
import type {
  CompiledGuard,
  CompiledLanguage,
  CompiledRole,
  CompiledRules,
  CompiledSkill,
  FuzzyTarget,
  RoleEvidence,
  SurfaceForm,
  WeightedTerms,
} from './types.js';

export interface SourcedSkillFile {
  readonly file: string;
  readonly data: SkillFile;
}

export interface SourcedRolesFile {
  readonly file: string;
  readonly data: RolesFile;
}

const DEFAULT_TITLE_WEIGHT = 3;
const DEFAULT_PHRASE_WEIGHT = 1;
const FUZZY_MIN_LENGTH = 8;

export interface CompileOptions {
  /** Dictionary words that near-miss matching must not read as misspelt skills. */
  readonly englishWords?: ReadonlySet<string>;
  /** Requirement cues and headings by ISO 639-1 code (`language/*.yaml`); none by default. */
  readonly languages?: ReadonlyMap<string, CompiledLanguage>;
  /** The learned role model (`role-model.json`); none by default: roles scored by the rules. */
  readonly roleModel?: RoleModel | null;
}

/** Compiles validated rules files into the immutable taxonomy; throws RulesError on conflicts. */
export function compileRules(
  skillFiles: readonly SourcedSkillFile[],
  rolesFile: SourcedRolesFile,
  options: CompileOptions = {},
): CompiledRules {
  const problems: string[] = [];
  const definitions = new Map<string, { file: string; path: string; implies: string[] }>();
  const skills = new Map<string, CompiledSkill>();

  for (const { file, data } of skillFiles) {
    data.skills.forEach((skill, index) => {
      const path = `${file}: skills[${index}]`;
      const earlier = definitions.get(skill.id);
      if (earlier) {
        problems.push(
          `${path}.id: duplicate skill id "${skill.id}", first defined at ${earlier.path}`,
        );
        return;
      }
      definitions.set(skill.id, { file, path, implies: skill.implies });
      skills.set(skill.id, {
        id: skill.id,
        name: skill.name,
        category: data.category,
        categoryName: data.name,
        kind: data.kind,
        broad: skill.broad,
        implies: [],
        ...(skill.level ? { level: skill.level } : {}),
      });
    });
  }

  for (const [id, definition] of definitions) {
    definition.implies.forEach((implied, index) => {
      if (!skills.has(implied)) {
        problems.push(
          `${definition.path}.implies[${index}]: unknown skill id "${implied}" (in ${id})`,
        );
      }
    });
  }

  const skillTrie = new TokenTrie<SurfaceForm>();
  const formOwners = new Map<string, string>();
  const fuzzyDeletions = new Map<string, FuzzyTarget[]>();

  for (const { file, data } of skillFiles) {
    data.skills.forEach((skill, index) => {
      const path = `${file}: skills[${index}]`;
      const guard = skill.ambiguous ? compileGuard(skill.ambiguous) : undefined;
      skill.ambiguous?.contextSkills.forEach((contextId, contextIndex) => {
        if (!skills.has(contextId)) {
          problems.push(
            `${path}.ambiguous.contextSkills[${contextIndex}]: unknown skill id "${contextId}"`,
          );
        }
      });
      const guardedForms = new Set(skill.ambiguous?.forms.map(normalizeForm) ?? []);
      const declared = [skill.name, ...skill.aliases].filter(
        (form) => !guardedForms.has(normalizeForm(form)),
      );
      declared.forEach((form, formIndex) => {
        const key = normalizeForm(form);
        const owner = formOwners.get(key);
        if (owner !== undefined && owner !== skill.id) {
          const where = formIndex === 0 ? 'name' : `aliases[${formIndex - 1}]`;
          problems.push(`${path}.${where}: "${form}" already names skill "${owner}"`);
          return;
        }
        formOwners.set(key, skill.id);
      });
      for (const form of declared) {
        variantsOf(form).forEach((variant, variantIndex) => {
          const key = variant.keys.join(' ');
          const owner = formOwners.get(key);
          if (owner !== undefined && owner !== skill.id) return;
          formOwners.set(key, skill.id);
          skillTrie.add(variant.keys, { skillId: skill.id, glued: variant.glued });
          // Only forms as written are near-miss targets: "objectivec" is one edit from "objective".
          if (variantIndex === 0) addFuzzyTarget(fuzzyDeletions, variant.keys, skill.id);
        });
      }
      if (guard) {
        for (const form of skill.ambiguous?.forms ?? []) {
          const { keys, glued } = formTokens(form);
          skillTrie.add(keys, { skillId: skill.id, glued, guard });
        }
      }
    });
  }

  for (const skill of skills.values()) {
    (skill as { implies: readonly string[] }).implies = impliedClosure(skill.id, definitions);
  }

  const roles = compileRoles(rolesFile, skills, problems);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw new RulesError(`${problems[0]}${more}`);
  }

  const titleTrie = new TokenTrie<RoleEvidence>();
  const phraseTrie = new TokenTrie<RoleEvidence>();
  for (const role of roles) {
    for (const pattern of role.titles) titleTrie.add(pattern.terms, { roleId: role.id, pattern });
    for (const pattern of role.phrases) phraseTrie.add(pattern.terms, { roleId: role.id, pattern });
  }

  return {
    skills,
    skillTrie,
    fuzzy: {
      deletions: fuzzyDeletions,
      minLength: FUZZY_MIN_LENGTH,
      maxLength: fuzzyMaxLength(fuzzyDeletions),
      englishWords: options.englishWords ?? new Set(),
    },
    roles,
    roleById: new Map(roles.map((role) => [role.id, role])),
    titleTrie,
    phraseTrie,
    roleModel: options.roleModel ?? null,
    languages: options.languages ?? new Map(),
  };
}

function compileGuard(guard: AmbiguityGuard): CompiledGuard {
  const sequences = (phrases: readonly string[]) =>
    phrases.map((phrase) => tokenize(phrase).map((token) => token.norm));
  return {
    exactForms: new Set(guard.forms.map((form) => form.replace(/\s+/g, ' '))),
    caseSensitive: guard.caseSensitive,
    notFollowedBy: sequences(guard.notFollowedBy),
    notPrecededBy: sequences(guard.notPrecededBy),
    needsContext: guard.needsContext,
    contextSkills: new Set(guard.contextSkills),
    contextWords: sequences(guard.contextWords),
  };
}

function normalizeForm(form: string): string {
  return tokenize(form)
    .map((token) => token.norm)
    .join(' ');
}

interface FormTokens {
  keys: string[];
  glued: boolean[];
}

function formTokens(form: string): FormTokens {
  const tokens = tokenize(form);
  return { keys: tokens.map((token) => token.norm), glued: tokens.map((token) => !token.spaced) };
}

/**
 * Written variants of a form: as declared; hyphens as spaces and removed ("scikit-learn",
 * "scikit learn", "scikitlearn"); spaced words hyphenated ("machine-learning"); "x.js" as "xjs"
 * and "x js"; and a plural of a multi-letter last word ("REST APIs", "data pipelines").
 */
function variantsOf(form: string): FormTokens[] {
  const base = formTokens(form);
  const variants: FormTokens[] = [base];
  const { keys, glued } = base;
  const hyphenAt = keys.map(
    (key, i) => key === '-' && i > 0 && glued[i] === true && glued[i + 1] === true,
  );
  if (hyphenAt.some(Boolean)) {
    const spaced: FormTokens = { keys: [], glued: [] };
    const joined: FormTokens = { keys: [], glued: [] };
    let joinNext = false;
    keys.forEach((key, i) => {
      if (hyphenAt[i]) {
        joinNext = true;
        return;
      }
      spaced.keys.push(key);
      spaced.glued.push(joinNext ? false : (glued[i] ?? false));
      if (joinNext && joined.keys.length > 0) {
        joined.keys[joined.keys.length - 1] += key;
      } else {
        joined.keys.push(key);
        joined.glued.push(glued[i] ?? false);
      }
      joinNext = false;
    });
    variants.push(spaced, joined);
  }
  if (
    keys.length > 1 &&
    keys.every((key) => /^[a-z0-9]+$/.test(key)) &&
    glued.slice(1).every((g) => !g)
  ) {
    const hyphenated: FormTokens = { keys: [], glued: [] };
    keys.forEach((key, i) => {
      if (i > 0) {
        hyphenated.keys.push('-');
        hyphenated.glued.push(true);
      }
      hyphenated.keys.push(key);
      hyphenated.glued.push(i > 0);
    });
    variants.push(hyphenated);
  }
  const last = keys.length - 1;
  if (last >= 2 && keys[last] === 'js' && keys[last - 1] === '.') {
    variants.push({
      keys: [...keys.slice(0, last - 2), `${keys[last - 2]}js`],
      glued: glued.slice(0, last - 1),
    });
    variants.push({
      keys: [...keys.slice(0, last - 1), 'js'],
      glued: [...glued.slice(0, last - 1), false],
    });
  }
  for (const variant of [...variants]) {
    const lastKey = variant.keys[variant.keys.length - 1] ?? '';
    if (/^[a-z]{3,}$/.test(lastKey) && !lastKey.endsWith('s')) {
      variants.push({ keys: [...variant.keys.slice(0, -1), `${lastKey}s`], glued: variant.glued });
    }
  }
  return variants;
}

function fuzzyMaxLength(deletions: ReadonlyMap<string, readonly FuzzyTarget[]>): number {
  let longest = 0;
  for (const targets of deletions.values()) {
    for (const { alias } of targets) longest = Math.max(longest, alias.length);
  }
  return longest + 1;
}

function addFuzzyTarget(
  deletions: Map<string, FuzzyTarget[]>,
  keys: readonly string[],
  skillId: string,
) {
  const alias = keys[0];
  if (keys.length !== 1 || alias === undefined) return;
  if (alias.length < FUZZY_MIN_LENGTH || !/^[a-z]+$/.test(alias)) return;
  // The alias itself is a key too, so that a word with one extra letter finds it.
  for (let i = 0; i <= alias.length; i++) {
    const deletion = alias.slice(0, i) + alias.slice(i + 1);
    const targets = deletions.get(deletion) ?? [];
    if (!targets.some((target) => target.alias === alias)) targets.push({ alias, skillId });
    deletions.set(deletion, targets);
  }
}

function impliedClosure(
  id: string,
  definitions: ReadonlyMap<string, { implies: readonly string[] }>,
): string[] {
  const seen = new Set<string>();
  const stack = [...(definitions.get(id)?.implies ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (next === id || seen.has(next)) continue;
    seen.add(next);
    stack.push(...(definitions.get(next)?.implies ?? []));
  }
  return [...seen];
}

function compileRoles(
  { file, data }: SourcedRolesFile,
  skills: ReadonlyMap<string, CompiledSkill>,
  problems: string[],
): CompiledRole[] {
  const seen = new Set<string>();
  const weighted = (
    items: RolesFile['roles'][number]['titles'],
    fallback: number,
  ): WeightedTerms[] =>
    items
      .map((item) => (typeof item === 'string' ? { text: item, weight: fallback } : item))
      .map((item) => ({ text: item.text, weight: item.weight, terms: stemText(item.text) }))
      .filter((item) => item.terms.length > 0);

  return data.roles.map((role, index) => {
    const path = `${file}: roles[${index}]`;
    if (seen.has(role.id)) problems.push(`${path}.id: duplicate role id "${role.id}"`);
    seen.add(role.id);
    for (const skillId of Object.keys(role.skills)) {
      if (!skills.has(skillId))
        problems.push(`${path}.skills.${skillId}: unknown skill id "${skillId}"`);
    }
    role.requiresAnySkill.forEach((skillId, i) => {
      if (!skills.has(skillId)) {
        problems.push(`${path}.requiresAnySkill[${i}]: unknown skill id "${skillId}"`);
      }
    });
    return {
      id: role.id,
      name: role.name,
      family: role.family,
      description: role.description,
      titles: weighted(role.titles, DEFAULT_TITLE_WEIGHT),
      requiresAnySkill: role.requiresAnySkill,
      skills: new Map(Object.entries(role.skills)),
      phrases: weighted(role.phrases, DEFAULT_PHRASE_WEIGHT),
    };
  });
}
