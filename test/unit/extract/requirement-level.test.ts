import { describe, expect, it } from 'vitest';
import { CUE_WINDOW, cueWindow } from '../../../src/extract/index.js';
import { tokenize } from '../../../src/text/index.js';
import { levels } from './helpers.js';

describe('requirement levels', () => {
  it('follows sections: requirements, nice to have, about us, benefits', () => {
    const text = [
      'About us',
      'We are a Java shop moving to Kafka.',
      '',
      'Requirements:',
      '- 5+ years of Python',
      '',
      'Nice to have',
      '- Kubernetes',
      '',
      'Benefits',
      '- Free scikit-learn course',
    ].join('\n');
    expect(levels(text)).toEqual({
      java: 'mentioned',
      kafka: 'mentioned',
      python: 'required',
      kubernetes: 'preferred',
      'scikit-learn': 'mentioned',
    });
  });

  it('reads HTML headings as sections', () => {
    const html =
      '<h3>What you bring</h3><ul><li>Python</li></ul><p><strong>Bonus points</strong></p><ul><li>Kafka</li></ul>';
    expect(levels(html)).toEqual({ python: 'required', kafka: 'preferred' });
  });

  it('reads an inline heading for one line', () => {
    expect(
      levels('Must have: Python\nNice to have: Kafka, Kubernetes\nYou will write Django.'),
    ).toEqual({
      python: 'required',
      kafka: 'preferred',
      kubernetes: 'preferred',
      django: 'required',
    });
  });

  it('negates a skill under a negation, whichever side it stands', () => {
    expect(levels('No Java required. Python is a must.')).toEqual({
      java: 'negated',
      python: 'required',
    });
    expect(levels('This is not a Java role; we write Python.')).toMatchObject({
      java: 'negated',
      python: 'required',
    });
    expect(levels('Prior Java experience is not required.')).toEqual({ java: 'negated' });
    expect(levels("You don't need to know Kafka or Kubernetes.")).toEqual({
      kafka: 'negated',
      kubernetes: 'negated',
    });
    expect(levels('Without any Java experience is fine, but Python is essential.')).toMatchObject({
      java: 'negated',
      python: 'required',
    });
  });

  it('does not negate across "not only", "but" or unrelated words', () => {
    expect(levels('Not only Python but also Kafka.')).toEqual({
      python: 'required',
      kafka: 'required',
    });
    expect(levels('You are not afraid to dig into Python internals.')).toEqual({
      python: 'required',
    });
    expect(levels('Including but not limited to Python and Kafka.')).toEqual({
      python: 'required',
      kafka: 'required',
    });
  });

  it('makes a sentence with a plus cue preferred, except a clause that says required', () => {
    expect(levels('Kafka experience is a plus.')).toEqual({ kafka: 'preferred' });
    expect(levels('Python is required, Kafka would be nice.')).toEqual({
      python: 'required',
      kafka: 'preferred',
    });
    expect(levels('Kubernetes is nice to have but not required.')).toEqual({
      kubernetes: 'preferred',
    });
  });
});

describe('cue windows', () => {
  it('reads a mention’s cues within CUE_WINDOW tokens, however long the sentence', () => {
    const tokens = tokenize('Python, '.repeat(1000));
    expect(cueWindow(tokens, 0, 1000, 1001)).toEqual({
      from: 1000 - CUE_WINDOW,
      to: 1001 + CUE_WINDOW,
    });
    expect(cueWindow(tokenize('Kafka is a plus. Python'), 0, 0, 1)).toEqual({ from: 0, to: 5 });
  });

  it('leaves a mention alone whose cue is past the window', () => {
    const list = Array.from({ length: CUE_WINDOW }, () => 'Django').join(', ');
    expect(levels(`Kafka, ${list}, Kubernetes would be nice.`)).toMatchObject({
      kafka: 'required',
      kubernetes: 'preferred',
    });
  });
});
