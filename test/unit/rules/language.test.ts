import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RulesError } from '../../../src/errors.js';
import { analyzePosting } from '../../../src/extract/index.js';
import { DEFAULT_RULES_DIR, loadRules } from '../../../src/rules/index.js';
import { levels, miniRules } from '../extract/helpers.js';

const MINI = new URL('../../fixtures/rules-mini', import.meta.url).pathname;
const ENGLISH = readFileSync(join(DEFAULT_RULES_DIR, 'language', 'en.yaml'), 'utf8');

const made: string[] = [];
/** The mini rules with language files of its own: English as shipped, edited by `edit`. */
function rulesWithEnglish(edit: (yaml: string) => string, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jobsift-language-'));
  made.push(dir);
  cpSync(MINI, dir, { recursive: true });
  cpSync(join(DEFAULT_RULES_DIR, 'language'), join(dir, 'language'), { recursive: true });
  writeFileSync(join(dir, 'language', 'en.yaml'), edit(ENGLISH));
  for (const [name, yaml] of Object.entries(extra))
    writeFileSync(join(dir, 'language', name), yaml);
  return dir;
}

function loadError(dir: string): string {
  try {
    loadRules(dir, { cache: false });
  } catch (error) {
    if (error instanceof RulesError) return error.message;
    throw error;
  }
  throw new Error('expected loadRules to fail');
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('language files', () => {
  it('uses the shipped language files when a rules folder has none', () => {
    expect([...loadRules(MINI).languages.keys()].sort()).toEqual(['de', 'en']);
  });

  it('lets a user add a requirement cue by editing YAML alone', () => {
    const text = 'Kafka would be lovely.';
    expect(levels(text)).toEqual({ kafka: 'required' });
    const dir = rulesWithEnglish((yaml) =>
      yaml.replace('  preferred:\n', '  preferred:\n    - would be lovely\n'),
    );
    expect(levels(text, loadRules(dir, { cache: false }))).toEqual({ kafka: 'preferred' });
  });

  it('lets a user add a section heading by editing YAML alone', () => {
    const text = 'Goodies\n- Kafka';
    expect(levels(text)).toEqual({ kafka: 'required' });
    const dir = rulesWithEnglish((yaml) =>
      yaml.replace(
        '  - kind: preferred\n    headings:\n',
        "  - kind: preferred\n    headings:\n      - 'goodies'\n",
      ),
    );
    expect(levels(text, loadRules(dir, { cache: false }))).toEqual({ kafka: 'preferred' });
  });

  it('lets a user add a seniority word by editing YAML alone', () => {
    const seniority = (dir?: string) =>
      analyzePosting(
        { title: 'Ninja Python Developer', description: '' },
        dir ? loadRules(dir, { cache: false }) : miniRules,
      ).extraction.seniority;
    expect(seniority()).toBeNull();
    const dir = rulesWithEnglish((yaml) =>
      yaml.replace("    senior: '\\b(?:senior|", "    senior: '\\b(?:ninja|senior|"),
    );
    expect(seniority(dir)).toBe('senior');
  });

  it('names the file, the field and what was received for a wrong value', () => {
    const dir = rulesWithEnglish((yaml) => yaml.replace('  negators: [', '  negators: [42, '));
    expect(loadError(dir)).toMatch(
      /language\/en\.yaml: requirement\.negators\[0\]: expected a non-empty string, received 42$/,
    );
  });

  it('rejects a heading that is not a regular expression, and a phrase in a word list', () => {
    const badPattern = rulesWithEnglish((yaml) =>
      yaml.replace("      - 'about you'\n", "      - 'about (you'\n"),
    );
    expect(loadError(badPattern)).toMatch(
      /en\.yaml: sections\[4\]\.headings\[0\]: expected a regular expression, received "about \(you"$/,
    );
    const phrase = rulesWithEnglish((yaml) =>
      yaml.replace('  scopeBreakers: [', '  scopeBreakers: [on the other hand, '),
    );
    expect(loadError(phrase)).toMatch(
      /en\.yaml: requirement\.scopeBreakers\[0\]: expected one word, received "on the other hand"$/,
    );
  });

  it('needs English and one file per language', () => {
    const twice = rulesWithEnglish((yaml) => yaml, { 'en-copy.yaml': ENGLISH });
    expect(loadError(twice)).toMatch(
      /en\.yaml: language: "en" is defined by \S*en-copy\.yaml too$/,
    );
    const noEnglish = rulesWithEnglish((yaml) => yaml.replace('language: en', 'language: xx'));
    expect(loadError(noEnglish)).toMatch(/no file with language: en/);
  });
});
