/**
 * Accuracy, kept in its own file because every classifier's `score` uses it.
 */
import { checkConsistentLength, checkLabels, type LabelsLike } from '../base/validation.js';

/**
 * Fraction (or, with `normalize: false`, count) of samples whose predicted label equals
 * the true one: (1/n) Σᵢ w_i·[ŷᵢ = yᵢ] / (1/n) Σ w_i (sklearn.metrics.accuracy_score).
 *
 * ```ts
 * accuracyScore([0, 1, 1, 0], [0, 1, 0, 0]); // 0.75
 * ```
 */
export function accuracyScore(
  yTrue: LabelsLike,
  yPred: LabelsLike,
  options: { normalize?: boolean; sampleWeight?: ArrayLike<number> } = {},
): number {
  const t = checkLabels(yTrue, 'yTrue');
  const p = checkLabels(yPred, 'yPred');
  checkConsistentLength(t.length, p.length);
  const w = options.sampleWeight;
  if (w) checkConsistentLength(t.length, w.length);
  let hits = 0;
  let total = 0;
  for (let i = 0; i < t.length; i++) {
    const wi = w ? w[i] : 1;
    if (t[i] === p[i]) hits += wi;
    total += wi;
  }
  return options.normalize === false ? hits : hits / total;
}
