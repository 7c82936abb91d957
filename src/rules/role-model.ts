import { z } from 'zod';
import { RulesError } from '../errors.js';

/**
 * The learned part of role classification: a sparse linear model over named features (see
 * src/classify/features.ts), written by `npm run train` as `rules/role-model.json`. Without the
 * file, roles are scored by the rules alone.
 */
export const roleModelFileSchema = z
  .object({
    about: z.string(),
    trainedOn: z.array(z.string()),
    roles: z.array(z.string().min(1)).min(2),
    /**
     * Softmax temperature per input mode, fitted on cross-validated predictions; `generic-title`
     * for a title that names no role (a model without it calibrates those as `full`).
     */
    temperature: z.object({
      full: z.number().positive(),
      'no-title': z.number().positive(),
      'title-only': z.number().positive(),
      'generic-title': z.number().positive().optional(),
    }),
    bias: z.record(z.string(), z.number()),
    /** Inverse document frequency of each description feature (d:) the model reads. */
    idf: z.record(z.string(), z.number().positive()),
    /** feature name -> its weight for each role, in the order of `roles`. */
    weights: z.record(z.string(), z.array(z.number())),
  })
  .strict();

export type RoleModelFile = z.output<typeof roleModelFileSchema>;

export interface RoleModel {
  readonly roles: readonly string[];
  readonly roleIndex: ReadonlyMap<string, number>;
  readonly temperature: RoleModelFile['temperature'];
  readonly bias: Float64Array;
  readonly idf: ReadonlyMap<string, number>;
  /** feature -> its weight for each role, in the order of `roles`. */
  readonly weights: ReadonlyMap<string, Float64Array>;
}

export function compileRoleModel(file: RoleModelFile, displayPath: string): RoleModel {
  const roleIndex = new Map(file.roles.map((id, index) => [id, index]));
  const indexOf = (roleId: string, where: string) => {
    const index = roleIndex.get(roleId);
    if (index === undefined) {
      throw new RulesError(`${displayPath}: ${where}: role "${roleId}" is not in "roles"`);
    }
    return index;
  };
  const bias = new Float64Array(file.roles.length);
  for (const [roleId, value] of Object.entries(file.bias)) bias[indexOf(roleId, 'bias')] = value;
  const weights = new Map<string, Float64Array>();
  for (const [feature, byRole] of Object.entries(file.weights)) {
    if (byRole.length !== file.roles.length) {
      throw new RulesError(
        `${displayPath}: weights["${feature}"]: expected ${file.roles.length} weights (one per role), received ${byRole.length}`,
      );
    }
    weights.set(feature, Float64Array.from(byRole));
  }
  return {
    roles: file.roles,
    roleIndex,
    temperature: file.temperature,
    bias,
    idf: new Map(Object.entries(file.idf)),
    weights,
  };
}
