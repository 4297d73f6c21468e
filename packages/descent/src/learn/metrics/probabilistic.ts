/** Metrics of predicted probabilities: log loss (cross-entropy) and the Brier score. */
import { checkLabels, uniqueLabels, checkConsistentLength, type Label, type LabelsLike } from '../base/validation.js';
import { positiveIndex, weightsOf } from './labels.js';

/** Probabilities: (n, k) rows, or for two classes a vector of P(second class). */
export type Probabilities = readonly (readonly number[])[] | ArrayLike<number>;

function asRows(p: Probabilities): number[][] {
  const arr = Array.from(p as ArrayLike<number | readonly number[]>);
  return arr.map((v) => (typeof v === 'number' ? [1 - v, v] : [...v]));
}

/**
 * Cross-entropy −(1/n) Σᵢ log p̂ᵢ,yᵢ of the predicted probabilities (sklearn.metrics.log_loss).
 * Probabilities are clipped to [ε, 1 − ε] (ε the float64 machine epsilon) and each row
 * renormalised to sum to 1, as in scikit-learn 1.2. Columns follow the sorted classes of
 * yTrue (or `labels`).
 *
 * ```ts
 * logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]); // 0.21616187468057912
 * ```
 */
export function logLoss(
  yTrue: LabelsLike,
  yPred: Probabilities,
  options: { labels?: Label[]; sampleWeight?: ArrayLike<number>; normalize?: boolean; eps?: number } = {},
): number {
  const t = checkLabels(yTrue, 'yTrue');
  const classes = options.labels ? uniqueLabels(options.labels) : uniqueLabels(t);
  if (classes.length === 1) {
    throw new Error(`yTrue contains only one label (${classes[0]}). Please provide the true labels explicitly through the labels argument.`);
  }
  const eps = options.eps ?? Number.EPSILON;
  const P = asRows(yPred);
  checkConsistentLength(t.length, P.length);
  const k = P[0]?.length ?? 0;
  if (k !== classes.length) {
    throw new Error(`yTrue and yPred contain different numbers of classes ${classes.length}, ${k}. Classes found in yTrue: [${classes.join(', ')}]`);
  }
  const w = weightsOf(t.length, options.sampleWeight);
  let total = 0;
  let sw = 0;
  for (let i = 0; i < t.length; i++) {
    const j = classes.indexOf(t[i]);
    if (j < 0) throw new Error(`yTrue contains ${JSON.stringify(t[i])}, which is not among labels [${classes.join(', ')}].`);
    const row = P[i].map((v) => Math.min(Math.max(v, eps), 1 - eps));
    const rowSum = row.reduce((s, v) => s + v, 0);
    total += -w[i] * Math.log(row[j] / rowSum);
    sw += w[i];
  }
  return options.normalize === false ? total : total / sw;
}

/**
 * Brier score (1/n) Σ (pᵢ − [yᵢ = posLabel])²: mean squared error of the predicted
 * probability of the positive class (binary only). 0 is perfect.
 *
 * ```ts
 * brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // 0.0375
 * ```
 */
export function brierScoreLoss(
  yTrue: LabelsLike,
  yProb: ArrayLike<number>,
  options: { sampleWeight?: ArrayLike<number>; posLabel?: Label } = {},
): number {
  const t = checkLabels(yTrue, 'yTrue');
  checkConsistentLength(t.length, yProb.length);
  const classes = uniqueLabels(t);
  if (classes.length > 2) throw new Error(`Only binary classification is supported. The type of the target is multiclass: [${classes.join(', ')}].`);
  for (let i = 0; i < yProb.length; i++) {
    if (yProb[i] < 0 || yProb[i] > 1) throw new RangeError('yProb contains values outside [0, 1].');
  }
  positiveIndex(classes, options.posLabel, 'brierScoreLoss');
  const pos = options.posLabel ?? 1;
  const w = weightsOf(t.length, options.sampleWeight);
  let s = 0;
  let sw = 0;
  for (let i = 0; i < t.length; i++) {
    s += w[i] * ((t[i] === pos ? 1 : 0) - yProb[i]) ** 2;
    sw += w[i];
  }
  return s / sw;
}
