/**
 * Metrics of scores rather than labels (sklearn.metrics._ranking): ROC and
 * precision–recall curves, the areas under them, and top-k accuracy.
 */
import { checkConsistentLength, checkLabels, checkVector, uniqueLabels, type Label, type LabelsLike } from '../base/validation.js';
import { weightsOf } from './labels.js';

export interface CurveOptions { posLabel?: Label; sampleWeight?: ArrayLike<number> }

/** y ∈ {0, 1} for "is the positive class", with scikit-learn's posLabel default of 1. */
export function binaryTargets(yTrue: LabelsLike, posLabel: Label | undefined, fn: string): Float64Array {
  const t = checkLabels(yTrue, 'yTrue');
  const classes = uniqueLabels(t);
  if (classes.length > 2) throw new Error(`${fn}: yTrue has ${classes.length} classes; this metric is for binary targets (use rocAucScore with multiClass for more).`);
  if (posLabel === undefined) {
    if (!classes.every((c) => c === 0 || c === 1 || c === -1)) {
      throw new Error(`${fn}: yTrue takes values in {${classes.join(', ')}} and posLabel is not specified: either make yTrue take values in {0, 1} or {-1, 1}, or pass posLabel explicitly.`);
    }
    posLabel = 1;
  }
  return Float64Array.from(t, (v) => (v === posLabel ? 1 : 0));
}

/**
 * Cumulative true and false positives at each distinct score, scanning from the highest
 * score down (sklearn's `_binary_clf_curve`). Tied scores form one threshold.
 */
export function binaryClfCurve(y: Float64Array, score: Float64Array, sampleWeight?: ArrayLike<number>): { fps: number[]; tps: number[]; thresholds: number[] } {
  checkConsistentLength(y.length, score.length);
  const w = weightsOf(y.length, sampleWeight);
  // Descending by score; NumPy's stable ascending sort reversed puts later ties first.
  const order = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a] - score[b] || a - b).reverse();
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  let fp = 0;
  order.forEach((idx, r) => {
    tp += y[idx] * w[idx];
    fp += (1 - y[idx]) * w[idx];
    const last = r === order.length - 1 || score[order[r + 1]] !== score[idx];
    if (last) {
      tps.push(tp);
      fps.push(sampleWeight === undefined ? r + 1 - tp : fp);
      thresholds.push(score[idx]);
    }
  });
  return { fps, tps, thresholds };
}

/**
 * Receiver operating characteristic: false positive rate, true positive rate and the
 * score thresholds, from the highest threshold (max score + 1, as in scikit-learn 1.2)
 * down. `dropIntermediate` (default true) drops points collinear with their neighbours.
 *
 * ```ts
 * rocCurve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], { posLabel: 2 });
 * // { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], thresholds: [1.8, 0.8, 0.4, 0.35, 0.1] }
 * ```
 */
export function rocCurve(
  yTrue: LabelsLike,
  yScore: ArrayLike<number>,
  options: CurveOptions & { dropIntermediate?: boolean } = {},
): { fpr: number[]; tpr: number[]; thresholds: number[] } {
  const y = binaryTargets(yTrue, options.posLabel, 'rocCurve');
  let { fps, tps, thresholds } = binaryClfCurve(y, checkVector(yScore as number[], 'yScore'), options.sampleWeight);
  if ((options.dropIntermediate ?? true) && fps.length > 2) {
    // Keep a point when the second difference of fps or tps is non-zero (a corner).
    const keep = fps.map((_, i) => i === 0 || i === fps.length - 1 ||
      fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0);
    fps = fps.filter((_, i) => keep[i]);
    tps = tps.filter((_, i) => keep[i]);
    thresholds = thresholds.filter((_, i) => keep[i]);
  }
  tps = [0, ...tps];
  fps = [0, ...fps];
  thresholds = [thresholds[0] + 1, ...thresholds];
  const fpLast = fps[fps.length - 1];
  const tpLast = tps[tps.length - 1];
  return {
    fpr: fps.map((v) => (fpLast <= 0 ? NaN : v / fpLast)),
    tpr: tps.map((v) => (tpLast <= 0 ? NaN : v / tpLast)),
    thresholds,
  };
}

/** Area under a curve by the trapezoidal rule; x must be monotonic (either direction). */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkConsistentLength(x.length, y.length);
  if (x.length < 2) throw new Error(`At least 2 points are needed to compute area under curve, but x has ${x.length}.`);
  let direction = 1;
  let anyNeg = false;
  let allNonPos = true;
  for (let i = 1; i < x.length; i++) {
    if (x[i] - x[i - 1] < 0) anyNeg = true;
    if (x[i] - x[i - 1] > 0) allNonPos = false;
  }
  if (anyNeg) {
    if (!allNonPos) throw new Error('x is neither increasing nor decreasing.');
    direction = -1;
  }
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return direction * area;
}

/**
 * Precision and recall at every threshold, recall decreasing, ending at (recall 0,
 * precision 1) with no threshold for that last point (scikit-learn 1.2 layout).
 */
export function precisionRecallCurve(
  yTrue: LabelsLike,
  probasPred: ArrayLike<number>,
  options: CurveOptions = {},
): { precision: number[]; recall: number[]; thresholds: number[] } {
  const y = binaryTargets(yTrue, options.posLabel, 'precisionRecallCurve');
  const { fps, tps, thresholds } = binaryClfCurve(y, checkVector(probasPred as number[], 'probasPred'), options.sampleWeight);
  const precision = tps.map((tp, i) => (tp + fps[i] === 0 ? 0 : tp / (tp + fps[i])));
  const tpLast = tps[tps.length - 1];
  const recall = tps.map((tp) => (tpLast === 0 ? 1 : tp / tpLast));
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: [...thresholds].reverse() };
}

function binaryAP(y: Float64Array, score: Float64Array, sampleWeight?: ArrayLike<number>): number {
  const { fps, tps } = binaryClfCurve(y, score, sampleWeight);
  // AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ: a step-wise area, no interpolation.
  const tpLast = tps[tps.length - 1];
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < tps.length; i++) {
    const recall = tpLast === 0 ? 1 : tps[i] / tpLast;
    const precision = tps[i] + fps[i] === 0 ? 0 : tps[i] / (tps[i] + fps[i]);
    ap += (recall - prevRecall) * precision;
    prevRecall = recall;
  }
  return ap;
}

/** Scores: a vector (binary) or (n, k) rows (one column per sorted class). */
export type Scores = ArrayLike<number> | readonly (readonly number[])[];

function isMatrix(s: Scores): s is readonly (readonly number[])[] {
  return s.length > 0 && typeof (s as ArrayLike<unknown>)[0] === 'object';
}

function column(s: readonly (readonly number[])[], j: number): Float64Array {
  return Float64Array.from(s, (r) => r[j]);
}

/** Per-class binary scores averaged as scikit-learn's `_average_binary_score` does. */
function averageOvR(
  fn: (y: Float64Array, s: Float64Array) => number, t: Label[], scores: readonly (readonly number[])[], average: 'macro' | 'weighted' | null,
): number | number[] {
  const classes = uniqueLabels(t);
  if (scores[0].length !== classes.length) {
    throw new Error(`Number of classes in yTrue (${classes.length}) not equal to the number of columns in yScore (${scores[0].length}).`);
  }
  const per = classes.map((c, j) => fn(Float64Array.from(t, (v) => (v === c ? 1 : 0)), column(scores, j)));
  if (average === null) return per;
  const support = classes.map((c) => t.filter((v) => v === c).length);
  const w = average === 'weighted' ? support : support.map(() => 1);
  return per.reduce((s, v, j) => s + v * w[j], 0) / w.reduce((s, v) => s + v, 0);
}

/**
 * Average precision AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ, the area under the precision–recall curve
 * as a step function. Multiclass scores are averaged one-vs-rest ('macro' default).
 */
export function averagePrecisionScore(
  yTrue: LabelsLike,
  yScore: Scores,
  options: { posLabel?: Label; average?: 'macro' | 'weighted' | null; sampleWeight?: ArrayLike<number> } = {},
): number | number[] {
  if (isMatrix(yScore)) return averageOvR(binaryAP, checkLabels(yTrue), yScore, options.average === undefined ? 'macro' : options.average);
  const t = checkLabels(yTrue, 'yTrue');
  const present = uniqueLabels(t);
  const pos = options.posLabel ?? 1;
  if (present.length === 2 && !present.includes(pos)) {
    throw new Error(`posLabel=${JSON.stringify(pos)} is not a valid label. It should be one of [${present.join(', ')}].`);
  }
  return binaryAP(Float64Array.from(t, (v) => (v === pos ? 1 : 0)), checkVector(yScore as number[], 'yScore'), options.sampleWeight);
}

function binaryAuc(y: Float64Array, s: Float64Array, sampleWeight?: ArrayLike<number>): number {
  if (new Set(y).size !== 2) throw new Error('Only one class present in yTrue. ROC AUC score is not defined in that case.');
  const { fpr, tpr } = rocCurve(Array.from(y), s, { sampleWeight });
  return auc(fpr, tpr);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative (ties count half). Binary scores are a vector (the score of the larger class);
 * multiclass scores are (n, k) probabilities with `multiClass` 'ovr' (each class against
 * the rest) or 'ovo' (Hand & Till 2001, every pair of classes), averaged 'macro' (default)
 * or 'weighted' (by support for 'ovr', by pair prevalence for 'ovo').
 *
 * ```ts
 * rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 */
export function rocAucScore(
  yTrue: LabelsLike,
  yScore: Scores,
  options: { average?: 'macro' | 'weighted'; multiClass?: 'raise' | 'ovr' | 'ovo'; sampleWeight?: ArrayLike<number> } = {},
): number {
  const t = checkLabels(yTrue, 'yTrue');
  const average = options.average ?? 'macro';
  if (!isMatrix(yScore)) {
    const classes = uniqueLabels(t);
    if (classes.length > 2) throw new Error('yTrue is multiclass: pass (n, k) class probabilities and multiClass \'ovr\' or \'ovo\'.');
    const y = Float64Array.from(t, (v) => (v === classes[1] ? 1 : 0));
    return binaryAuc(y, checkVector(yScore as number[], 'yScore'), options.sampleWeight);
  }
  const mc = options.multiClass ?? 'raise';
  if (mc === 'raise') throw new Error("multiClass must be 'ovr' or 'ovo' for multiclass scores.");
  for (const row of yScore) {
    if (Math.abs(row.reduce((s, v) => s + v, 0) - 1) > 1e-8) {
      throw new Error('Target scores need to be probabilities for multiclass rocAucScore, i.e. they should sum up to 1.0 over classes.');
    }
  }
  checkConsistentLength(t.length, yScore.length);
  if (mc === 'ovr') return averageOvR((y, s) => binaryAuc(y, s, options.sampleWeight), t, yScore, average) as number;
  // One-vs-one: for each pair (a, b), the mean of AUC(a vs b on a's scores) and
  // AUC(b vs a on b's scores), over the samples of those two classes.
  const classes = uniqueLabels(t);
  let total = 0;
  let totalW = 0;
  for (let a = 0; a < classes.length; a++) {
    for (let b = a + 1; b < classes.length; b++) {
      const idx = t.map((v, i) => (v === classes[a] || v === classes[b] ? i : -1)).filter((i) => i >= 0);
      const aTrue = Float64Array.from(idx, (i) => (t[i] === classes[a] ? 1 : 0));
      const bTrue = Float64Array.from(idx, (i) => (t[i] === classes[b] ? 1 : 0));
      const pair = (binaryAuc(aTrue, Float64Array.from(idx, (i) => yScore[i][a])) + binaryAuc(bTrue, Float64Array.from(idx, (i) => yScore[i][b]))) / 2;
      const w = average === 'weighted' ? idx.length / t.length : 1;
      total += w * pair;
      totalW += w;
    }
  }
  return total / totalW;
}

/**
 * Fraction of samples whose true class is among the k highest scores. Ties are broken
 * as scikit-learn breaks them (the later class ranks first).
 *
 * ```ts
 * topKAccuracyScore([0, 1, 2, 2], [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]], { k: 2 }); // 0.75
 * ```
 */
export function topKAccuracyScore(
  yTrue: LabelsLike,
  yScore: Scores,
  options: { k?: number; normalize?: boolean; sampleWeight?: ArrayLike<number>; labels?: Label[] } = {},
): number {
  const k = options.k ?? 2;
  const t = checkLabels(yTrue, 'yTrue');
  const classes = options.labels ? uniqueLabels(options.labels) : uniqueLabels(t);
  const nScoreClasses = isMatrix(yScore) ? yScore[0].length : 2;
  if (classes.length !== nScoreClasses) {
    throw new Error(`Number of classes in yTrue (${classes.length}) not equal to the number of columns in yScore (${nScoreClasses}).`);
  }
  checkConsistentLength(t.length, yScore.length);
  const enc = t.map((v) => classes.indexOf(v));
  let hits: boolean[];
  if (!isMatrix(yScore)) {
    const s = checkVector(yScore as number[], 'yScore');
    if (k === 1) {
      const threshold = Math.min(...s) >= 0 && Math.max(...s) <= 1 ? 0.5 : 0;
      hits = enc.map((c, i) => (s[i] > threshold ? 1 : 0) === c);
    } else hits = enc.map(() => true);
  } else {
    hits = enc.map((c, i) => {
      const row = yScore[i];
      const order = row.map((_, j) => j).sort((a, b) => row[a] - row[b] || a - b).reverse();
      return order.slice(0, k).includes(c);
    });
  }
  const w = weightsOf(t.length, options.sampleWeight);
  const hit = hits.reduce((s, h, i) => s + (h ? w[i] : 0), 0);
  return options.normalize === false ? hit : hit / w.reduce((s, v) => s + v, 0);
}

/**
 * Detection error tradeoff: false positive rate and false negative rate (miss rate) at each
 * score threshold, thresholds increasing (sklearn.metrics.det_curve; Martin et al., "The
 * DET curve in assessment of detection task performance", 1997). Plotted on normal-deviate
 * axes, the errors of two detectors compare more clearly than on a ROC curve.
 *
 * ```ts
 * detCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // { fpr: [0.5, 0.5, 0], fnr: [0, 0.5, 0.5], thresholds: [0.35, 0.4, 0.8] }
 * ```
 */
export function detCurve(yTrue: LabelsLike, yScore: ArrayLike<number>, options: CurveOptions = {}): { fpr: number[]; fnr: number[]; thresholds: number[] } {
  const y = binaryTargets(yTrue, options.posLabel, 'detCurve');
  if (uniqueLabels(checkLabels(yTrue, 'yTrue')).length !== 2) {
    throw new Error('detCurve: Only one class present in yTrue. Detection error tradeoff curve is not defined in that case.');
  }
  const { fps, tps, thresholds } = binaryClfCurve(y, checkVector(yScore as number[], 'yScore'), options.sampleWeight);
  const pCount = tps[tps.length - 1];
  const nCount = fps[fps.length - 1];
  // From the last threshold with no false positives to the first catching every positive.
  let first = 0;
  while (first + 1 < fps.length && fps[first + 1] === fps[0]) first++;
  let last = tps.findIndex((v) => v >= pCount) + 1;
  if (last === 0) last = tps.length;
  const idx = Array.from({ length: last - first }, (_, k) => last - 1 - k);
  return {
    fpr: idx.map((i) => fps[i] / nCount),
    fnr: idx.map((i) => (pCount - tps[i]) / pCount),
    thresholds: idx.map((i) => thresholds[i]),
  };
}
