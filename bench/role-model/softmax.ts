/**
 * Multinomial logistic regression on sparse features, trained with AdaGrad and an L2 penalty:
 * small and deterministic (a seeded shuffle), fast enough to fit 5 folds in seconds.
 */
import { seededRandom } from '../../src/demo/index.js';

export interface SparseExample {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly label: number;
  /** How much the example counts in the loss (class balance). */
  readonly weight: number;
}

export interface SoftmaxModel {
  readonly featureCount: number;
  readonly classCount: number;
  /** Row-major: weights[feature * classCount + class]. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly seed: number;
  /** AdaGrad's starting sum of squared gradients: larger is steadier for rare features. */
  readonly initialAccumulator?: number;
}

export function trainSoftmax(
  examples: readonly SparseExample[],
  featureCount: number,
  classCount: number,
  options: TrainOptions,
): SoftmaxModel {
  const weights = new Float64Array(featureCount * classCount);
  const bias = new Float64Array(classCount);
  const start = options.initialAccumulator ?? 0.1;
  const squared = new Float64Array(featureCount * classCount).fill(start);
  const biasSquared = new Float64Array(classCount).fill(start);
  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  const probabilities = new Float64Array(classCount);
  const { learningRate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const exampleIndex of order) {
      const example = examples[exampleIndex] as SparseExample;
      logitsInto(weights, bias, classCount, example, probabilities);
      softmaxInPlace(probabilities);
      for (let k = 0; k < classCount; k++) {
        const gradient =
          ((probabilities[k] as number) - (k === example.label ? 1 : 0)) * example.weight;
        probabilities[k] = gradient;
        biasSquared[k] = (biasSquared[k] as number) + gradient * gradient;
        bias[k] =
          (bias[k] as number) - (learningRate * gradient) / Math.sqrt(biasSquared[k] as number);
      }
      const { indices, values } = example;
      for (let n = 0; n < indices.length; n++) {
        const row = (indices[n] as number) * classCount;
        const value = values[n] as number;
        for (let k = 0; k < classCount; k++) {
          const at = row + k;
          const gradient = (probabilities[k] as number) * value + l2 * (weights[at] as number);
          squared[at] = (squared[at] as number) + gradient * gradient;
          weights[at] =
            (weights[at] as number) - (learningRate * gradient) / Math.sqrt(squared[at] as number);
        }
      }
    }
  }
  return { featureCount, classCount, weights, bias };
}

export function logitsInto(
  weights: Float64Array,
  bias: Float64Array,
  classCount: number,
  example: { readonly indices: Int32Array; readonly values: Float64Array },
  out: Float64Array,
): Float64Array {
  out.set(bias);
  const { indices, values } = example;
  for (let n = 0; n < indices.length; n++) {
    const row = (indices[n] as number) * classCount;
    const value = values[n] as number;
    for (let k = 0; k < classCount; k++)
      out[k] = (out[k] as number) + (weights[row + k] as number) * value;
  }
  return out;
}

export function softmaxInPlace(values: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (const value of values) max = Math.max(max, value / temperature);
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    values[k] = Math.exp((values[k] as number) / temperature - max);
    total += values[k] as number;
  }
  for (let k = 0; k < values.length; k++) values[k] = (values[k] as number) / total;
  return values;
}

/** The temperature that minimises the log loss of `logits` for their labels (golden section on log T). */
export function fitTemperature(
  predictions: readonly { readonly logits: Float64Array; readonly label: number }[],
): number {
  if (predictions.length === 0) return 1;
  const loss = (logT: number) => {
    const temperature = Math.exp(logT);
    let sum = 0;
    for (const { logits, label } of predictions) {
      const probabilities = softmaxInPlace(Float64Array.from(logits), temperature);
      sum -= Math.log(Math.max(probabilities[label] as number, 1e-12));
    }
    return sum;
  };
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 40; step++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (loss(a) < loss(b)) high = b;
    else low = a;
  }
  return Math.exp((low + high) / 2);
}
