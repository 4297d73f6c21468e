/** Column statistics shared by the scalers, computed as scikit-learn computes them. */
import type { Matrix } from '../base/validation.js';

/** Column j of a row-major matrix, without NaN. */
export function columnValues(X: Matrix, j: number, dropNaN = true): number[] {
  const out: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    const v = X.data[i * X.cols + j];
    if (!dropNaN || !Number.isNaN(v)) out.push(v);
  }
  return out;
}

/**
 * Column means and population variances by the corrected two-pass algorithm
 * (Chan, Golub & LeVeque 1983): var = (Σ(x − m)² − (Σ(x − m))²/n)/n. The correction term
 * removes most of the rounding in m; it is what sklearn's `_incremental_mean_and_var` does.
 */
export function meanAndVariance(X: Matrix): { mean: number[]; variance: number[] } {
  const mean: number[] = [];
  const variance: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    let s = 0;
    for (let i = 0; i < X.rows; i++) s += X.data[i * X.cols + j];
    const m = s / X.rows;
    let correction = 0;
    let sq = 0;
    for (let i = 0; i < X.rows; i++) {
      const d = X.data[i * X.cols + j] - m;
      correction += d;
      sq += d * d;
    }
    mean.push(m);
    variance.push((sq - (correction * correction) / X.rows) / X.rows);
  }
  return { mean, variance };
}

/** Scales that are (nearly) zero become 1, so constant features pass through unscaled. */
export function handleZerosInScale(scale: number[], constant?: boolean[]): number[] {
  return scale.map((s, j) => ((constant ? constant[j] : s < 10 * Number.EPSILON) ? 1 : s));
}

/** Applies f(value, column) to every element, returning rows. */
export function mapMatrix(X: Matrix, f: (v: number, j: number) => number): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from({ length: X.cols }, (_, j) => f(X.data[i * X.cols + j], j)));
}
