/** Classification metrics for `npm run eval`: accuracy, per-class P/R/F1, macro-F1, confusion. */
export interface ClassMetrics {
  readonly label: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface ClassificationReport {
  readonly total: number;
  readonly accuracy: number;
  /** Macro-F1 over the classes with at least `minSupport` gold examples. */
  readonly macroF1: number;
  readonly minSupport: number;
  readonly perClass: readonly ClassMetrics[];
  /** confusion[gold][predicted] = count. */
  readonly confusion: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export function classificationReport(
  pairs: readonly { gold: string; predicted: string }[],
  minSupport = 10,
): ClassificationReport {
  const confusion = new Map<string, Map<string, number>>();
  const labels = new Set<string>();
  let correct = 0;
  for (const { gold, predicted } of pairs) {
    labels.add(gold);
    labels.add(predicted);
    if (gold === predicted) correct++;
    const row = confusion.get(gold) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    confusion.set(gold, row);
  }
  const perClass = [...labels].sort().map((label): ClassMetrics => {
    const truePositives = confusion.get(label)?.get(label) ?? 0;
    const support = sum(confusion.get(label)?.values() ?? []);
    let predictedCount = 0;
    for (const row of confusion.values()) predictedCount += row.get(label) ?? 0;
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, support, precision, recall, f1 };
  });
  const counted = perClass.filter((entry) => entry.support >= minSupport);
  return {
    total: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: counted.length === 0 ? 0 : sum(counted.map((entry) => entry.f1)) / counted.length,
    minSupport,
    perClass,
    confusion,
  };
}

/** Spans as [start, end) character ranges. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Mention precision (a predicted mention is right when it overlaps a gold span) and recall
 * (a gold span is found when some predicted mention overlaps it).
 */
export function spanScores(
  documents: readonly {
    predicted: readonly Span[];
    gold: readonly Span[];
    recallGold: readonly Span[];
  }[],
): { precision: number; recall: number; predicted: number; gold: number } {
  let predictedTotal = 0;
  let predictedRight = 0;
  let goldTotal = 0;
  let goldFound = 0;
  for (const { predicted, gold, recallGold } of documents) {
    predictedTotal += predicted.length;
    predictedRight += predicted.filter((span) => gold.some((g) => overlaps(span, g))).length;
    goldTotal += recallGold.length;
    goldFound += recallGold.filter((g) => predicted.some((span) => overlaps(span, g))).length;
  }
  return {
    precision: predictedTotal === 0 ? 0 : predictedRight / predictedTotal,
    recall: goldTotal === 0 ? 0 : goldFound / goldTotal,
    predicted: predictedTotal,
    gold: goldTotal,
  };
}

export function formatConfusion(report: ClassificationReport): string {
  const labels = report.perClass.map((entry) => entry.label);
  const short = (label: string) => label.slice(0, 8);
  const header = [
    'gold \\ predicted'.padEnd(28),
    ...labels.map((label) => short(label).padStart(9)),
  ].join('');
  const rows = labels.map((gold) =>
    [
      gold.padEnd(28),
      ...labels.map((predicted) =>
        String(report.confusion.get(gold)?.get(predicted) ?? 0).padStart(9),
      ),
    ].join(''),
  );
  return [header, ...rows].join('\n');
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  readonly meanScore: number;
  readonly accuracy: number;
}

/** Top scores in ten equal bins, with how often each bin is right; and the expected calibration error. */
export function reliability(predictions: readonly { score: number; correct: boolean }[]): {
  bins: ReliabilityBin[];
  ece: number;
} {
  const bins = Array.from({ length: 10 }, (_, index) => ({
    from: index / 10,
    to: (index + 1) / 10,
    count: 0,
    scoreSum: 0,
    right: 0,
  }));
  for (const { score, correct } of predictions) {
    const bin = bins[Math.min(9, Math.floor(score * 10))] as (typeof bins)[number];
    bin.count++;
    bin.scoreSum += score;
    if (correct) bin.right++;
  }
  let ece = 0;
  const out = bins.map(({ from, to, count, scoreSum, right }) => {
    const meanScore = count === 0 ? 0 : scoreSum / count;
    const accuracy = count === 0 ? 0 : right / count;
    ece += (count / Math.max(1, predictions.length)) * Math.abs(accuracy - meanScore);
    return { from, to, count, meanScore, accuracy };
  });
  return { bins: out, ece };
}
