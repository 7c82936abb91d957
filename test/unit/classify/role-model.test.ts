import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisRoleFeatures, enrich } from '../../../src/classify/index.js';
import { RulesError } from '../../../src/errors.js';
import { analyzePosting } from '../../../src/extract/index.js';
import { DEFAULT_RULES_DIR, loadRules, ROLE_MODEL_FILE } from '../../../src/rules/index.js';
import { shippedRules } from '../extract/helpers.js';

const javaBackend =
  'You will build and own backend services in Java 17 and Spring Boot for our payments platform. ' +
  'Requirements: 5+ years of Java, Spring, REST APIs, PostgreSQL. Our services run on Docker and ' +
  'Kubernetes in AWS, deployed by CI/CD pipelines.';
const pythonFullStack =
  'Build our product end to end: a Django and PostgreSQL back end and a React front end. ' +
  'Requirements: Python, Django, React, HTML, CSS.';

function rulesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobsift-role-model-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  return dir;
}

describe('the learned role model', () => {
  it('ships with the rules and scores every role, summing to 1', () => {
    const rules = shippedRules();
    expect(rules.roleModel).not.toBeNull();
    const result = enrich(
      { title: 'Data Engineer', description: 'Airflow and Spark pipelines.' },
      rules,
    );
    expect(result.roles.map((role) => role.id).sort()).toEqual(
      rules.roles.map((role) => role.id).sort(),
    );
    const total = result.roles.reduce((sum, role) => sum + role.score, 0);
    expect(total).toBeCloseTo(1, 2);
    expect(result.role.id).toBe('data-engineer');
  });

  it('reads what the job is, not the tools around it: a Java back end on Kubernetes is not DevOps', () => {
    const result = enrich(
      { title: 'Software Engineer, Backend', description: javaBackend },
      shippedRules(),
    );
    expect(result.role.id).not.toBe('devops-engineer');
    expect(result.role.id).toBe('other');
  });

  it('calls a full-stack job with a Django back end python-full-stack-developer', () => {
    const result = enrich(
      { title: 'Full Stack Developer', description: pythonFullStack },
      shippedRules(),
    );
    expect(result.role.id).toBe('python-full-stack-developer');
  });

  it('finds the role from the description alone when it names the job', () => {
    const result = enrich(
      {
        title: '',
        description:
          'As a Data Analyst you will build dashboards in Tableau and write SQL to report KPIs.',
      },
      shippedRules(),
    );
    expect(result.role.id).toBe('data-analyst');
  });

  it('explains the top score with title words, skills and phrases of the posting itself', () => {
    const title = 'Full Stack Developer';
    const result = enrich({ title, description: pythonFullStack }, shippedRules());
    const top = result.reasons.filter((reason) => reason.role === result.role.id);
    expect(top.length).toBeGreaterThan(2);
    const skills = new Set(result.skills.map((skill) => skill.name));
    for (const reason of top) {
      expect(reason.weight).toBeGreaterThan(0);
      if (reason.kind === 'title') expect(title.toLowerCase()).toContain(reason.text.split(' ')[0]);
      if (reason.kind === 'skill' && !reason.text.startsWith('main language')) {
        expect(skills.has(reason.text)).toBe(true);
      }
    }
  });

  it('never gives soft skills as a reason for a role: they say how a job is done, not what it is', () => {
    const description = `${javaBackend} You are a strong communicator with excellent collaboration and teamwork skills, and you mentor others.`;
    const result = enrich({ title: 'Software Engineer', description }, shippedRules());
    const soft = result.skills.filter((skill) => skill.category === 'soft-skills');
    expect(soft.length).toBeGreaterThan(1);
    const softNames = new Set(soft.map((skill) => skill.name));
    const reasons = result.reasons.filter((reason) => reason.kind === 'skill');
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(softNames.has(reason.text)).toBe(false);
  });

  it('reads no field of study as a learned feature: nearly every technical role asks for one', () => {
    const description = `${javaBackend}\nRequirements:\n- A degree in Computer Science, Software Engineering or a related field\n- Excellent communication skills`;
    const rules = shippedRules();
    const analysis = analyzePosting({ title: 'Software Engineer', description }, rules);
    const notEvidence = analysis.extraction.skills.filter(
      (skill) => skill.kind === 'field-of-study' || skill.kind === 'soft-skill',
    );
    expect(notEvidence.map((skill) => skill.id)).toEqual(
      expect.arrayContaining(['computer-science', 'communication']),
    );
    const features = new Set(analysisRoleFeatures(analysis, rules).names);
    expect(features.has('s:java')).toBe(true);
    for (const skill of notEvidence) expect(features.has(`s:${skill.id}`)).toBe(false);
  });

  it('still follows a user edit of roles.yaml: a new title pattern moves the result', () => {
    const dir = rulesCopy();
    const title = 'Chief Data Wrangler';
    const before = enrich({ title, description: '' }, loadRules(dir, { cache: false }));
    expect(before.role.id).not.toBe('data-engineer');
    const rolesPath = join(dir, 'roles.yaml');
    const edited = readFileSync(rolesPath, 'utf8').replace(
      '      - data engineer\n',
      '      - data engineer\n      - { text: chief data wrangler, weight: 5 }\n',
    );
    writeFileSync(rolesPath, edited);
    const after = enrich({ title, description: '' }, loadRules(dir, { cache: false }));
    expect(after.role.id).toBe('data-engineer');
  });

  it('scores a role the user added after training from its rule evidence', () => {
    const dir = rulesCopy();
    const rolesPath = join(dir, 'roles.yaml');
    const added = `${readFileSync(rolesPath, 'utf8')}
  - id: rust-developer
    name: Rust Developer
    family: adjacent
    description: Writes systems software in Rust.
    titles:
      - { text: rust developer, weight: 5 }
    requiresAnySkill: []
    skills: {}
    phrases: []
`;
    writeFileSync(rolesPath, added);
    const rules = loadRules(dir, { cache: false });
    const result = enrich({ title: 'Rust Developer', description: '' }, rules);
    expect(result.roles.some((role) => role.id === 'rust-developer')).toBe(true);
    expect(result.role.id).toBe('rust-developer');
  });

  it('names the file and the field when role-model.json is malformed', () => {
    const dir = rulesCopy();
    const path = join(dir, ROLE_MODEL_FILE);
    const model = JSON.parse(readFileSync(path, 'utf8'));
    const [feature] = Object.keys(model.weights);
    model.weights[feature as string] = [1, 2];
    writeFileSync(path, JSON.stringify(model));
    expect(() => loadRules(dir, { cache: false })).toThrow(RulesError);
    expect(() => loadRules(dir, { cache: false })).toThrow(
      new RegExp(
        `role-model\\.json: weights\\["${feature}"\\]: expected 12 weights \\(one per role\\), received 2`,
      ),
    );
    writeFileSync(path, '{"about": 1');
    expect(() => loadRules(dir, { cache: false })).toThrow(/role-model\.json: not valid JSON/);
    writeFileSync(path, JSON.stringify({ ...model, temperature: { full: -1 } }));
    expect(() => loadRules(dir, { cache: false })).toThrow(
      /role-model\.json: temperature.*npm run train/,
    );
  });

  it('calibrates a title that names no role with its own temperature', () => {
    const dir = rulesCopy();
    const path = join(dir, ROLE_MODEL_FILE);
    const model = JSON.parse(readFileSync(path, 'utf8'));
    const { 'generic-title': _fitted, ...modeTemperatures } = model.temperature;
    const scoresWith = (temperature: Record<string, number>) => {
      writeFileSync(path, JSON.stringify({ ...model, temperature }));
      const rules = loadRules(dir, { cache: false });
      return {
        generic: enrich({ title: 'Software Engineer', description: javaBackend }, rules).role.score,
        named: enrich({ title: 'Data Engineer', description: javaBackend }, rules).role.score,
      };
    };
    const sharp = scoresWith({ ...modeTemperatures, 'generic-title': 0.5 });
    const flat = scoresWith({ ...modeTemperatures, 'generic-title': 8 });
    expect(flat.generic).toBeLessThan(sharp.generic);
    expect(flat.named).toBe(sharp.named);
    // A model written before this temperature existed calibrates such titles as `full`.
    const older = scoresWith(modeTemperatures);
    const asFull = scoresWith({ ...modeTemperatures, 'generic-title': modeTemperatures.full });
    expect(older.generic).toBe(asFull.generic);
  });

  it('falls back to the rules alone without a model file', () => {
    const rules = loadRules(DEFAULT_RULES_DIR, { roleModel: false });
    expect(rules.roleModel).toBeNull();
    const result = enrich({ title: 'Senior Data Engineer', description: '' }, rules);
    expect(result.role.id).toBe('data-engineer');
    expect(result.reasons[0]).toMatchObject({ kind: 'title', text: 'data engineer' });
  });
});
