import { describe, expect, it } from 'vitest';
import { analyzePosting } from '../../../src/extract/index.js';
import { shippedRules } from './helpers.js';

function extract(description: string) {
  return analyzePosting({ title: '', description }, shippedRules()).extraction;
}

describe('fields of study', () => {
  it('are skills with their mentions when a degree asks for them', () => {
    const description = 'BS in Computer Science or equivalent. Strong experience with Python.';
    const { skills, education } = extract(description);
    const field = skills.find((skill) => skill.id === 'computer-science');
    expect(field?.kind).toBe('field-of-study');
    expect(field?.requirement).toBe('required');
    expect(field?.mentions.map(({ start, end }) => description.slice(start, end))).toEqual([
      'Computer Science',
    ]);
    expect(education.map((degree) => degree.fields)).toEqual([['Computer science']]);
  });

  it('count in a requirements section without a degree named', () => {
    const { skills } = extract('Requirements:\n- A background in mathematics or physics');
    expect(skills.filter((skill) => skill.kind === 'field-of-study').map((s) => s.id)).toEqual([
      'mathematics',
      'physics',
    ]);
  });

  it('are not taken from what the company says it does', () => {
    const { skills } = extract(
      'We are a software engineering and consulting company.\nYou will build services in Go.',
    );
    expect(skills.map((skill) => skill.id)).not.toContain('software-engineering');
    expect(skills.map((skill) => skill.id)).toContain('go');
  });
});
