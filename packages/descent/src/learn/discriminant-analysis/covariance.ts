/**
 * Covariance estimates for discriminant analysis (sklearn.covariance and the helpers of
 * sklearn.discriminant_analysis): the empirical covariance, fixed shrinkage towards a
 * scaled identity, and Ledoit–Wolf's automatic shrinkage. Matrices are plain
 * `number[][]`, (n, d) for data and (d, d) for covariances.
 */

/** Column means of X: (d,). */
export function columnMeans(X: readonly number[][]): number[] {
  const d = X[0].length;
  const m = new Array<number>(d).fill(0);
  for (const r of X) for (let j = 0; j < d; j++) m[j] += r[j];
  return m.map((v) => v / X.length);
}

/** XᵀX / n of the centred rows: the maximum-likelihood covariance (bias = true). (d, d) */
export function empiricalCovariance(X: readonly number[][]): number[][] {
  const d = X[0].length;
  const mu = columnMeans(X);
  const S = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const r of X) {
    const c = r.map((v, j) => v - mu[j]);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) S[a][b] += c[a] * c[b];
  }
  return S.map((row) => row.map((v) => v / X.length));
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
  const mu0 = columnMeans(X);
  const Xc = X.map((r) => r.map((v, j) => v - mu0[j]));
  if (d === 1) return { covariance: [[Xc.reduce((s, r) => s + r[0] * r[0], 0) / n]], shrinkage: 0 };
  const S = empiricalCovariance(X);
  const trace = S.reduce((t, r, i) => t + r[i], 0);
  const mu = trace / d;
  // β̄ = Σ_ab (X²ᵀX²)_ab / n and δ = ‖XᵀX‖²_F / n² (scikit-learn's ledoit_wolf_shrinkage).
  let betaSum = 0;
  let deltaSum = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let x2 = 0;
      let xx = 0;
      for (const r of Xc) {
        x2 += r[a] * r[a] * r[b] * r[b];
        xx += r[a] * r[b];
      }
      betaSum += x2;
      deltaSum += xx * xx;
    }
  }
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
