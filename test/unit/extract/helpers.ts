import { analyzePosting } from '../../../src/extract/index.js';
import { type CompiledRules, loadRules } from '../../../src/rules/index.js';

export const miniRules: CompiledRules = loadRules(
  new URL('../../fixtures/rules-mini', import.meta.url).pathname,
);

let shipped: CompiledRules | undefined;
/** The rules jobsift ships (rules/), loaded once per test file. */
export function shippedRules(): CompiledRules {
  shipped ??= loadRules();
  return shipped;
}

/** Skill id → requirement level for a description. */
export function levels(
  description: string,
  rules: CompiledRules = miniRules,
  title = '',
): Record<string, string> {
  const { extraction } = analyzePosting({ title, description }, rules);
  return Object.fromEntries(extraction.skills.map((skill) => [skill.id, skill.requirement]));
}
