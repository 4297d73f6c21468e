/**
 * What every linear regressor shares: centring the data so the intercept drops out of the
 * least-squares problem, and predicting with ŷ = X·coef_ + intercept_. And what every
 * linear classifier shares (scikit-learn's `LinearClassifierMixin`): the scores
 * X·coef_ᵀ + intercept_ and the class they pick.
 */
import type { Label, Matrix } from '../base/validation.js';

/**
 * Centres X and y (weighted means when weights are given) and scales rows by √wᵢ, so
 * that ordinary least squares on the result is weighted least squares on the input
 * (sklearn's `_preprocess_data` and `_rescale_data`). Xc is a fresh (n, d) matrix.
 */
export function centerData(X: Matrix, y: Float64Array, fitIntercept: boolean, sampleWeight?: Float64Array): { Xc: Matrix; yc: Float64Array; xMean: number[]; yMean: number } {
  const n = X.rows;
  const d = X.cols;
  const w = sampleWeight ?? new Float64Array(n).fill(1);
  const sw = w.reduce((a, b) => a + b, 0);
  const xMean = new Array<number>(d).fill(0);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) xMean[j] += (w[i] * X.data[i * d + j]) / sw;
      yMean += (w[i] * y[i]) / sw;
    }
  }
  const Xc = new Float64Array(n * d);
  const yc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(w[i]);
    for (let j = 0; j < d; j++) Xc[i * d + j] = (X.data[i * d + j] - xMean[j]) * r;
    yc[i] = (y[i] - yMean) * r;
  }
  return { Xc: { rows: n, cols: d, data: Xc }, yc, xMean, yMean };
}

/** ŷ = X·coef + intercept for each row. */
export function linearPredict(X: Matrix, coef: number[], intercept: number): number[] {
  return Array.from({ length: X.rows }, (_, i) => {
    let s = intercept;
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * coef[j];
    return s;
  });
}

/**
 * A linear classifier's scores X·coefᵀ + intercept (sklearn's `decision_function`): (n,)
 * when coef has one row (two classes; a positive score favours the second class), else
 * (n, nClasses).
 */
export function linearDecision(X: Matrix, coef: number[][], intercept: number[]): number[] | number[][] {
  const scores = Array.from({ length: X.rows }, (_, i) => coef.map((w, k) => {
    let s = intercept[k];
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * w[j];
    return s;
  }));
  return coef.length === 1 ? scores.map((r) => r[0]) : scores;
}

/** The class each row of scores picks (sklearn's `LinearClassifierMixin.predict`): classes[1] where a single score is > 0, else the largest score (the first on ties). */
export function classesFromScores(scores: number[] | number[][], classes: Label[]): Label[] {
  return scores.map((s) => {
    if (typeof s === 'number') return classes[s > 0 ? 1 : 0];
    let best = 0;
    for (let k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
    return classes[best];
  });
}

// Shared with naive Bayes and the other estimators: it lives with the input checks.
export { checkSampleWeight } from '../base/validation.js';
