import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RulesError } from '../../../src/errors.js';
import { loadRules } from '../../../src/rules/index.js';
import { fileRulesCache } from '../../../src/rules/rules-cache.js';

const MINI = new URL('../../fixtures/rules-mini', import.meta.url).pathname;
const ROLES = `roles:
  - { id: other, name: Other, family: other, description: Anything else. }
`;

const made: string[] = [];
function rulesDir(skillsYaml: string, rolesYaml = ROLES): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobsift-rules-'));
  made.push(dir);
  mkdirSync(join(dir, 'skills'));
  writeFileSync(join(dir, 'roles.yaml'), rolesYaml);
  writeFileSync(join(dir, 'skills', 'cloud.yaml'), skillsYaml);
  return dir;
}

function loadError(dir: string): RulesError {
  try {
    loadRules(dir);
  } catch (error) {
    if (error instanceof RulesError) return error;
    throw error;
  }
  throw new Error('expected loadRules to fail');
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadRules', () => {
  it('compiles skills, implications and roles from YAML', () => {
    const rules = loadRules(MINI);
    expect(rules.skills.get('django')?.implies).toEqual(['python']);
    expect(rules.skills.get('kafka')?.category).toBe('tools');
    expect(rules.roleById.get('python-developer')?.requiresAnySkill).toEqual(['python']);
  });

  it('names the file, the path and the reason for a wrong type', () => {
    const dir = rulesDir(`category: cloud
name: Cloud
skills:
  - { id: aws, name: AWS, aliases: [amazon web services] }
  - { id: gcp, name: GCP, aliases: [42] }
`);
    expect(loadError(dir).message).toMatch(
      /skills\/cloud\.yaml: skills\[1\]\.aliases\[0\]: expected a non-empty string, received 42$/,
    );
  });

  it('rejects unknown fields, so a typo does not pass silently', () => {
    const dir = rulesDir(`category: cloud
name: Cloud
skills:
  - { id: aws, name: AWS, alias: [amazon] }
`);
    expect(loadError(dir).message).toMatch(/skills\[0\]: unknown field "alias"/);
  });

  it('reports invalid YAML with its line', () => {
    const dir = rulesDir('category: cloud\nname: [unclosed\n');
    expect(loadError(dir).message).toMatch(/cloud\.yaml: line \d+: invalid YAML/);
  });

  it('rejects an alias that already names another skill', () => {
    const dir = rulesDir(`category: cloud
name: Cloud
skills:
  - { id: aws, name: AWS }
  - { id: amazon, name: Amazon, aliases: [aws] }
`);
    expect(loadError(dir).message).toMatch(
      /skills\[1\]\.aliases\[0\]: "aws" already names skill "aws"/,
    );
  });

  it('rejects implications and role evidence that name unknown skills', () => {
    const dir = rulesDir(
      `category: cloud
name: Cloud
skills:
  - { id: eks, name: EKS, implies: [aws] }
`,
    );
    expect(loadError(dir).message).toMatch(/skills\[0\]\.implies\[0\]: unknown skill id "aws"/);
  });

  it('says when the rules folder is wrong', () => {
    expect(loadError(join(tmpdir(), 'no-such-rules-dir')).message).toMatch(
      /roles\.yaml: file not found/,
    );
  });

  it('lets a user add a skill and a role by editing YAML alone', () => {
    const dir = rulesDir(
      `category: cloud
name: Cloud
skills:
  - { id: pulumi, name: Pulumi }
`,
      `roles:
  - { id: other, name: Other, family: other, description: Anything else. }
  - id: iac-engineer
    name: IaC Engineer
    family: operations
    description: Writes infrastructure as code.
    titles: [iac engineer]
    skills: { pulumi: 3 }
`,
    );
    const rules = loadRules(dir);
    expect(rules.skills.has('pulumi')).toBe(true);
    expect(rules.roleById.get('iac-engineer')?.skills.get('pulumi')).toBe(3);
  });
});

describe('loadRules with a rules cache', () => {
  const SKILLS = `category: cloud
name: Cloud
kind: technical
skills:
  - { id: aws, name: AWS, aliases: [Amazon Web Services] }
`;

  function cacheDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'jobsift-rules-cache-'));
    made.push(dir);
    return dir;
  }

  it('writes validated files once and gives the same rules from the cache', () => {
    const dir = rulesDir(SKILLS);
    const cache = fileRulesCache(cacheDir());
    const parsed = loadRules(dir, { cache: false });
    const first = loadRules(dir, { cache });
    const files = readdirSync(cache.dir);
    expect(files).toHaveLength(1);
    const second = loadRules(dir, { cache });
    expect(readdirSync(cache.dir)).toEqual(files);
    for (const rules of [first, second]) {
      expect([...rules.skills.keys()]).toEqual([...parsed.skills.keys()]);
      expect(rules.skills.get('aws')).toEqual(parsed.skills.get('aws'));
      expect(rules.roles).toEqual(parsed.roles);
    }
  });

  it('reads an edited rules file, not the cached one', () => {
    const dir = rulesDir(SKILLS);
    const cache = fileRulesCache(cacheDir());
    expect(loadRules(dir, { cache }).skills.has('gcp')).toBe(false);
    writeFileSync(
      join(dir, 'skills', 'cloud.yaml'),
      `${SKILLS}  - { id: gcp, name: Google Cloud Platform }\n`,
    );
    expect(loadRules(dir, { cache }).skills.has('gcp')).toBe(true);
    expect(readdirSync(cache.dir)).toHaveLength(2);
  });

  it('still validates: a bad file fails with its one-line error and is not cached', () => {
    const dir = rulesDir(
      'category: cloud\nname: Cloud\nkind: technical\nskills:\n  - { id: aws }\n',
    );
    const cache = fileRulesCache(cacheDir());
    expect(() => loadRules(dir, { cache })).toThrow(
      /skills\[0\]\.name: expected a non-empty string/,
    );
    expect(readdirSync(cache.dir)).toEqual([]);
  });

  it('ignores a damaged cache entry and parses the files again', () => {
    const dir = rulesDir(SKILLS);
    const cache = fileRulesCache(cacheDir());
    loadRules(dir, { cache });
    const [entry] = readdirSync(cache.dir);
    for (const damage of ['{"skills": [', '{"skills": 1, "roles": {}}', 'null']) {
      writeFileSync(join(cache.dir, entry as string), damage);
      expect(loadRules(dir, { cache }).skills.get('aws')?.name).toBe('AWS');
    }
  });

  it('works without a writable cache folder', () => {
    const blocked = join(cacheDir(), 'file');
    writeFileSync(blocked, 'not a folder');
    const rules = loadRules(rulesDir(SKILLS), { cache: fileRulesCache(join(blocked, 'cache')) });
    expect(rules.skills.get('aws')?.name).toBe('AWS');
  });
});
