import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/classify/index.js';
import { miniRules, shippedRules } from '../extract/helpers.js';

const classify = (title: string, description: string) => enrich({ title, description }, miniRules);

describe('classify', () => {
  it('scores every role in [0, 1], highest first, summing to 1', () => {
    const { roles, role } = classify('Data Engineer', 'Build data pipelines with Kafka.');
    expect(roles.map((entry) => entry.id).sort()).toEqual([
      'data-engineer',
      'other',
      'python-developer',
    ]);
    for (const entry of roles) expect(entry.score).toBeGreaterThanOrEqual(0);
    expect(roles.reduce((sum, entry) => sum + entry.score, 0)).toBeCloseTo(1, 2);
    expect(roles[0]?.id).toBe(role.id);
    expect(role).toMatchObject({ id: 'data-engineer', name: 'Data Engineer', family: 'data' });
  });

  it('explains the score with title, skill and phrase reasons', () => {
    const { reasons } = classify('Senior Data Engineer', 'Build data pipelines with Kafka.');
    const kinds = reasons
      .filter((reason) => reason.role === 'data-engineer')
      .map((reason) => reason.kind);
    expect(kinds).toEqual(expect.arrayContaining(['title', 'skill', 'phrase']));
  });

  it('works from the title alone and from the description alone', () => {
    expect(classify('ETL Developer', '').role.id).toBe('data-engineer');
    expect(classify('', 'Kafka required. Build data pipelines with Python.').role.id).toBe(
      'data-engineer',
    );
  });

  it('answers other when nothing fits, and for non-technical titles', () => {
    expect(classify('', 'Friendly team, free lunch.').role.id).toBe('other');
    expect(
      classify('Registered Nurse', 'Patient care; reporting in Kafka dashboards.').role.id,
    ).toBe('other');
  });

  it('keeps a Python role unlikely when the posting never asks for Python', () => {
    const withPython = classify('', 'Web applications in Django.');
    const withoutPython = classify('', 'Web applications in JavaScript.');
    expect(withPython.role.id).toBe('python-developer');
    expect(withoutPython.role.id).not.toBe('python-developer');
  });

  it('ignores a negated skill as evidence', () => {
    const negated = classify('', 'No Kafka required. Data pipelines.');
    const wanted = classify('', 'Kafka required. Data pipelines.');
    const score = (result: typeof negated) =>
      result.roles.find((entry) => entry.id === 'data-engineer')?.score ?? 0;
    expect(score(wanted)).toBeGreaterThan(score(negated));
  });

  it('reads a hyphen inside a title compound as a space: Front-End is Front End', () => {
    // The rules' own title patterns, without the learned model's word-by-word reasons.
    const rulesOnly = { ...shippedRules(), roleModel: null };
    const titleReason = (title: string) =>
      enrich({ title, description: '' }, rulesOnly).reasons.find((r) => r.kind === 'title');
    const spaced = titleReason('Front End Developer');
    expect(spaced?.text).toBe('front end developer');
    expect(titleReason('Front-End Developer')).toEqual(spaced);
    expect(titleReason('Full-Stack Engineer')?.text).toBe('full stack engineer');
    // A hyphen with spaces around it still separates: "Engineer - Front End" is not one name.
    expect(titleReason('Developer - Front End')?.text).not.toBe('front end developer');
  });

  it("does not count a title's punctuation as words it says besides a pattern's", () => {
    // All of "python full stack engineer" in another order, and only "vue" besides: "/" is no word.
    const result = enrich(
      { title: 'Full-Stack Engineer (Python/Vue)', description: '' },
      shippedRules(),
    );
    expect(result.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'title',
        text: 'python full stack engineer',
        role: 'python-full-stack-developer',
      }),
    );
  });
});
