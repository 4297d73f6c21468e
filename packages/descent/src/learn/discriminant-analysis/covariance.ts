/**
 * Covariance estimates for discriminant analysis (sklearn.covariance and the helpers of
 * sklearn.discriminant_analysis): the empirical covariance, fixed shrinkage towards a
 * scaled identity, and Ledoit–Wolf's automatic shrinkage. Arguments and results are
 * `number[][]`, (n, d) for data and (d, d) for covariances (the estimators' fitted
 * attributes have that type); the O(n·d²) products run on the shared matrix core
 * (`linalg/matrix.ts`, the kernel registry's matmul).
 */
import { type Matrix, fromRows, matmulTransA, toRows } from '../../linalg/matrix.js';

/** X with its column means subtracted, as a matrix: (n, d). */
function centred(X: readonly number[][], mu: readonly number[]): Matrix {
  const M = fromRows(X);
  const d = mu.length;
  for (let i = 0; i < M.data.length; i++) M.data[i] -= mu[i % d];
  return M;
}

/** Column means of X: (d,). */
export function columnMeans(X: readonly number[][]): number[] {
  const d = X[0].length;
  const m = new Array<number>(d).fill(0);
  for (const r of X) for (let j = 0; j < d; j++) m[j] += r[j];
  return m.map((v) => v / X.length);
}

/** XᵀX / n of the centred rows: the maximum-likelihood covariance (bias = true). (d, d) */
export function empiricalCovariance(X: readonly number[][]): number[][] {
  const Xc = centred(X, columnMeans(X));
  const S = matmulTransA(Xc, Xc); // Xcᵀ·Xc, (d, d)
  for (let i = 0; i < S.data.length; i++) S.data[i] /= X.length;
  return toRows(S);
}

/** (1 − s)·S + s·μ·I with μ = trace(S)/d: shrinks towards a sphere of the same total variance. */
export function shrunkCovariance(S: number[][], shrinkage: number): number[][] {
  const d = S.length;
  const mu = S.reduce((t, r, i) => t + r[i], 0) / d;
  return S.map((row, i) => row.map((v, j) => (1 - shrinkage) * v + (i === j ? shrinkage * mu : 0)));
}

/**
 * Ledoit & Wolf's shrinkage ("A well-conditioned estimator for large-dimensional
 * covariance matrices", J. Multivariate Analysis 2004): the s minimising the expected
 * squared error of the shrunk estimate, computed from the data. As
 * sklearn.covariance.ledoit_wolf (centred data, s clipped to [0, 1]).
 */
export function ledoitWolf(X: readonly number[][]): { covariance: number[][]; shrinkage: number } {
  const n = X.length;
  const d = X[0].length;
  const Xc = centred(X, columnMeans(X));
  if (d === 1) return { covariance: [[Xc.data.reduce((s, v) => s + v * v, 0) / n]], shrinkage: 0 };
  const S = empiricalCovariance(X);
  const trace = S.reduce((t, r, i) => t + r[i], 0);
  const mu = trace / d;
  // β̄ = Σ_ab (X²ᵀX²)_ab / n and δ = ‖XᵀX‖²_F / n² (scikit-learn's ledoit_wolf_shrinkage).
  const X2: Matrix = { rows: n, cols: d, data: Xc.data.map((v) => v * v) };
  const betaSum = matmulTransA(X2, X2).data.reduce((t, v) => t + v, 0);
  let deltaSum = matmulTransA(Xc, Xc).data.reduce((t, v) => t + v * v, 0);
  deltaSum /= n * n;
  let beta = (1 / (d * n)) * (betaSum / n - deltaSum);
  let delta = deltaSum - 2 * mu * trace + d * mu * mu;
  delta /= d;
  beta = Math.min(beta, delta);
  const shrinkage = beta === 0 ? 0 : beta / delta;
  return { covariance: shrunkCovariance(S, shrinkage), shrinkage };
}

/** A covariance shrinkage setting: none (empirical), 'auto' (Ledoit–Wolf) or a fixed s in [0, 1]. */
export type Shrinkage = null | 'auto' | number;

/**
 * scikit-learn's `_cov`: the covariance of X under a shrinkage setting. With 'auto' the
 * features are standardised first, Ledoit–Wolf is applied, and the scales put back.
 */
export function covariance(X: readonly number[][], shrinkage: Shrinkage): number[][] {
  if (shrinkage === null) return empiricalCovariance(X);
  if (typeof shrinkage === 'number') return shrunkCovariance(empiricalCovariance(X), shrinkage);
  const mu = columnMeans(X);
  const scale = columnMeans(X.map((r) => r.map((v, j) => (v - mu[j]) ** 2))).map((v) => (v === 0 ? 1 : Math.sqrt(v)));
  const Z = X.map((r) => r.map((v, j) => (v - mu[j]) / scale[j]));
  return ledoitWolf(Z).covariance.map((row, a) => row.map((v, b) => scale[a] * v * scale[b]));
}

/** Σ_c prior_c · Cov(X_c): the within-class covariance. (d, d) */
export function withinClassCovariance(groups: readonly number[][][], priors: readonly number[], shrinkage: Shrinkage): number[][] {
  const d = groups[0][0].length;
  const S = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  groups.forEach((Xg, c) => {
    const Sg = covariance(Xg, shrinkage);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) S[a][b] += priors[c] * Sg[a][b];
  });
  return S;
}

/** Flips each column's sign so its largest-magnitude entry is positive (a fixed choice among ±v). */
export function flipColumnSigns(V: number[][]): number[][] {
  const cols = V[0]?.length ?? 0;
  const sign = Array.from({ length: cols }, (_, j) => {
    let best = 0;
    for (const r of V) if (Math.abs(r[j]) > Math.abs(best)) best = r[j];
    return best < 0 ? -1 : 1;
  });
  return V.map((r) => r.map((v, j) => v * sign[j]));
}
