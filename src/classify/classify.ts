import type { Analysis } from '../extract/index.js';
import type {
  CompiledRole,
  CompiledRules,
  RoleEvidence,
  RoleModel,
  WeightedTerms,
  WordEntry,
} from '../rules/index.js';
import { BREAK, stem, stemTokens, type Token } from '../text/index.js';
import {
  type DescriptionVocabulary,
  descriptionVocabulary,
  type RoleFeatures,
  roleFeatures,
} from './features.js';
import { learnedReasons, round, scoreWithModel } from './learned-score.js';
import type { Classification, Reason, RoleScore } from './types.js';

export const OTHER_ROLE_ID = 'other';

/** How much a role's title pattern counts against the rest of the evidence. */
const TITLE_FACTOR = 2.2;
/** The score `other` starts from: evidence for a role must beat it. */
const OTHER_BASELINE = 2.4;
/** Softmax temperature that turns evidence into scores that sum to 1. */
const TEMPERATURE = 2;
/** A role that requires a skill (Python) the posting never names keeps this share of its evidence. */
const UNMET_REQUIREMENT_FACTOR = 0.15;

const LEVEL_FACTOR = { required: 1, preferred: 0.6, mentioned: 0.25, negated: 0 } as const;
const IMPLIED_FACTOR = 0.7;

/** Title words that say how senior or on what terms, not which role (compared stemmed). */
const TITLE_NOISE = new Set(
  `senior sr junior jr lead principal staff intern internship trainee i ii iii iv v 1 2 3 4 mid
  level entry graduate associate remote hybrid contract freelance m f d w x`
    .split(/\s+/)
    .map(stem),
);

/**
 * Scores every role of the taxonomy from the title, the skill profile and responsibility
 * phrases, and returns the primary role (`other` when nothing fits), all scores and the reasons.
 */
export function classifyAnalysis(analysis: Analysis, rules: CompiledRules): Classification {
  const { at, ruleEvidence, unmetRoles, titleTerms, terms, titleNamesRole } = collectRuleEvidence(
    analysis,
    rules,
  );
  const model = rules.roleModel;
  if (model === null) return fromRuleEvidence(ruleEvidence, rules, at);
  const known = vocabularyOf(model);
  const features = roleFeatures({
    analysis,
    rules,
    titleTerms,
    terms,
    ruleEvidence,
    unmetRoles,
    titleNamesRole,
    known,
  });
  const ruleScores = ruleSoftmax(ruleEvidence);
  const scored = scoreWithModel(model, features, rules, (id) => ruleScores.get(id) ?? 0);
  const best = scored.roles[0] ?? { id: OTHER_ROLE_ID, score: 1 };
  const runnerUp = scored.roles[1];
  const reasons = [
    ...learnedReasons(scored.contributions(best.id), features, rules, best.id, 6),
    ...topReasons(at(best.id).reasons, 4),
    ...(runnerUp && runnerUp.score > 0.05
      ? learnedReasons(scored.contributions(runnerUp.id), features, rules, runnerUp.id, 3)
      : []),
  ];
  return { role: roleOf(rules, best), roles: scored.roles, reasons };
}

/** The features the learned model reads for one posting (what `npm run train` fits). */
export function analysisRoleFeatures(analysis: Analysis, rules: CompiledRules): RoleFeatures {
  const { ruleEvidence, unmetRoles, titleTerms, terms, titleNamesRole } = collectRuleEvidence(
    analysis,
    rules,
  );
  return roleFeatures({
    analysis,
    rules,
    titleTerms,
    terms,
    ruleEvidence,
    unmetRoles,
    titleNamesRole,
  });
}

/** The rules' evidence for every role: title patterns, skill weights and phrases of roles.yaml. */
function collectRuleEvidence(analysis: Analysis, rules: CompiledRules) {
  const evidence = new Map<string, RoleEvidenceSum>();
  for (const role of rules.roles)
    evidence.set(role.id, { title: 0, skills: 0, phrases: 0, reasons: [] });
  const at = (roleId: string) => evidence.get(roleId) as RoleEvidenceSum;

  const titleTerms = titleTermsOf(analysis.titleTokens);
  const terms = stemTokens(analysis.tokens, analysis.entries);
  scoreTitle(titleTerms, rules, at);
  scoreSkills(analysis, rules, at);
  scorePhrases(analysis, terms, rules, at);

  const present = presentSkills(analysis);
  const ruleEvidence = new Map<string, number>();
  const unmetRoles: string[] = [];
  let titleNamesRole = false;
  for (const role of rules.roles) {
    const sum = at(role.id);
    if (sum.title > 0 && role.id !== OTHER_ROLE_ID) titleNamesRole = true;
    let value =
      TITLE_FACTOR * sum.title + saturate(sum.skills, 4.5, 7) + saturate(sum.phrases, 2.5, 3);
    if (role.id === OTHER_ROLE_ID) value += OTHER_BASELINE;
    if (role.requiresAnySkill.length > 0 && !role.requiresAnySkill.some((id) => present.has(id))) {
      value *= UNMET_REQUIREMENT_FACTOR;
      unmetRoles.push(role.id);
    }
    ruleEvidence.set(role.id, value);
  }
  return { at, ruleEvidence, unmetRoles, titleTerms, terms, titleNamesRole };
}

/** Scores from the rules alone (no learned model): a softmax over their evidence. */
function fromRuleEvidence(
  ruleEvidence: ReadonlyMap<string, number>,
  rules: CompiledRules,
  at: (roleId: string) => RoleEvidenceSum,
): Classification {
  const roles: RoleScore[] = [...ruleSoftmax(ruleEvidence)]
    .map(([id, score]) => ({ id, score: round(score) }))
    .sort((a, b) => b.score - a.score);
  const best = roles[0] ?? { id: OTHER_ROLE_ID, score: 1 };
  const runnerUp = roles[1];
  const reasons = [
    ...topReasons(at(best.id).reasons, 8),
    ...(runnerUp && runnerUp.score > 0.05 ? topReasons(at(runnerUp.id).reasons, 3) : []),
  ];
  return { role: roleOf(rules, best), roles, reasons };
}

/** Each role's share of a softmax over the rules' evidence. */
function ruleSoftmax(ruleEvidence: ReadonlyMap<string, number>): Map<string, number> {
  const max = Math.max(...ruleEvidence.values());
  let total = 0;
  const exps = new Map<string, number>();
  for (const [id, value] of ruleEvidence) {
    const exp = Math.exp((value - max) / TEMPERATURE);
    exps.set(id, exp);
    total += exp;
  }
  for (const [id, exp] of exps) exps.set(id, exp / total);
  return exps;
}

function roleOf(rules: CompiledRules, best: RoleScore): Classification['role'] {
  const role = rules.roleById.get(best.id) as CompiledRole;
  return { id: role.id, name: role.name, family: role.family, score: best.score };
}

/** Title terms as the title rules read them: stemmed, without seniority words. */
function titleTermsOf(tokens: readonly Token[]): string[] {
  // "Full-Stack", "Back-End": a hyphen inside a compound joins words as a space would.
  return stemTokens(tokens).filter(
    (term, index) => !TITLE_NOISE.has(term) && !isJoiningHyphen(tokens, index),
  );
}

interface RoleEvidenceSum {
  title: number;
  skills: number;
  phrases: number;
  reasons: Reason[];
}

/** Whether the token at `index` is a hyphen glued between two words ("full-stack"). */
function isJoiningHyphen(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index] as Token;
  if (token.norm !== '-' || token.spaced) return false;
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return before?.isWord === true && after?.isWord === true && !after.spaced;
}

/** How many of the terms are words: kept punctuation ("/" of "Python/Vue") says nothing. */
function wordCount(terms: ReadonlySet<string>): number {
  let words = 0;
  for (const term of terms) if (/[\p{L}\p{N}]/u.test(term)) words++;
  return words;
}

function scoreTitle(
  terms: readonly string[],
  rules: CompiledRules,
  at: (roleId: string) => RoleEvidenceSum,
) {
  if (terms.length === 0) return;
  const best = new Map<string, { weight: number; pattern: WeightedTerms }>();
  const consider = (roleId: string, pattern: WeightedTerms, weight: number) => {
    const current = best.get(roleId);
    if (!current || weight > current.weight) best.set(roleId, { weight, pattern });
  };
  for (let index = 0; index < terms.length; index++) {
    rules.titleTrie.matchAt(terms, index, ({ roleId, pattern }) =>
      consider(roleId, pattern, pattern.weight),
    );
  }
  // All of a pattern's words in another order ("Engineer, Data Platform") count for half, when
  // the title says little else: "Full-Stack Engineer (Python/Vue)" is not a "Python Engineer".
  const termSet = new Set(terms.filter((term) => term !== BREAK));
  const titleWords = wordCount(termSet);
  const reordered: { roleId: string; pattern: WeightedTerms; order: number }[] = [];
  for (const term of termSet) {
    for (const candidate of multiWordTitlesByTerm(rules).get(term) ?? []) {
      if (candidate.pattern.terms.every((other) => termSet.has(other))) reordered.push(candidate);
    }
  }
  // In rules order, so that of equal weights the same pattern wins as always.
  reordered.sort((a, b) => a.order - b.order);
  for (const { roleId, pattern } of reordered) {
    if (titleWords - wordCount(new Set(pattern.terms)) <= 1)
      consider(roleId, pattern, pattern.weight / 2);
  }
  for (const [roleId, { weight, pattern }] of best) {
    const sum = at(roleId);
    sum.title = weight;
    sum.reasons.push({
      kind: 'title',
      text: pattern.text,
      role: roleId,
      weight: round(weight * TITLE_FACTOR),
    });
  }
}

/** A lookup built from the rules once per rules object, on first use. */
function builtOncePerRules<T extends object>(build: (rules: CompiledRules) => T) {
  const built = new WeakMap<CompiledRules, T>();
  return (rules: CompiledRules): T => {
    let value = built.get(rules);
    if (value === undefined) {
      value = build(rules);
      built.set(rules, value);
    }
    return value;
  };
}

/** The description n-grams a model reads, built once per model. */
const vocabularies = new WeakMap<RoleModel, DescriptionVocabulary>();
function vocabularyOf(model: RoleModel): DescriptionVocabulary {
  let vocabulary = vocabularies.get(model);
  if (vocabulary === undefined) {
    vocabulary = descriptionVocabulary(model.idf.keys());
    vocabularies.set(model, vocabulary);
  }
  return vocabulary;
}

/** Title patterns of two or more terms, under their first term, with their place in the rules. */
const multiWordTitlesByTerm = builtOncePerRules((rules) => {
  const index = new Map<string, { roleId: string; pattern: WeightedTerms; order: number }[]>();
  let order = 0;
  for (const role of rules.roles) {
    for (const pattern of role.titles) {
      order++;
      const first = pattern.terms[0];
      if (pattern.terms.length < 2 || first === undefined) continue;
      index.set(first, [...(index.get(first) ?? []), { roleId: role.id, pattern, order }]);
    }
  }
  return index;
});

/** The roles each skill is evidence for, with its weight, in rules order. */
const rolesBySkill = builtOncePerRules((rules) => {
  const index = new Map<string, { role: CompiledRole; weight: number }[]>();
  for (const role of rules.roles) {
    for (const [skillId, weight] of role.skills) {
      let roles = index.get(skillId);
      if (roles === undefined) {
        roles = [];
        index.set(skillId, roles);
      }
      roles.push({ role, weight });
    }
  }
  return index;
});

function scoreSkills(
  analysis: Analysis,
  rules: CompiledRules,
  at: (roleId: string) => RoleEvidenceSum,
) {
  for (const skill of analysis.extraction.skills) {
    const factor = LEVEL_FACTOR[skill.requirement] * (skill.implied ? IMPLIED_FACTOR : 1);
    if (factor === 0) continue;
    for (const { role, weight } of rolesBySkill(rules).get(skill.id) ?? []) {
      const sum = at(role.id);
      sum.skills += weight * factor;
      sum.reasons.push({
        kind: 'skill',
        text: skill.name,
        role: role.id,
        weight: round(weight * factor),
      });
    }
  }
}

function scorePhrases(
  analysis: Analysis,
  terms: readonly string[],
  rules: CompiledRules,
  at: (roleId: string) => RoleEvidenceSum,
) {
  const { tokens, entries } = analysis;
  const seen = new Set<WeightedTerms>();
  const visit = ({ roleId, pattern }: RoleEvidence) => {
    if (seen.has(pattern)) return;
    seen.add(pattern);
    const sum = at(roleId);
    sum.phrases += pattern.weight;
    sum.reasons.push({ kind: 'phrase', text: pattern.text, role: roleId, weight: pattern.weight });
  };
  for (let index = 0; index < terms.length; index++) {
    const start = (entries[index] as WordEntry).phraseStart;
    if (start !== undefined) rules.phraseTrie.matchFrom(start, terms, index, visit);
    else if (!(tokens[index] as Token).isWord && terms[index] !== BREAK) {
      rules.phraseTrie.matchAt(terms, index, visit);
    }
  }
}

function presentSkills(analysis: Analysis): Set<string> {
  const present = new Set(analysis.titleSkills);
  for (const skill of analysis.extraction.skills) {
    if (skill.requirement !== 'negated' && skill.requirement !== 'mentioned') present.add(skill.id);
  }
  return present;
}

/** Grows with evidence but never past `ceiling`: the tenth skill adds less than the first. */
function saturate(value: number, ceiling: number, scale: number): number {
  return ceiling * (1 - Math.exp(-value / scale));
}

function topReasons(reasons: readonly Reason[], count: number): Reason[] {
  return [...reasons].sort((a, b) => b.weight - a.weight).slice(0, count);
}
