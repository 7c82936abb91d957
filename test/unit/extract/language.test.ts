import { describe, expect, it } from 'vitest';
import { analyzePosting, toIso6391 } from '../../../src/extract/index.js';
import { levels, shippedRules } from './helpers.js';

const extract = (description: string) =>
  analyzePosting({ title: '', description }, shippedRules()).extraction;

const GERMAN = [
  'Wir suchen einen Backend-Entwickler (m/w/d) für unser Team in Berlin.',
  'Du entwickelst Services mit Python und arbeitest eng mit dem Produktteam zusammen.',
  'Java-Kenntnisse sind nicht erforderlich.',
  'Erfahrung mit Kafka ist von Vorteil.',
].join('\n');

const FRENCH = [
  'Nous recherchons un développeur pour rejoindre notre équipe à Paris.',
  "Vous travaillerez avec Python et Kafka au quotidien, ce n'est pas obligatoire de connaître Java.",
].join('\n');

describe('posting language', () => {
  it('is English for an English posting, from its common words', () => {
    expect(
      extract('We are looking for a developer with experience in Python and Kafka.').language,
    ).toBe('en');
  });

  it('is null when the text is too short to tell', () => {
    expect(extract('Python, Kafka').language).toBeNull();
    expect(extract('').language).toBeNull();
  });

  it('reads a German posting with the German cues', () => {
    const extraction = extract(GERMAN);
    expect(extraction.language).toBe('de');
    const level = Object.fromEntries(extraction.skills.map((s) => [s.id, s.requirement]));
    expect(level.java).toBe('negated');
    expect(level.kafka).toBe('preferred');
    expect(level.python).toBe('required');
  });

  it('does not guess requirement levels for a language the rules have no cues for', () => {
    const extraction = extract(FRENCH);
    expect(extraction.language).toBe('fr');
    expect(new Set(extraction.skills.map((s) => s.requirement))).toEqual(new Set(['mentioned']));
  });

  it('maps the detector codes to ISO 639-1, or null', () => {
    expect(toIso6391('deu')).toBe('de');
    expect(toIso6391('und')).toBeNull();
    expect(toIso6391('zlm')).toBeNull();
  });
});

describe('soft skills and practices', () => {
  it('count where they are asked for, not in the blurb or as the team they name', () => {
    const text = [
      'About us',
      'We are a collaborative, agile company.',
      '',
      'Requirements',
      '- Strong communication skills',
      '- You have worked in Scrum',
    ].join('\n');
    const named = Object.fromEntries(
      extract(text)
        .skills.filter((skill) => !skill.implied)
        .map((skill) => [skill.id, skill.requirement]),
    );
    expect(named).toEqual({ communication: 'required', scrum: 'required' });
    expect(
      levels('You will join our Agile team and a collaborative environment.', shippedRules()),
    ).toEqual({});
  });

  it('are not asked for when they qualify the workplace, however many adjectives stand between', () => {
    const rules = shippedRules();
    expect(
      levels("You'll work in a collaborative, trusting and thought-provoking environment.", rules),
    ).toEqual({});
    expect(levels('Requirements\n- Collaborative and open company culture', rules)).toEqual({});
    // A common word other than a joiner ends the search: here collaboration is asked for.
    expect(levels('You have strong collaboration with the product team.', rules)).toEqual({
      collaboration: 'required',
    });
    // Items of a list of skills are asked for, whatever noun ends the list.
    expect(
      levels('Requirements\n- Strong communication, collaboration and team leadership', rules),
    ).toMatchObject({ communication: 'required', collaboration: 'required' });
  });
});

describe('broad fields of work', () => {
  it('count in the duties and requirements, not in sentences about the company', () => {
    const skillsOf = (text: string) => extract(text).skills.map((skill) => skill.id);
    expect(skillsOf('We are a cloud security company that loves automation.')).toEqual([]);
    expect(skillsOf('Build machine learning models for fraud detection.')).toContain(
      'machine-learning',
    );
    expect(skillsOf('You have experience with cloud platforms and test automation.')).toEqual(
      expect.arrayContaining(['cloud-computing', 'test-automation']),
    );
  });

  it('leave the tools of a sentence about the company as asked for', () => {
    expect(
      levels('This is not a Java role; we write Python and Django.', shippedRules()),
    ).toMatchObject({
      java: 'negated',
      python: 'required',
      django: 'required',
    });
  });
});
