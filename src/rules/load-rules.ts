import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load as parseYaml, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { RulesError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { compileRules, type SourcedSkillFile } from './compile.js';
import { rolesFileSchema, skillFileSchema } from './schema.js';
import type { CompiledRules } from './types.js';

/** The rules shipped with jobsift: `rules/` at the package root. */
export const DEFAULT_RULES_DIR = join(PACKAGE_ROOT, 'rules');

/**
 * Loads `roles.yaml` and `skills/*.yaml` from a rules folder, validates them and compiles the
 * taxonomy. Any problem throws a RulesError naming the file, the path in it and the reason, e.g.
 * `rules/skills/cloud.yaml: skills[12].aliases[0]: expected a non-empty string, received 42`.
 */
export function loadRules(dir: string = DEFAULT_RULES_DIR): CompiledRules {
  const skillsDir = join(dir, 'skills');
  const rolesPath = join(dir, 'roles.yaml');
  if (!existsSync(rolesPath)) {
    throw new RulesError(`${displayPath(rolesPath)}: file not found; is the rules folder right?`);
  }
  if (!existsSync(skillsDir)) {
    throw new RulesError(`${displayPath(skillsDir)}: folder not found; is the rules folder right?`);
  }
  const skillFiles: SourcedSkillFile[] = readdirSync(skillsDir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => {
      const path = join(skillsDir, name);
      return { file: displayPath(path), data: parseRulesFile(path, skillFileSchema) };
    });
  if (skillFiles.length === 0) {
    throw new RulesError(`${displayPath(skillsDir)}: no .yaml files; add at least one skills file`);
  }
  const roles = { file: displayPath(rolesPath), data: parseRulesFile(rolesPath, rolesFileSchema) };
  return compileRules(skillFiles, roles);
}

/** Parses one YAML rules file and validates it; errors name the file and the field. */
export function parseRulesFile<T extends z.ZodType>(path: string, schema: T): z.output<T> {
  const file = displayPath(path);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RulesError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`, {
      cause: error,
    });
  }
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

/** `skills[12].aliases[0]: expected a non-empty string, received 42`. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const prefix = path ? `${path}: ` : '';
  const received = 'input' in issue ? `, received ${describeValue(issue.input)}` : '';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'string' ? 'a non-empty string' : `a ${issue.expected}`;
      return `${prefix}expected ${expected}${received}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${prefix}expected a non-empty string${received}`;
      return `${prefix}expected at least ${issue.minimum} ${issue.origin === 'array' ? 'items' : ''}${received}`.replace(
        '  ',
        ' ',
      );
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
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return String(value);
}

function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') ? path : shown;
}
