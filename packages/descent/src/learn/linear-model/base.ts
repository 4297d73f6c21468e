/**
 * What every linear regressor shares: centring the data so the intercept drops out of the
 * least-squares problem, and predicting with ŷ = X·coef_ + intercept_.
 */
import type { Matrix } from '../base/validation.js';

/**
 * Centres X and y (weighted means when weights are given) and scales rows by √wᵢ, so
 * that ordinary least squares on the result is weighted least squares on the input
 * (sklearn's `_preprocess_data` and `_rescale_data`).
 */
export function centerData(X: Matrix, y: Float64Array, fitIntercept: boolean, sampleWeight?: Float64Array): { Xc: number[][]; yc: number[]; xMean: number[]; yMean: number } {
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
  const Xc: number[][] = [];
  const yc: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = Math.sqrt(w[i]);
    Xc.push(Array.from({ length: d }, (_, j) => (X.data[i * d + j] - xMean[j]) * r));
    yc.push((y[i] - yMean) * r);
  }
  return { Xc, yc, xMean, yMean };
}

/** ŷ = X·coef + intercept for each row. */
export function linearPredict(X: Matrix, coef: number[], intercept: number): number[] {
  return Array.from({ length: X.rows }, (_, i) => {
    let s = intercept;
    for (let j = 0; j < X.cols; j++) s += X.data[i * X.cols + j] * coef[j];
    return s;
  });
}

/** Checks sample weights: one finite, non-negative number per sample. */
export function checkSampleWeight(sampleWeight: ArrayLike<number> | undefined, n: number): Float64Array | undefined {
  if (sampleWeight === undefined) return undefined;
  if (sampleWeight.length !== n) throw new Error(`sampleWeight has ${sampleWeight.length} values for ${n} samples.`);
  const w = Float64Array.from(sampleWeight);
  if (w.some((v) => !Number.isFinite(v) || v < 0)) throw new Error('sampleWeight must be finite and non-negative.');
  return w;
}
