/**
 * Label-based classification metrics (sklearn.metrics): confusion matrix, precision,
 * recall, F-beta, balanced accuracy, Matthews correlation, Cohen's kappa and the text
 * report. Labels may be numbers or strings. Where a ratio is 0/0 (no predicted or no true
 * samples of a class) the result is `zeroDivision` (default 0), as in scikit-learn.
 */
import type { Label, LabelsLike } from '../base/validation.js';
import { encodePair, positiveIndex, weightsOf } from './labels.js';

/**
 * C[i][j] = number (or total weight) of samples of true class i predicted as class j,
 * classes in sorted order (or the order of `labels`). `normalize` divides by row sums
 * ('true'), column sums ('pred') or the total ('all').
 *
 * ```ts
 * confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]); // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * ```
 */
export function confusionMatrix(
  yTrue: LabelsLike,
  yPred: LabelsLike,
  options: { labels?: Label[]; sampleWeight?: ArrayLike<number>; normalize?: 'true' | 'pred' | 'all' } = {},
): number[][] {
  const { classes, t, p } = encodePair(yTrue, yPred, options.labels);
  const w = weightsOf(t.length, options.sampleWeight);
  const k = classes.length;
  const C = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < t.length; i++) if (t[i] >= 0 && p[i] >= 0) C[t[i]][p[i]] += w[i];
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b); // sklearn: nan_to_num
  if (options.normalize === 'true') return C.map((row) => row.map((v) => div(v, row.reduce((s, x) => s + x, 0))));
  if (options.normalize === 'pred') {
    const col = C[0].map((_, j) => C.reduce((s, r) => s + r[j], 0));
    return C.map((row) => row.map((v, j) => div(v, col[j])));
  }
  if (options.normalize === 'all') {
    const total = C.flat().reduce((s, x) => s + x, 0);
    return C.map((row) => row.map((v) => div(v, total)));
  }
  return C;
}

export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | null;

export interface PRFOptions {
  /** 'binary' (default): the score of `posLabel`; null: one score per label. */
  average?: Average;
  /** Positive class for average 'binary'. Default 1. */
  posLabel?: Label;
  labels?: Label[];
  sampleWeight?: ArrayLike<number>;
  /** Value for 0/0. Default 0 (scikit-learn's "warn" also gives 0). */
  zeroDivision?: number;
}

export interface PRFResult {
  precision: number | number[];
  recall: number | number[];
  fScore: number | number[];
  /** Number of true samples per label (null when averaged, as in scikit-learn). */
  support: number[] | null;
}

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn) and F-beta (1+β²)·P·R/(β²·P + R) per label,
 * then averaged: 'micro' from the summed counts, 'macro' unweighted, 'weighted' by
 * support (sklearn.metrics.precision_recall_fscore_support).
 */
export function precisionRecallFscoreSupport(yTrue: LabelsLike, yPred: LabelsLike, options: PRFOptions & { beta?: number } = {}): PRFResult {
  const average = options.average === undefined ? 'binary' : options.average;
  const beta2 = (options.beta ?? 1) ** 2;
  const zd = options.zeroDivision ?? 0;
  const enc = encodePair(yTrue, yPred, options.labels);
  let labelIdx = enc.classes.map((_, i) => i);
  if (average === 'binary') {
    const present = encodePair(yTrue, yPred);
    if (present.classes.length > 2) {
      throw new Error(`Target is multiclass but average='binary'. Choose another average setting, one of [null, 'micro', 'macro', 'weighted'].`);
    }
    const pos = options.posLabel ?? 1;
    const idx = enc.classes.indexOf(pos);
    if (idx < 0) {
      if (present.classes.length < 2) labelIdx = [];
      else throw new Error(`posLabel=${JSON.stringify(pos)} is not a valid label. It should be one of ${JSON.stringify(enc.classes)}.`);
    } else labelIdx = [idx];
  }
  // Counts per label straight from the encoded labels: a sample whose true label is not
  // among `labels` still counts as a prediction of its predicted label (and vice versa).
  const w = weightsOf(enc.t.length, options.sampleWeight);
  const k = enc.classes.length;
  const tpAll = new Array<number>(k).fill(0);
  const predAll = new Array<number>(k).fill(0);
  const trueAll = new Array<number>(k).fill(0);
  for (let i = 0; i < enc.t.length; i++) {
    if (enc.p[i] >= 0) predAll[enc.p[i]] += w[i];
    if (enc.t[i] >= 0) trueAll[enc.t[i]] += w[i];
    if (enc.t[i] >= 0 && enc.t[i] === enc.p[i]) tpAll[enc.t[i]] += w[i];
  }
  let tp = labelIdx.map((i) => tpAll[i]);
  let predSum = labelIdx.map((i) => predAll[i]);
  let trueSum = labelIdx.map((i) => trueAll[i]);
  if (average === 'micro') {
    const sum = (a: number[]) => a.reduce((s, v) => s + v, 0);
    tp = [sum(tp)];
    predSum = [sum(predSum)];
    trueSum = [sum(trueSum)];
  }
  const precision = tp.map((v, i) => (predSum[i] === 0 ? zd : v / predSum[i]));
  const recall = tp.map((v, i) => (trueSum[i] === 0 ? zd : v / trueSum[i]));
  const fScore = precision.map((pr, i) => {
    const denom = beta2 * pr + recall[i];
    return denom === 0 ? 0 : ((1 + beta2) * pr * recall[i]) / denom;
  });
  if (average === null) return { precision, recall, fScore, support: trueSum };
  let weights: number[] | null = null;
  if (average === 'weighted') {
    weights = trueSum;
    // No true samples of any label: recall is 0/0; precision and F are 0 when some were
    // predicted (all false positives), else 0/0 too (scikit-learn 1.2).
    if (weights.reduce((s, v) => s + v, 0) === 0) {
      const predicted = predSum.reduce((s, v) => s + v, 0) > 0;
      return { precision: predicted ? 0 : zd, recall: zd, fScore: predicted ? 0 : zd, support: null };
    }
  }
  const avg = (v: number[]) => {
    if (v.length === 0) return zd;
    if (!weights) return v.reduce((s, x) => s + x, 0) / v.length;
    let s = 0;
    let sw = 0;
    v.forEach((x, i) => { s += x * weights![i]; sw += weights![i]; });
    return s / sw;
  };
  return { precision: avg(precision), recall: avg(recall), fScore: avg(fScore), support: null };
}

/** Precision tp/(tp+fp). `precisionScore([0, 1, 1, 0], [1, 1, 1, 0])` is 2/3. */
export function precisionScore(yTrue: LabelsLike, yPred: LabelsLike, options: PRFOptions = {}): number | number[] {
  return precisionRecallFscoreSupport(yTrue, yPred, options).precision;
}

/** Recall (sensitivity, true positive rate) tp/(tp+fn). */
export function recallScore(yTrue: LabelsLike, yPred: LabelsLike, options: PRFOptions = {}): number | number[] {
  return precisionRecallFscoreSupport(yTrue, yPred, options).recall;
}

/** F1 = 2·P·R/(P + R), the harmonic mean of precision and recall. */
export function f1Score(yTrue: LabelsLike, yPred: LabelsLike, options: PRFOptions = {}): number | number[] {
  return precisionRecallFscoreSupport(yTrue, yPred, { ...options, beta: 1 }).fScore;
}

/** F-beta: recall counts β times as much as precision. */
export function fbetaScore(yTrue: LabelsLike, yPred: LabelsLike, beta: number, options: PRFOptions = {}): number | number[] {
  if (!(beta >= 0)) throw new RangeError(`fbetaScore: beta should be >= 0, got ${beta}`);
  return precisionRecallFscoreSupport(yTrue, yPred, { ...options, beta }).fScore;
}

/**
 * Mean recall over classes: accuracy that does not reward predicting the majority class.
 * `adjusted` rescales so chance is 0: (score − 1/k)/(1 − 1/k).
 */
export function balancedAccuracyScore(yTrue: LabelsLike, yPred: LabelsLike, options: { sampleWeight?: ArrayLike<number>; adjusted?: boolean } = {}): number {
  const C = confusionMatrix(yTrue, yPred, { sampleWeight: options.sampleWeight });
  // Classes only ever predicted (zero true samples) are left out, as in scikit-learn.
  const perClass = C.map((row, i) => ({ hit: row[i], total: row.reduce((s, v) => s + v, 0) })).filter((r) => r.total > 0);
  let score = perClass.reduce((s, r) => s + r.hit / r.total, 0) / perClass.length;
  if (options.adjusted) {
    const chance = 1 / perClass.length;
    score = (score - chance) / (1 - chance);
  }
  return score;
}

/**
 * Matthews correlation coefficient, multiclass form (Gorodkin 2004):
 * (c·s − Σ pₖtₖ) / √((s² − Σ pₖ²)(s² − Σ tₖ²)), c correct, s samples, tₖ/pₖ true/predicted
 * counts of class k. 0 when either labelling is constant.
 */
export function matthewsCorrcoef(yTrue: LabelsLike, yPred: LabelsLike, options: { sampleWeight?: ArrayLike<number> } = {}): number {
  const C = confusionMatrix(yTrue, yPred, options);
  const tSum = C.map((r) => r.reduce((s, v) => s + v, 0));
  const pSum = C[0].map((_, j) => C.reduce((s, r) => s + r[j], 0));
  const nCorrect = C.reduce((s, r, i) => s + r[i], 0);
  const n = pSum.reduce((s, v) => s + v, 0);
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  const covYtYp = nCorrect * n - dot(tSum, pSum);
  const covYpYp = n * n - dot(pSum, pSum);
  const covYtYt = n * n - dot(tSum, tSum);
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}

/**
 * Cohen's kappa κ = 1 − Σ w·O / Σ w·E: agreement beyond chance between two labellings, O
 * the confusion matrix, E the one expected from the marginals. `weights` 'linear' or
 * 'quadratic' count near misses between ordered classes as partial agreement.
 */
export function cohenKappaScore(
  y1: LabelsLike,
  y2: LabelsLike,
  options: { labels?: Label[]; weights?: 'linear' | 'quadratic' | null; sampleWeight?: ArrayLike<number> } = {},
): number {
  const O = confusionMatrix(y1, y2, { labels: options.labels, sampleWeight: options.sampleWeight });
  const k = O.length;
  const rowSum = O.map((r) => r.reduce((s, v) => s + v, 0));
  const colSum = O[0].map((_, j) => O.reduce((s, r) => s + r[j], 0));
  const total = colSum.reduce((s, v) => s + v, 0);
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = options.weights === 'linear' ? Math.abs(i - j) : options.weights === 'quadratic' ? (i - j) ** 2 : i === j ? 0 : 1;
      num += w * O[i][j];
      den += (w * colSum[i] * rowSum[j]) / total;
    }
  }
  return 1 - num / den;
}

/** Re-exported for the report: precision of a binary positive class index. */
export { positiveIndex };
