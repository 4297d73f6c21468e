/**
 * More label metrics (sklearn.metrics): Hamming and zero-one losses, the Jaccard index,
 * and the hinge loss of decision values. Labels follow the conventions of
 * `precisionRecallFscoreSupport` (sorted classes, `labels`, `posLabel`, `average`).
 */
import { checkLabels, uniqueLabels, type Label, type LabelsLike } from '../base/validation.js';
import { accuracyScore } from './accuracy.js';
import type { Average } from './classification.js';
import { encodePair, weightsOf } from './labels.js';

/**
 * Fraction of labels predicted wrong, (1/n) Σ wᵢ·[ŷᵢ ≠ yᵢ] / Σ wᵢ; for one label per sample
 * it equals the zero-one loss (they differ for multilabel targets, not supported here).
 *
 * ```ts
 * hammingLoss([1, 2, 3, 4], [2, 2, 3, 4]); // 0.25
 * ```
 */
export function hammingLoss(yTrue: LabelsLike, yPred: LabelsLike, options: { sampleWeight?: ArrayLike<number> } = {}): number {
  return 1 - accuracyScore(yTrue, yPred, { sampleWeight: options.sampleWeight });
}

/**
 * 1 − accuracy, or with `normalize: false` the (weighted) number of misclassified samples.
 *
 * ```ts
 * zeroOneLoss([1, 2, 3, 4], [2, 2, 3, 4], { normalize: false }); // 1
 * ```
 */
export function zeroOneLoss(yTrue: LabelsLike, yPred: LabelsLike, options: { normalize?: boolean; sampleWeight?: ArrayLike<number> } = {}): number {
  const normalize = options.normalize ?? true;
  const hits = accuracyScore(yTrue, yPred, { normalize, sampleWeight: options.sampleWeight });
  if (normalize) return 1 - hits;
  const n = checkLabels(yTrue, 'yTrue').length;
  const total = options.sampleWeight ? Array.from(options.sampleWeight).reduce((a, b) => a + b, 0) : n;
  return total - hits;
}

export interface JaccardOptions {
  /** 'binary' (default: the `posLabel` class only), 'micro', 'macro', 'weighted', or null for one score per label. */
  average?: Average;
  labels?: Label[];
  posLabel?: Label;
  sampleWeight?: ArrayLike<number>;
  /** The score of a label never predicted nor present (0/0). Default 0. */
  zeroDivision?: number;
}

/**
 * Jaccard index per label, |true ∩ predicted| / |true ∪ predicted| = tp / (tp + fp + fn),
 * averaged as in `f1Score` ('micro' pools the counts; 'weighted' weighs labels by support).
 *
 * ```ts
 * jaccardScore([0, 1, 1, 1], [1, 1, 1, 0]); // 2/4 = 0.5
 * ```
 */
export function jaccardScore(yTrue: LabelsLike, yPred: LabelsLike, options: JaccardOptions = {}): number | number[] {
  const average = options.average === undefined ? 'binary' : options.average;
  const zd = options.zeroDivision ?? 0;
  const enc = encodePair(yTrue, yPred, options.labels);
  let labelIdx = enc.classes.map((_, i) => i);
  if (average === 'binary') {
    const present = encodePair(yTrue, yPred);
    if (present.classes.length > 2) {
      throw new Error(`jaccardScore: Target is multiclass but average='binary'. Choose another average setting, one of [null, 'micro', 'macro', 'weighted'].`);
    }
    const pos = options.posLabel ?? 1;
    if (!present.classes.includes(pos) && present.classes.length >= 2) {
      throw new Error(`jaccardScore: posLabel=${JSON.stringify(pos)} is not a valid label. It should be one of ${JSON.stringify(present.classes)}.`);
    }
    const idx = enc.classes.indexOf(pos);
    labelIdx = [idx];
  }
  const w = weightsOf(enc.t.length, options.sampleWeight);
  const k = enc.classes.length;
  const tp = new Array<number>(k + 1).fill(0);
  const pred = new Array<number>(k + 1).fill(0);
  const truth = new Array<number>(k + 1).fill(0);
  for (let i = 0; i < enc.t.length; i++) {
    if (enc.p[i] >= 0) pred[enc.p[i]] += w[i];
    if (enc.t[i] >= 0) truth[enc.t[i]] += w[i];
    if (enc.t[i] >= 0 && enc.t[i] === enc.p[i]) tp[enc.t[i]] += w[i];
  }
  // A posLabel absent from both (index −1) has all counts 0: slot k stays 0.
  const at = (a: number[], i: number) => (i < 0 ? a[k] : a[i]);
  let num = labelIdx.map((i) => at(tp, i));
  let den = labelIdx.map((i) => at(pred, i) + at(truth, i) - at(tp, i));
  if (average === 'micro') {
    num = [num.reduce((a, b) => a + b, 0)];
    den = [den.reduce((a, b) => a + b, 0)];
  }
  const scores = num.map((v, i) => (den[i] === 0 ? zd : v / den[i]));
  if (average === null) return scores;
  if (average === 'weighted') {
    const sw = labelIdx.map((i) => at(truth, i));
    const total = sw.reduce((a, b) => a + b, 0);
    if (total === 0) return 0;
    return scores.reduce((s, v, i) => s + v * sw[i], 0) / total;
  }
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

/**
 * Average hinge loss max(0, 1 − margin) of decision values (SVMs). Binary: y is mapped to
 * ±1 (the larger class +1) and margin = y·f(x). Multiclass (Crammer–Singer): one column
 * per sorted class and margin = f_y(x) − max_{c≠y} f_c(x).
 *
 * ```ts
 * hingeLoss([-1, 1, 1], [-2.2, 1.3, 0.4]); // (0 + 0 + 0.6) / 3 = 0.2
 * ```
 */
export function hingeLoss(
  yTrue: LabelsLike, predDecision: ArrayLike<number> | readonly (readonly number[])[], options: { labels?: Label[]; sampleWeight?: ArrayLike<number> } = {},
): number {
  const t = checkLabels(yTrue, 'yTrue');
  const classes = uniqueLabels(options.labels ? [...options.labels] : t);
  const n = t.length;
  const w = weightsOf(n, options.sampleWeight);
  const losses = new Float64Array(n);
  const rows = Array.from(predDecision as ArrayLike<unknown>);
  if (rows.length !== n) throw new Error(`hingeLoss: predDecision has ${rows.length} rows but yTrue has ${n} samples.`);
  if (classes.length > 2) {
    if (!Array.isArray(rows[0]) || (rows[0] as number[]).length !== classes.length) {
      throw new Error(`hingeLoss: with ${classes.length} classes, predDecision needs one column per class (in sorted class order).`);
    }
    const index = new Map(classes.map((c, i) => [c, i]));
    t.forEach((label, i) => {
      const r = rows[i] as number[];
      const yi = index.get(label);
      if (yi === undefined) throw new Error(`hingeLoss: label ${JSON.stringify(label)} is not among labels ${JSON.stringify(classes)}.`);
      let other = -Infinity;
      r.forEach((v, c) => { if (c !== yi) other = Math.max(other, v); });
      losses[i] = Math.max(0, 1 - (r[yi] - other));
    });
  } else {
    const pos = classes[classes.length - 1];
    t.forEach((label, i) => {
      const f = Number(rows[i]);
      losses[i] = Math.max(0, 1 - (label === pos && classes.length === 2 ? 1 : -1) * f);
    });
  }
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    s += w[i] * losses[i];
    sw += w[i];
  }
  return s / sw;
}
