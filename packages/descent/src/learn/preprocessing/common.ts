/** Column statistics shared by the scalers, computed as scikit-learn computes them. */
import type { Matrix } from '../base/validation.js';

/** Column j of a row-major matrix, without NaN (unless `dropNaN` is false). */
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
 * NaN entries are skipped, so each column has its own count n (`counts`); a column with no
 * value gets mean and variance NaN, as NumPy's nan-reductions give.
 */
export function meanAndVariance(X: Matrix): { mean: number[]; variance: number[]; counts: number[] } {
  const mean: number[] = [];
  const variance: number[] = [];
  const counts: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < X.rows; i++) {
      const v = X.data[i * X.cols + j];
      if (Number.isNaN(v)) continue;
      s += v;
      n++;
    }
    const m = s / n;
    let correction = 0;
    let sq = 0;
    for (let i = 0; i < X.rows; i++) {
      const d = X.data[i * X.cols + j] - m;
      if (Number.isNaN(d)) continue;
      correction += d;
      sq += d * d;
    }
    mean.push(m);
    variance.push(n === 0 ? NaN : (sq - (correction * correction) / n) / n);
    counts.push(n);
  }
  return { mean, variance, counts };
}

/** Scales that are (nearly) zero become 1, so constant features pass through unscaled; NaN stays NaN. */
export function handleZerosInScale(scale: number[], constant?: boolean[]): number[] {
  return scale.map((s, j) => ((constant ? constant[j] : s < 10 * Number.EPSILON) ? 1 : s));
}

/** Applies f(value, column) to every element, returning rows. */
export function mapMatrix(X: Matrix, f: (v: number, j: number) => number): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from({ length: X.cols }, (_, j) => f(X.data[i * X.cols + j], j)));
}

/** The largest of `values`, NaN when there are none (NumPy's `nanmax` of an all-NaN column). */
export function maxOrNaN(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => Math.max(a, b), -Infinity);
}

/** The smallest of `values`, NaN when there are none. */
export function minOrNaN(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => Math.min(a, b), Infinity);
}
