import { describe, expect, it } from 'vitest';
import { analyzePosting } from '../../../src/extract/index.js';
import { levels, miniRules, shippedRules } from './helpers.js';

const ids = (description: string) => Object.keys(levels(description));

describe('skill matching', () => {
  it('matches aliases case-insensitively to one skill', () => {
    expect(ids('We use k8s, PYTHON3 and sklearn.')).toEqual([
      'kubernetes',
      'python',
      'scikit-learn',
    ]);
  });

  it('prefers the longest form: C++ is not C', () => {
    expect(ids('Strong C++ skills.')).toEqual(['cpp']);
  });

  it('does not find Java inside JavaScript', () => {
    expect(ids('Modern JavaScript and TypeScript.')).toEqual(['javascript']);
  });

  it('matches generated variants of written forms', () => {
    expect(ids('Experience with Node JS and REST APIs')).toEqual(['nodejs', 'rest-api']);
    expect(ids('Experience with nodejs')).toEqual(['nodejs']);
  });

  it('finds a near-miss spelling of a long alias by edit distance', () => {
    const { extraction } = analyzePosting(
      { title: '', description: 'Deploying to Kubernets clusters' },
      miniRules,
    );
    expect(extraction.skills.map((skill) => skill.id)).toEqual(['kubernetes']);
  });

  it('reports mention offsets into the description as given, also for HTML', () => {
    const description = '<p>We use <b>Apache&nbsp;Kafka</b> and <i>Django</i>.</p>';
    const { extraction } = analyzePosting({ title: '', description }, miniRules);
    const kafka = extraction.skills.find((skill) => skill.id === 'kafka');
    const mention = kafka?.mentions[0];
    expect(mention?.text).toBe('Apache Kafka');
    expect(description.slice(mention?.start, mention?.end)).toBe('Apache&nbsp;Kafka');
    const django = extraction.skills.find((skill) => skill.id === 'django')?.mentions[0];
    expect(description.slice(django?.start, django?.end)).toBe('Django');
  });

  it('marks implied skills', () => {
    const { extraction } = analyzePosting(
      { title: '', description: 'Django experience.' },
      miniRules,
    );
    expect(extraction.skills.find((skill) => skill.id === 'python')).toMatchObject({
      implied: true,
      mentions: [],
    });
  });
});

describe('ambiguity guards', () => {
  it('takes "Go" as the language only with context and the exact spelling', () => {
    expect(ids('Services in Go and Python.')).toContain('go');
    expect(ids('Go programming experience.')).toContain('go');
    expect(ids('Our go-to-market team uses Python.')).not.toContain('go');
    expect(ids('We go live with Python next week.')).not.toContain('go');
    expect(ids('Go to our website.')).not.toContain('go');
    expect(ids('Services in go and Python.')).not.toContain('go');
  });

  it('rejects C in C-level and Series C', () => {
    expect(ids('Write C and C++ firmware.')).toEqual(['c', 'cpp']);
    expect(ids('Present to C-level executives about Python.')).toEqual(['python']);
    expect(ids('We raised our Series C to grow the Python team.')).toEqual(['python']);
  });
});

describe('tag lines', () => {
  const named = (description: string) =>
    analyzePosting({ title: '', description }, shippedRules())
      .extraction.skills.filter((skill) => !skill.implied)
      .map((skill) => skill.id)
      .sort();

  it('reads a case-sensitive form in lowercase on a line listing technologies', () => {
    expect(named('Technologies\ntypescript javascript react go')).toEqual([
      'go',
      'javascript',
      'react',
      'typescript',
    ]);
  });

  it('still wants the written case in prose', () => {
    expect(named('We go to react quickly when javascript breaks.')).toEqual(['javascript']);
  });
});
