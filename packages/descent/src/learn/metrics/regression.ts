/**
 * Regression metrics (sklearn.metrics, 1-D targets). Each accepts an optional
 * `sampleWeight`; averages are weighted means Σ wᵢ·eᵢ / Σ wᵢ.
 */
import { checkConsistentLength, checkVector, type VectorLike } from '../base/validation.js';

interface Weighted { sampleWeight?: VectorLike }

/**
 * Checked targets, predictions and weights (all ones if none), for the metrics here and in
 * regression-extra.ts; `fn` names the metric in the empty-input error.
 */
export function read(yTrue: VectorLike, yPred: VectorLike, sampleWeight?: VectorLike, fn?: string): { t: Float64Array; p: Float64Array; w: Float64Array } {
  const t = checkVector(yTrue, 'yTrue');
  const p = checkVector(yPred, 'yPred');
  checkConsistentLength(t.length, p.length);
  if (t.length === 0) {
    throw new Error(fn ? `${fn}: found empty input arrays; yTrue and yPred need at least one sample.` : 'Found empty input arrays: yTrue and yPred need at least one sample.');
  }
  const w = sampleWeight === undefined ? new Float64Array(t.length).fill(1) : checkVector(sampleWeight, 'sampleWeight');
  checkConsistentLength(t.length, w.length);
  return { t, p, w };
}

/** Σ wᵢ·vᵢ / Σ wᵢ. */
export function weightedMean(values: ArrayLike<number>, w: Float64Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < values.length; i++) {
    s += w[i] * values[i];
    sw += w[i];
  }
  return s / sw;
}

/**
 * Mean squared error (1/n) Σ (yᵢ − ŷᵢ)².
 *
 * ```ts
 * meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 * ```
 */
export function meanSquaredError(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight);
  return weightedMean(t.map((v, i) => (v - p[i]) ** 2), w);
}

/** Root mean squared error √MSE, in the units of y (sklearn 1.2: `mean_squared_error(squared=False)`). */
export function rootMeanSquaredError(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred, options));
}

/** Mean absolute error (1/n) Σ |yᵢ − ŷᵢ|. `meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8])` is 0.5. */
export function meanAbsoluteError(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight);
  return weightedMean(t.map((v, i) => Math.abs(v - p[i])), w);
}

/** The median of a list (mean of the two middle values for an even count), like `np.median`. */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Median absolute error median(|yᵢ − ŷᵢ|): robust to outliers. `medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8])` is 0.5. */
export function medianAbsoluteError(yTrue: VectorLike, yPred: VectorLike): number {
  const { t, p } = read(yTrue, yPred);
  return median(t.map((v, i) => Math.abs(v - p[i])));
}

/**
 * Mean absolute percentage error (1/n) Σ |yᵢ − ŷᵢ| / max(|yᵢ|, ε), ε the float64 machine
 * epsilon, as scikit-learn: a fraction, not a percentage (0.1 means 10%).
 */
export function meanAbsolutePercentageError(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight);
  return weightedMean(t.map((v, i) => Math.abs(v - p[i]) / Math.max(Math.abs(v), Number.EPSILON)), w);
}

/**
 * Coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)². Best 1; predicting the
 * mean gives 0; worse models go negative. When y is constant, scikit-learn's convention
 * (`force_finite=True`) gives 1 for a perfect prediction and 0 otherwise.
 *
 * ```ts
 * r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486081370449679
 * ```
 */
export function r2Score(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight);
  const mean = weightedMean(t, w);
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < t.length; i++) {
    ssRes += w[i] * (t[i] - p[i]) ** 2;
    ssTot += w[i] * (t[i] - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Explained variance 1 − Var(y − ŷ) / Var(y): R² without penalising a constant offset in
 * the errors. Same constant-y convention as `r2Score`.
 */
export function explainedVarianceScore(yTrue: VectorLike, yPred: VectorLike, options: Weighted = {}): number {
  const { t, p, w } = read(yTrue, yPred, options.sampleWeight);
  const diff = t.map((v, i) => v - p[i]);
  const meanDiff = weightedMean(diff, w);
  const meanT = weightedMean(t, w);
  const num = weightedMean(diff.map((d) => (d - meanDiff) ** 2), w);
  const den = weightedMean(t.map((v) => (v - meanT) ** 2), w);
  if (den === 0) return num === 0 ? 1 : 0;
  return 1 - num / den;
}
