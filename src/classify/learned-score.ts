import type { CompiledRules, RoleModel } from '../rules/index.js';
import { type RoleFeatures, tfIdf } from './features.js';
import type { Reason, RoleScore } from './types.js';

export interface ModelScores {
  /** Every role of the rules, highest first, calibrated and summing to 1. */
  readonly roles: readonly RoleScore[];
  /** What each feature added to a role's logit, largest first. */
  contributions(roleId: string): readonly { readonly feature: string; readonly value: number }[];
}

/**
 * Scores every role of the rules with the learned model: a linear logit per role over the named
 * features, divided by the temperature fitted for the input's mode (or for titles that name no
 * role), then a softmax. A role the
 * user added to roles.yaml after training gets the share the rules alone give it (`ruleShare`),
 * and the model's roles share the rest, so that a YAML edit always counts.
 */
export function scoreWithModel(
  model: RoleModel,
  features: RoleFeatures,
  rules: CompiledRules,
  ruleShare: (roleId: string) => number,
): ModelScores {
  const roleCount = model.roles.length;
  const logits = new Float64Array(roleCount);
  logits.set(model.bias);
  const { names, values } = tfIdf(features, model.idf);
  // The features the model weighs, kept for the reasons: each is looked up once.
  const weighedNames: string[] = [];
  const weighedValues: number[] = [];
  const weighedWeights: Float64Array[] = [];
  for (let i = 0; i < names.length; i++) {
    const weights = model.weights.get(names[i] as string);
    if (weights === undefined) continue;
    const value = values[i] as number;
    for (let role = 0; role < roleCount; role++) {
      logits[role] = (logits[role] as number) + (weights[role] as number) * value;
    }
    weighedNames.push(names[i] as string);
    weighedValues.push(value);
    weighedWeights.push(weights);
  }
  const temperature = model.temperature[features.calibration] ?? model.temperature[features.mode];
  let max = -Infinity;
  for (const logit of logits) max = Math.max(max, logit / temperature);
  let total = 0;
  const exps = Array.from(logits, (logit) => {
    const value = Math.exp(logit / temperature - max);
    total += value;
    return value;
  });
  const unknown = rules.roles.filter((role) => !model.roleIndex.has(role.id));
  const unknownShare = unknown.reduce((sum, role) => sum + ruleShare(role.id), 0);
  const roles = rules.roles
    .map((role) => {
      const index = model.roleIndex.get(role.id);
      const score =
        index === undefined
          ? ruleShare(role.id)
          : ((exps[index] as number) / total) * (1 - unknownShare);
      return { id: role.id, score: round(score) };
    })
    .sort((a, b) => b.score - a.score);
  return {
    roles,
    contributions(roleId) {
      const index = model.roleIndex.get(roleId);
      if (index === undefined) return [];
      const out: { feature: string; value: number }[] = [];
      for (let i = 0; i < weighedNames.length; i++) {
        const weight = (weighedWeights[i] as Float64Array)[index] as number;
        if (weight !== 0) {
          out.push({
            feature: weighedNames[i] as string,
            value: weight * (weighedValues[i] as number),
          });
        }
      }
      return out.sort((a, b) => b.value - a.value);
    },
  };
}

/**
 * The features that raised a role most, as reasons a reader can check: title words, skills
 * and description phrases, with what each added to the role's logit.
 */
export function learnedReasons(
  contributions: readonly { readonly feature: string; readonly value: number }[],
  features: RoleFeatures,
  rules: CompiledRules,
  roleId: string,
  count: number,
): Reason[] {
  const reasons: Reason[] = [];
  for (const { feature, value } of contributions) {
    if (reasons.length >= count || value <= 0) break;
    const reason = reasonOf(feature, features, rules);
    if (reason) reasons.push({ ...reason, role: roleId, weight: round(value) });
  }
  return reasons;
}

function reasonOf(
  feature: string,
  features: RoleFeatures,
  rules: CompiledRules,
): Pick<Reason, 'kind' | 'text'> | null {
  const colon = feature.indexOf(':');
  const kind = feature.slice(0, colon);
  const rest = feature.slice(colon + 1);
  switch (kind) {
    case 't':
      return { kind: 'title', text: features.surface(feature) ?? rest };
    case 'd':
      return { kind: 'phrase', text: features.surface(feature) ?? rest };
    case 's':
      return { kind: 'skill', text: rules.skills.get(rest)?.name ?? rest };
    case 'lang':
      return { kind: 'skill', text: `main language ${rules.skills.get(rest)?.name ?? rest}` };
    case 'x':
      return { kind: 'phrase', text: rest };
    default:
      // Rule evidence (r:) is explained by the rules' own reasons; the mode prior by nothing.
      return null;
  }
}

/** Scores and reason weights are given to three decimals. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
