/**
 * The baseline a user would build in an afternoon: TF-IDF over word unigrams and bigrams of the
 * raw text, and a linear classifier (softmax regression) trained on the same folds. jobsift's
 * figures are printed beside it in `npm run eval`.
 */
import { FOLDS, type LabelledPosting } from './data.js';
import { logitsInto, type SparseExample, trainSoftmax } from './softmax.js';

function terms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}+#]+/gu) ?? [];
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** Out-of-fold predictions of the baseline for each posting, from `textOf` (one mode's input). */
export function baselinePredictions(
  postings: readonly LabelledPosting[],
  roles: readonly string[],
  textOf: (posting: LabelledPosting) => string,
): Map<LabelledPosting, string> {
  const roleIndex = new Map(roles.map((id, index) => [id, index]));
  const counted = postings.map((posting) => {
    const counts = new Map<string, number>();
    for (const term of terms(textOf(posting))) counts.set(term, (counts.get(term) ?? 0) + 1);
    return { posting, counts };
  });
  const predictions = new Map<LabelledPosting, string>();
  for (let fold = 0; fold < FOLDS; fold++) {
    const training = counted.filter(
      ({ posting }) => posting.fold !== fold && roleIndex.has(posting.role),
    );
    const documentFrequency = new Map<string, number>();
    for (const { counts } of training) {
      for (const term of counts.keys())
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
    const vocabulary = new Map<string, { index: number; idf: number }>();
    for (const [term, df] of documentFrequency) {
      if (df >= 2)
        vocabulary.set(term, {
          index: vocabulary.size,
          idf: Math.log((training.length + 1) / (df + 1)) + 1,
        });
    }
    const vectorise = (counts: ReadonlyMap<string, number>) => {
      const indices: number[] = [];
      const values: number[] = [];
      let squares = 0;
      for (const [term, count] of counts) {
        const entry = vocabulary.get(term);
        if (!entry) continue;
        const value = (1 + Math.log(count)) * entry.idf;
        indices.push(entry.index);
        values.push(value);
        squares += value * value;
      }
      const norm = Math.sqrt(squares) || 1;
      return {
        indices: Int32Array.from(indices),
        values: Float64Array.from(values, (v) => v / norm),
      };
    };
    const examples: SparseExample[] = training.map(({ posting, counts }) => ({
      ...vectorise(counts),
      label: roleIndex.get(posting.role) as number,
      weight: 1,
    }));
    const model = trainSoftmax(examples, vocabulary.size, roles.length, {
      epochs: 10,
      learningRate: 1,
      l2: 1e-6,
      initialAccumulator: 1,
      seed: 11,
    });
    const logits = new Float64Array(roles.length);
    for (const { posting, counts } of counted) {
      if (posting.fold !== fold) continue;
      logitsInto(model.weights, model.bias, roles.length, vectorise(counts), logits);
      let best = 0;
      for (let k = 1; k < roles.length; k++)
        if ((logits[k] as number) > (logits[best] as number)) best = k;
      predictions.set(posting, roles[best] as string);
    }
  }
  return predictions;
}
