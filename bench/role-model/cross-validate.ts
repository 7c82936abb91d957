import type { CalibrationMode } from '../../src/classify/index.js';
import { type Example, FOLDS } from './data.js';
import {
  DEFAULT_FIT,
  type FitOptions,
  fitRoleModel,
  type LinearRoleModel,
  linearLogits,
} from './fit.js';
import { fitTemperature } from './softmax.js';

export interface FoldModels {
  /** The model fitted without fold k, for k = 0..FOLDS-1. */
  readonly models: readonly LinearRoleModel[];
  /** Raw logits of every example from the model that did not see it. */
  readonly outOfFold: ReadonlyMap<Example, Float64Array>;
}

export function crossValidate(
  examples: readonly Example[],
  roles: readonly string[],
  options: FitOptions = DEFAULT_FIT,
): FoldModels {
  const models: LinearRoleModel[] = [];
  const outOfFold = new Map<Example, Float64Array>();
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fitRoleModel(
      examples.filter((example) => example.posting.fold !== fold),
      roles,
      options,
    );
    models.push(model);
    for (const example of examples) {
      if (example.posting.fold === fold)
        outOfFold.set(example, linearLogits(model, example.features));
    }
  }
  return { models, outOfFold };
}

export const CALIBRATION_MODES: readonly CalibrationMode[] = [
  'full',
  'no-title',
  'title-only',
  'generic-title',
];

/**
 * Temperature per mode fitted on out-of-fold logits, leaving out `exceptFold` when given. Titles
 * that name no role are calibrated on the hand-labelled generic-title postings alone: a job
 * board's "Software Engineer" postings are mostly easy ones, a company board's are not, and the
 * company boards are what a crawl brings.
 */
export function fitTemperatures(
  roles: readonly string[],
  outOfFold: ReadonlyMap<Example, Float64Array>,
  exceptFold?: number,
): Record<CalibrationMode, number> {
  const roleIndex = new Map(roles.map((id, index) => [id, index]));
  const fitted = {} as Record<CalibrationMode, number>;
  for (const mode of CALIBRATION_MODES) {
    const predictions: { logits: Float64Array; label: number }[] = [];
    for (const [example, logits] of outOfFold) {
      const label = roleIndex.get(example.posting.role);
      if (
        example.features.calibration !== mode ||
        (mode === 'generic-title' && example.posting.dataset !== 'generic') ||
        example.posting.fold === exceptFold ||
        label === undefined
      )
        continue;
      predictions.push({ logits, label });
    }
    fitted[mode] = Math.round(fitTemperature(predictions) * 1000) / 1000;
  }
  return fitted;
}
