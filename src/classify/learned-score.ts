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
 * features, divided by the temperature fitted for the input's mode, then a softmax. A role the
 * user added to roles.yaml after training is scored from its rule evidence, at the weight the
 * model gives rule evidence on average, so that a YAML edit always counts.
 */
export function scoreWithModel(
  model: RoleModel,
  features: RoleFeatures,
  rules: CompiledRules,
): ModelScores {
  const logits = new Float64Array(model.roles.length);
  logits.set(model.bias);
  const { names, values } = tfIdf(features, model.idf);
  for (let i = 0; i < names.length; i++) {
    const weights = model.weights.get(names[i] as string);
    if (weights === undefined) continue;
    const value = values[i] as number;
    for (const [role, weight] of weights) (logits[role] as number) += weight * value;
  }
  const ids = rules.roles.map((role) => role.id);
  const logitOf = (roleId: string): number => {
    const index = model.roleIndex.get(roleId);
    if (index !== undefined) return logits[index] as number;
    const at = names.indexOf(`r:${roleId}`);
    const evidence = at < 0 ? 0 : (values[at] as number);
    return meanBias(model) + ruleEvidenceWeight(model) * evidence;
  };
  const temperature = model.temperature[features.mode];
  const scaled = ids.map((id) => logitOf(id) / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((value) => Math.exp(value - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  const roles = ids
    .map((id, index) => ({ id, score: round((exps[index] as number) / total) }))
    .sort((a, b) => b.score - a.score);
  return {
    roles,
    contributions(roleId) {
      const index = model.roleIndex.get(roleId);
      if (index === undefined) return [];
      const out: { feature: string; value: number }[] = [];
      for (let i = 0; i < names.length; i++) {
        const weight = model.weights.get(names[i] as string)?.find(([role]) => role === index);
        if (weight)
          out.push({ feature: names[i] as string, value: weight[1] * (values[i] as number) });
      }
      return out.sort((a, b) => b.value - a.value);
    },
  };
}

function meanBias(model: RoleModel): number {
  let sum = 0;
  for (const value of model.bias) sum += value;
  return sum / model.bias.length;
}

/** How much the model trusts a role's own rule evidence, averaged over its roles. */
function ruleEvidenceWeight(model: RoleModel): number {
  let sum = 0;
  for (const [roleId, index] of model.roleIndex) {
    sum += model.weights.get(`r:${roleId}`)?.find(([role]) => role === index)?.[1] ?? 0;
  }
  return sum / model.roleIndex.size;
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

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
