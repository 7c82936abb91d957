import { describe, expect, it } from 'vitest';
import { analyzePosting } from '../../../src/extract/index.js';
import { englishNearMisses } from '../../../src/rules/english-words.js';
import { isEnglishWord } from '../../../src/rules/index.js';
import { shippedRules } from '../extract/helpers.js';

const skillIds = (description: string) =>
  analyzePosting({ title: '', description }, shippedRules()).extraction.skills.map(
    (skill) => skill.id,
  );

describe('near-miss matching and English words', () => {
  it('reads an inflected form as its dictionary base', () => {
    const words = new Set(['require', 'make', 'party']);
    expect(isEnglishWord('requires', words)).toBe(true);
    expect(isEnglishWord('required', words)).toBe(true);
    expect(isEnglishWord('making', words)).toBe(true);
    expect(isEnglishWord('parties', words)).toBe(true);
    expect(isEnglishWord('kubernets', words)).toBe(false);
  });

  it('never takes an English word one edit from an alias for a misspelt skill', () => {
    expect(skillIds('This role requires talented people.')).not.toContain('requirejs');
    expect(skillIds('The tests are self contained.')).not.toContain('containerd');
  });

  it('still finds a real misspelling of a long alias', () => {
    expect(skillIds('Deploying to Kubernets clusters')).toContain('kubernetes');
  });

  it('lists the dictionary words one edit from an alias, or inflecting one', () => {
    const { fuzzy } = shippedRules();
    expect(englishNearMisses(['require', 'requires', 'contained', 'table'], fuzzy)).toEqual([
      'contained',
      'require',
      'requires',
    ]);
  });
});
