import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load as parseYaml, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { RulesError } from '../errors.js';
import { plural } from '../format.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { compileRules, type SourcedSkillFile } from './compile.js';
import { compileLanguage } from './language.js';
import { compileRoleModel, type RoleModel, roleModelFileSchema } from './role-model.js';
import { fileRulesCache, type RulesCache, rulesCacheKey } from './rules-cache.js';
import {
  languageFileSchema,
  type RolesFile,
  rolesFileSchema,
  type SkillFile,
  skillFileSchema,
} from './schema.js';
import type { CompiledLanguage, CompiledRules } from './types.js';

/** The rules shipped with jobsift: `rules/` at the package root. */
export const DEFAULT_RULES_DIR = join(PACKAGE_ROOT, 'rules');

/**
 * Loads `roles.yaml` and `skills/*.yaml` from a rules folder, validates them and compiles the
 * taxonomy. Any problem throws a RulesError naming the file, the path in it and the reason, e.g.
 * `rules/skills/cloud.yaml: skills[12].aliases[0]: expected a non-empty string, received 42`.
 * Validated files are kept in `cache` (see rules-cache.ts); `cache: false` always parses.
 * `roleModel: false` leaves out the learned role model (rules alone, as `npm run train` needs).
 */
export function loadRules(
  dir: string = DEFAULT_RULES_DIR,
  options: { cache?: RulesCache | false; roleModel?: boolean } = {},
): CompiledRules {
  const skillsDir = join(dir, 'skills');
  const rolesPath = join(dir, 'roles.yaml');
  if (!existsSync(rolesPath)) {
    throw new RulesError(`${displayPath(rolesPath)}: file not found; is the rules folder right?`);
  }
  if (!existsSync(skillsDir)) {
    throw new RulesError(`${displayPath(skillsDir)}: folder not found; is the rules folder right?`);
  }
  const skillPaths = readdirSync(skillsDir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(skillsDir, name));
  if (skillPaths.length === 0) {
    throw new RulesError(`${displayPath(skillsDir)}: no .yaml files; add at least one skills file`);
  }
  const sources = [...skillPaths, rolesPath].map((path) => ({
    path,
    name: relative(dir, path),
    source: readRulesSource(path),
  }));
  const cache = options.cache === false ? undefined : (options.cache ?? fileRulesCache());
  const key = rulesCacheKey(sources);
  const cached = asCachedRules(cache?.read(key), skillPaths.length);
  const skillsData =
    cached?.skills ??
    sources
      .slice(0, -1)
      .map(({ path, source }) => parseRulesSource(displayPath(path), source, skillFileSchema));
  const rolesData =
    cached?.roles ?? parseRulesSource(displayPath(rolesPath), readLast(sources), rolesFileSchema);
  if (cached === undefined) cache?.write(key, { skills: skillsData, roles: rolesData });
  const skillFiles: SourcedSkillFile[] = skillPaths.map((path, index) => ({
    file: displayPath(path),
    data: skillsData[index] as SkillFile,
  }));
  return compileRules(
    skillFiles,
    { file: displayPath(rolesPath), data: rolesData },
    {
      englishWords: readWordList(join(dir, ENGLISH_WORDS_FILE)),
      languages: loadLanguages(dir),
      roleModel: options.roleModel === false ? null : loadRoleModel(join(dir, ROLE_MODEL_FILE)),
    },
  );
}

/** The language files of a rules folder: `language/*.yaml`, else those jobsift ships. */
function loadLanguages(dir: string): Map<string, CompiledLanguage> {
  let languageDir = join(dir, 'language');
  if (!existsSync(languageDir)) languageDir = join(DEFAULT_RULES_DIR, 'language');
  const languages = new Map<string, CompiledLanguage>();
  const files = new Map<string, string>();
  const paths = existsSync(languageDir)
    ? readdirSync(languageDir)
        .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
        .sort()
        .map((name) => join(languageDir, name))
    : [];
  for (const path of paths) {
    const file = displayPath(path);
    const language = compileLanguage(parseRulesFile(path, languageFileSchema), file);
    const other = files.get(language.code);
    if (other !== undefined) {
      throw new RulesError(`${file}: language: "${language.code}" is defined by ${other} too`);
    }
    languages.set(language.code, language);
    files.set(language.code, file);
  }
  if (!languages.has('en')) {
    throw new RulesError(
      `${displayPath(languageDir)}: no file with language: en; jobsift's rules need English cues`,
    );
  }
  return languages;
}

/** Written by `npm run rules:words`: see scripts/derive-english-words.ts. */
export const ENGLISH_WORDS_FILE = 'english-near-misses.txt';

/** A word a line, `#` comments; a missing file is an empty list (no near-miss is held back). */
function readWordList(path: string): Set<string> {
  if (!existsSync(path)) return new Set();
  const words = new Set<string>();
  for (const line of readRulesSource(path).split('\n')) {
    const word = line.trim();
    if (word && !word.startsWith('#')) words.add(word);
  }
  return words;
}

/** The learned role model's file name in a rules folder (written by `npm run train`). */
export const ROLE_MODEL_FILE = 'role-model.json';

/** The learned role model in `path`, or null when there is none; a bad file is a RulesError. */
export function loadRoleModel(path: string): RoleModel | null {
  if (!existsSync(path)) return null;
  const shown = displayPath(path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RulesError(`${shown}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = roleModelFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const reason = issue ? formatIssue(issue) : 'invalid';
    throw new RulesError(`${shown}: ${reason}; \`npm run train\` writes it anew`);
  }
  return compileRoleModel(parsed.data, shown);
}

/** The cached value, when it has the shape a write gave it (anything else is ignored). */
function asCachedRules(
  value: unknown,
  skillFiles: number,
): { skills: SkillFile[]; roles: RolesFile } | undefined {
  const cached = value as { skills?: unknown; roles?: unknown } | null | undefined;
  if (!Array.isArray(cached?.skills) || cached.skills.length !== skillFiles) return undefined;
  if (typeof cached.roles !== 'object' || cached.roles === null) return undefined;
  return cached as { skills: SkillFile[]; roles: RolesFile };
}

function readLast(sources: readonly { source: string }[]): string {
  return (sources[sources.length - 1] as { source: string }).source;
}

/** Parses one YAML rules file and validates it; errors name the file and the field. */
export function parseRulesFile<T extends z.ZodType>(path: string, schema: T): z.output<T> {
  return parseRulesSource(displayPath(path), readRulesSource(path), schema);
}

function readRulesSource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesError(
      `${displayPath(path)}: cannot be read (${(error as NodeJS.ErrnoException).code})`,
      { cause: error },
    );
  }
}

function parseRulesSource<T extends z.ZodType>(
  file: string,
  source: string,
  schema: T,
): z.output<T> {
  let data: unknown;
  try {
    data = parseYaml(source, { filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    throw new RulesError(`${file}: line ${error.mark.line + 1}: invalid YAML: ${error.reason}`, {
      cause: error,
    });
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new RulesError(`${file}: ${formatIssue(issue)}${more}`);
  }
  return result.data;
}

/**
 * One line naming the field, what was expected and what was received, e.g.
 * `skills[12].aliases[0]: expected a non-empty string, received 42` or
 * `maxPostings: expected a number greater than 0, received -1`.
 */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const prefix = path ? `${path}: ` : '';
  const received = 'input' in issue ? `, received ${describeValue(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      return `${prefix}expected ${describeType(issue.expected)}${received}`;
    case 'too_small':
    case 'too_big': {
      const size = 'input' in issue ? describeSize(issue.input) : undefined;
      return `${prefix}expected ${describeBound(issue)}${size === undefined ? received : `, received ${size}`}`;
    }
    case 'unrecognized_keys':
      return `${prefix}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_value':
      return `${prefix}expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}${received}`;
    default:
      return `${prefix}${issue.message}${received}`;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

/** The type names of zod's `invalid_type` in the words of the other messages. */
function describeType(expected: string): string {
  switch (expected) {
    // Text fields are required to hold something; the usual mistake is a number or nothing.
    case 'string':
      return 'a non-empty string';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'int':
      return 'an integer';
    case 'undefined':
    case 'never':
      return 'nothing';
    default:
      return `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
  }
}

type BoundKind = 'min' | 'above' | 'max' | 'below' | 'exact';

const NUMBER_BOUND: Record<BoundKind, string> = {
  min: 'of at least',
  above: 'greater than',
  max: 'of at most',
  below: 'less than',
  exact: 'equal to',
};
const COUNT_BOUND: Record<BoundKind, string> = {
  min: 'at least',
  above: 'more than',
  max: 'at most',
  below: 'fewer than',
  exact: 'exactly',
};
const DATE_BOUND: Record<BoundKind, string> = {
  min: 'on or after',
  above: 'after',
  max: 'on or before',
  below: 'before',
  exact: 'at',
};

/** `a number of at least 1`, `a number greater than 0`, `at most 5 items`, `a string of at most 40 characters`. */
function describeBound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const inclusive = issue.inclusive !== false;
  const [kind, limit]: [BoundKind, number | bigint] =
    issue.code === 'too_small'
      ? [issue.exact ? 'exact' : inclusive ? 'min' : 'above', issue.minimum]
      : [issue.exact ? 'exact' : inclusive ? 'max' : 'below', issue.maximum];
  const count = (unit: string) => `${COUNT_BOUND[kind]} ${plural(limit, unit)}`;
  switch (issue.origin) {
    case 'number':
    case 'bigint':
      return `a number ${NUMBER_BOUND[kind]} ${limit}`;
    case 'int':
      return `an integer ${NUMBER_BOUND[kind]} ${limit}`;
    case 'string':
      return kind === 'min' && Number(limit) === 1
        ? 'a non-empty string'
        : `a string of ${count('character')}`;
    case 'array':
    case 'set':
      return count('item');
    case 'file':
      return `a file of ${count('byte')}`;
    case 'date':
      return `a date ${DATE_BOUND[kind]} ${new Date(Number(limit)).toISOString()}`;
    default:
      return `${COUNT_BOUND[kind]} ${limit}`;
  }
}

/** How big a sized input is (`3 items`, `57 characters`), for long strings and lists. */
function describeSize(input: unknown): string | undefined {
  const items = Array.isArray(input) ? input.length : input instanceof Set ? input.size : undefined;
  if (items !== undefined) return plural(items, 'item');
  if (typeof input === 'string' && input.length > 40) return `${input.length} characters`;
  return undefined;
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') ? path : shown;
}
