/** Fits the learned role model (a sparse softmax regression) on examples, as `npm run train` does. */
import { type RoleFeatures, tfIdf } from '../../src/classify/index.js';
import type { RoleModelFile } from '../../src/rules/index.js';
import type { Example } from './data.js';
import { type SparseExample, trainSoftmax } from './softmax.js';

export interface FitOptions {
  /** A word feature (t:, d:) is a candidate when at least this many training examples have it. */
  readonly minExamples: number;
  /** Epochs over every candidate feature, to rank them. */
  readonly rankingEpochs: number;
  /** Epochs of the final fit over the features kept. */
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** The features kept, by importance (|weight| x mean |value|): the file stays small. */
  readonly maxFeatures: number;
  /** Weights smaller than this are left out of the file. */
  readonly minWeight: number;
  /** Class weight (most frequent count / count)^balance: 0 none, 1 fully balanced. */
  readonly balance: number;
  /**
   * How much a hand-labelled generic-title posting counts against one labelled by its title:
   * its label was read from the whole posting, as the role should be.
   */
  readonly genericWeight: number;
  readonly seed: number;
  /**
   * Final fits averaged into the model, each with its own shuffle (seed, seed + 1, ...): one
   * shuffle's model moves cross-validated accuracy by up to ±0.02; their mean is steadier.
   */
  readonly averagedFits: number;
}

export const DEFAULT_FIT: FitOptions = {
  minExamples: 3,
  rankingEpochs: 3,
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-5,
  maxFeatures: 4000,
  minWeight: 0.15,
  balance: 0.5,
  genericWeight: 6,
  seed: 7,
  averagedFits: Number(process.env.JOBSIFT_TRAIN_FITS ?? 5),
};

/** A fitted linear model by feature name, before its temperatures are known. */
export interface LinearRoleModel {
  readonly roles: readonly string[];
  readonly bias: Record<string, number>;
  readonly idf: Record<string, number>;
  /** feature -> weight per role, in the order of `roles` (0 where left out). */
  readonly weights: Record<string, number[]>;
}

/** Features every model keeps, whatever their rank: rule evidence and the mode priors. */
const ALWAYS_KEPT = /^(r|mode|x|unmet):/;

export function fitRoleModel(
  examples: readonly Example[],
  roles: readonly string[],
  options: FitOptions = DEFAULT_FIT,
): LinearRoleModel {
  const roleIndex = new Map(roles.map((id, index) => [id, index]));
  const labelled = examples.filter(({ posting }) => roleIndex.has(posting.role));
  const counts = new Map<string, number>();
  let withDescription = 0;
  for (const { features, mode } of labelled) {
    if (mode !== 'title-only') withDescription++;
    for (const name of features.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const candidates: string[] = [];
  const idf = new Map<string, number>();
  for (const [name, count] of counts) {
    const isWord = name.startsWith('t:') || name.startsWith('d:');
    if (isWord && count < options.minExamples) continue;
    candidates.push(name);
    if (name.startsWith('d:'))
      idf.set(name, round(Math.log((withDescription + 1) / (count + 1)) + 1));
  }

  const labelCounts = new Array<number>(roles.length).fill(0);
  for (const { posting } of labelled) {
    const label = roleIndex.get(posting.role) as number;
    labelCounts[label] = (labelCounts[label] ?? 0) + 1;
  }
  const most = Math.max(...labelCounts);
  const classWeight = labelCounts.map((count) =>
    count > 0 ? (most / count) ** options.balance : 0,
  );
  const meanWeight =
    labelled.reduce(
      (sum, { posting }) => sum + (classWeight[roleIndex.get(posting.role) as number] ?? 0),
      0,
    ) / Math.max(1, labelled.length);
  const weightOf = (label: number) => (classWeight[label] ?? 1) / meanWeight;

  const sparseOf = (kept: readonly string[], keptIdf: ReadonlyMap<string, number>) => {
    const featureIndex = new Map(kept.map((name, index) => [name, index]));
    return labelled.map(({ posting, features }): SparseExample => {
      const label = roleIndex.get(posting.role) as number;
      const weight = weightOf(label) * (posting.dataset === 'generic' ? options.genericWeight : 1);
      return { ...toSparse(tfIdf(features, keptIdf), featureIndex), label, weight };
    });
  };

  // Every fit is the mean of `averagedFits` fits, each with its own shuffle (the ranking's too,
  // since it decides which features are kept).
  const averagedFit = (
    kept: readonly string[],
    keptIdf: ReadonlyMap<string, number>,
    epochs: number,
  ) => {
    const sparse = sparseOf(kept, keptIdf);
    const fits = Array.from({ length: Math.max(1, options.averagedFits) }, (_, i) =>
      trainSoftmax(sparse, kept.length, roles.length, {
        ...options,
        epochs,
        seed: options.seed + i,
      }),
    );
    const mean = (values: (fit: (typeof fits)[number]) => Float64Array, index: number) =>
      fits.reduce((sum, fit) => sum + (values(fit)[index] as number), 0) / fits.length;
    const first = fits[0] as (typeof fits)[number];
    return {
      sparse,
      trained: {
        weights: Float64Array.from(first.weights, (_, index) => mean((fit) => fit.weights, index)),
        bias: Float64Array.from(first.bias, (_, index) => mean((fit) => fit.bias, index)),
      },
    };
  };

  // Rank every candidate by how much it moves a logit on average, keep the strongest, refit.
  const ranking = averagedFit(candidates, idf, options.rankingEpochs);
  const meanAbs = new Float64Array(candidates.length);
  for (const { indices, values } of ranking.sparse) {
    for (let n = 0; n < indices.length; n++) {
      const index = indices[n] as number;
      meanAbs[index] = (meanAbs[index] as number) + Math.abs(values[n] as number);
    }
  }
  const importance = candidates.map((name, index) => {
    let largest = 0;
    for (let k = 0; k < roles.length; k++) {
      largest = Math.max(
        largest,
        Math.abs(ranking.trained.weights[index * roles.length + k] as number),
      );
    }
    return {
      name,
      value: ALWAYS_KEPT.test(name) ? Infinity : largest * (meanAbs[index] as number),
    };
  });
  importance.sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : 1));
  const kept = importance
    .slice(0, options.maxFeatures)
    .map(({ name }) => name)
    .sort();
  const keptIdf = new Map(
    kept.filter((name) => idf.has(name)).map((name) => [name, idf.get(name) as number]),
  );
  const { trained } = averagedFit(kept, keptIdf, options.epochs);

  const weights: Record<string, number[]> = {};
  kept.forEach((name, index) => {
    const byRole = roles.map((_, k) => {
      const weight = trained.weights[index * roles.length + k] as number;
      return Math.abs(weight) < options.minWeight ? 0 : Math.round(weight * 100) / 100;
    });
    if (byRole.some((weight) => weight !== 0)) weights[name] = byRole;
  });
  const bias: Record<string, number> = {};
  roles.forEach((id, k) => {
    bias[id] = round(trained.bias[k] as number);
  });
  const usedIdf: Record<string, number> = {};
  for (const [name, value] of keptIdf) if (weights[name]) usedIdf[name] = value;
  return { roles, bias, idf: usedIdf, weights };
}

function toSparse(
  features: { readonly names: readonly string[]; readonly values: readonly number[] },
  featureIndex: ReadonlyMap<string, number>,
) {
  const indices: number[] = [];
  const values: number[] = [];
  features.names.forEach((name, n) => {
    const index = featureIndex.get(name);
    if (index === undefined) return;
    indices.push(index);
    values.push(features.values[n] as number);
  });
  return { indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/** The model's raw logits for one posting's features (temperature 1). */
export function linearLogits(model: LinearRoleModel, raw: RoleFeatures): Float64Array {
  const logits = Float64Array.from(model.roles, (id) => model.bias[id] ?? 0);
  const features = tfIdf(raw, new Map(Object.entries(model.idf)));
  features.names.forEach((name, n) => {
    const byRole = model.weights[name];
    if (!byRole) return;
    byRole.forEach((weight, k) => {
      logits[k] = (logits[k] as number) + weight * (features.values[n] as number);
    });
  });
  return logits;
}

export function toRoleModelFile(
  model: LinearRoleModel,
  temperature: RoleModelFile['temperature'],
  about: string,
  trainedOn: readonly string[],
): RoleModelFile {
  return {
    about,
    trainedOn: [...trainedOn],
    roles: [...model.roles],
    temperature,
    bias: model.bias,
    idf: model.idf,
    weights: model.weights,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
