/**
 * Pair-counting indices comparing two labellings (sklearn.metrics.cluster): the unadjusted
 * Rand index and the Fowlkes–Mallows index. See `adjustedRandScore` for the chance-corrected Rand.
 */
import type { LabelsLike } from '../base/validation.js';
import { contingencyMatrix, pairConfusionMatrix } from './clustering.js';

/**
 * Rand index: the fraction of sample pairs on which two labellings agree (together in both
 * or apart in both). Unlike the adjusted Rand index, random labellings score well above 0.
 *
 * ```ts
 * randScore([0, 0, 1, 2], [0, 0, 1, 1]); // 0.8333…
 * ```
 */
export function randScore(labelsTrue: LabelsLike, labelsPred: LabelsLike): number {
  const [[tn, fp], [fn, tp]] = pairConfusionMatrix(labelsTrue, labelsPred);
  const agree = tn + tp;
  const total = tn + fp + fn + tp;
  // Zero pairs (one sample) or full agreement: scikit-learn returns 1.
  return agree === total || total === 0 ? 1 : agree / total;
}

/**
 * Fowlkes–Mallows index √(precision · recall) over sample pairs, TP / √((TP + FP)(TP + FN))
 * (Fowlkes & Mallows, 1983): 1 for identical groupings, 0 when no pair is together in both.
 *
 * ```ts
 * fowlkesMallowsScore([0, 0, 1, 1], [0, 0, 1, 2]); // 0.7071…
 * ```
 */
export function fowlkesMallowsScore(labelsTrue: LabelsLike, labelsPred: LabelsLike): number {
  const C = contingencyMatrix(labelsTrue, labelsPred);
  const n = C.reduce((s, r) => s + r.reduce((a, b) => a + b, 0), 0);
  const tk = C.reduce((s, r) => s + r.reduce((a, v) => a + v * v, 0), 0) - n;
  const colSums = C[0].map((_, j) => C.reduce((s, r) => s + r[j], 0));
  const pk = colSums.reduce((s, v) => s + v * v, 0) - n;
  const qk = C.reduce((s, r) => s + r.reduce((a, b) => a + b, 0) ** 2, 0) - n;
  return tk !== 0 ? Math.sqrt(tk / pk) * Math.sqrt(tk / qk) : 0;
}
