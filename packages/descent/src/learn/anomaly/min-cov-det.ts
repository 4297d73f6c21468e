/**
 * The minimum covariance determinant estimator (Rousseeuw, 1984) by FAST-MCD (Rousseeuw &
 * Van Driessen, "A fast algorithm for the minimum covariance determinant estimator",
 * Technometrics 41, 1999), as scikit-learn's `MinCovDet`: find the h samples whose
 * covariance has the smallest determinant (a robust location and scatter that outliers
 * cannot pull), then correct it for consistency and reweight.
 */
import { eigh, slogdet } from '../../linalg/index.js';
import { gammainccinv } from '../../stats/special/index.js';
import type { Matrix } from '../base/validation.js';
import { Generator } from '../../random/index.js';

/** A location, a covariance and what they were computed from. */
export interface McdEstimate { location: Float64Array; covariance: number[][]; det: number; support: boolean[]; dist: Float64Array }

/** χ²(df) upper quantile: the x with P(χ² > x) = q (scipy's `chi2.isf`). */
export function chi2Isf(q: number, df: number): number {
  return 2 * gammainccinv(df / 2, q);
}

/** Pseudo-inverse of a symmetric matrix through its eigendecomposition (scipy's `pinvh`). */
export function pinvh(A: number[][]): number[][] {
  const d = A.length;
  const { eigenvalues, eigenvectors } = eigh(A);
  const lam = eigenvalues.toArray() as number[];
  const V = eigenvectors.toArray() as number[][];
  const cutoff = Math.max(...lam.map(Math.abs)) * d * Number.EPSILON;
  const out = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  lam.forEach((l, k) => {
    if (Math.abs(l) <= cutoff) return;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i][j] += (V[i][k] * V[j][k]) / l;
  });
  return out;
}

/** log det A, or −∞ when det A <= 0 (scikit-learn's `fast_logdet`). */
function logdet(A: number[][]): number {
  const { sign, logabsdet } = slogdet(A);
  return sign > 0 ? logabsdet : -Infinity;
}

/** Mean and biased (÷ n) covariance of the rows where `mask` is true. */
export function meanCov(X: Matrix, mask: readonly boolean[]): { location: Float64Array; covariance: number[][] } {
  const d = X.cols;
  const loc = new Float64Array(d);
  let n = 0;
  for (let i = 0; i < X.rows; i++) {
    if (!mask[i]) continue;
    n++;
    for (let j = 0; j < d; j++) loc[j] += X.data[i * d + j];
  }
  for (let j = 0; j < d; j++) loc[j] /= n;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < X.rows; i++) {
    if (!mask[i]) continue;
    for (let a = 0; a < d; a++) {
      const ca = X.data[i * d + a] - loc[a];
      for (let b = 0; b < d; b++) cov[a][b] += (ca * (X.data[i * d + b] - loc[b])) / n;
    }
  }
  return { location: loc, covariance: cov };
}

/** Squared Mahalanobis distance of every row to `location` under `precision`. */
export function mahalanobis(X: Matrix, location: ArrayLike<number>, precision: number[][]): Float64Array {
  const d = X.cols;
  const out = new Float64Array(X.rows);
  const c = new Float64Array(d);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < d; j++) c[j] = X.data[i * d + j] - location[j];
    let s = 0;
    for (let a = 0; a < d; a++) {
      let t = 0;
      for (let b = 0; b < d; b++) t += c[b] * precision[b][a];
      s += t * c[a];
    }
    out[i] = s;
  }
  return out;
}

/** The h smallest entries of dist, as a mask. */
function smallest(dist: Float64Array, h: number): boolean[] {
  const order = Array.from(dist.keys()).sort((a, b) => dist[a] - dist[b] || a - b);
  const mask = new Array<boolean>(dist.length).fill(false);
  for (const i of order.slice(0, h)) mask[i] = true;
  return mask;
}

const allclose = (a: number, b: number) => (a === b) || Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);

/**
 * Concentration steps: from a start, repeatedly keep the h samples closest (in Mahalanobis
 * distance) to the current estimate; the determinant never increases (Rousseeuw & Van
 * Driessen, Theorem 1). A transcription of scikit-learn's `_c_step`.
 */
function cStep(X: Matrix, h: number, iterations: number, rng: Generator, start: { location: Float64Array; covariance: number[][] } | null): McdEstimate {
  let support: boolean[];
  let dist: Float64Array = new Float64Array(X.rows).fill(Infinity);
  if (start === null) {
    support = new Array<boolean>(X.rows).fill(false);
    for (const i of rng.permutation(X.rows).slice(0, h)) support[i] = true;
  } else {
    dist = mahalanobis(X, start.location, pinvh(start.covariance));
    support = smallest(dist, h);
  }
  let { location, covariance } = meanCov(X, support);
  let det = logdet(covariance);
  let precision = pinvh(covariance);
  let prev: McdEstimate | null = null;
  let remaining = iterations;
  while (prev === null ? Number.isFinite(det) && remaining > 0 : det < prev.det && remaining > 0 && Number.isFinite(det)) {
    prev = { location, covariance, det, support, dist };
    precision = pinvh(covariance);
    dist = mahalanobis(X, location, precision);
    support = smallest(dist, h);
    ({ location, covariance } = meanCov(X, support));
    det = logdet(covariance);
    remaining--;
  }
  const finalDist = mahalanobis(X, location, precision);
  const current = { location, covariance, det, support, dist: finalDist };
  if (remaining === 0 || !Number.isFinite(det) || prev === null || allclose(det, prev.det)) return current;
  return det > prev.det ? prev : current;
}

/**
 * FAST-MCD's raw estimate: 30 random h-subsets improved by two C-steps each, the 10 with the
 * smallest determinants run to convergence, the best kept. (For more than 500 samples
 * scikit-learn first searches random subsets of the data; we search the whole data, which
 * is slower but estimates the same thing.) One feature has an exact answer: the shortest
 * window of h sorted values.
 */
export function fastMcd(X: Matrix, supportFraction: number | null, rng: Generator): McdEstimate {
  const n = X.rows;
  const d = X.cols;
  const h = supportFraction === null ? Math.ceil(0.5 * (n + d + 1)) : Math.trunc(supportFraction * n);
  if (d === 1) {
    const x = Array.from(X.data);
    let location: number;
    let support: boolean[];
    if (h < n) {
      const sorted = [...x].sort((a, b) => a - b);
      const diff = sorted.slice(h).map((v, i) => v - sorted[i]);
      const min = Math.min(...diff);
      const starts = diff.flatMap((v, i) => (v === min ? [i] : []));
      location = starts.reduce((s, i) => s + 0.5 * (sorted[h + i] + sorted[i]), 0) / starts.length;
      support = smallest(Float64Array.from(x, (v) => Math.abs(v - location)), h);
    } else {
      support = new Array<boolean>(n).fill(true);
      location = x.reduce((a, b) => a + b, 0) / n;
    }
    const { covariance } = meanCov(X, support);
    const loc = Float64Array.of(location);
    return { location: loc, covariance, det: logdet(covariance), support, dist: mahalanobis(X, loc, pinvh(covariance)) };
  }
  const first = Array.from({ length: 30 }, () => cStep(X, h, 2, rng, null));
  const best = Array.from(first.keys()).sort((a, b) => first[a].det - first[b].det || a - b).slice(0, 10).map((i) => first[i]);
  const full = best.map((e) => cStep(X, h, 30, rng, e));
  return full.reduce((a, b) => (b.det < a.det ? b : a));
}

/**
 * MinCovDet's fit after FAST-MCD: scale the raw covariance so it is consistent at the normal
 * distribution (median distance / χ²_d median), then re-estimate from the samples whose
 * corrected distance is below the χ²_d 97.5% quantile.
 */
export function minCovDet(X: Matrix, supportFraction: number | null, rng: Generator, caller = 'MinCovDet'): {
  raw: McdEstimate; location: Float64Array; covariance: number[][]; precision: number[][]; support: boolean[]; dist: Float64Array;
} {
  const raw = fastMcd(X, supportFraction, rng);
  const d = X.cols;
  if (raw.support.filter(Boolean).length < X.rows && raw.covariance.every((r) => r.every((v) => Math.abs(v) <= 1e-8))) {
    throw new Error(`${caller}: the covariance matrix of the support data is 0 (the h most central samples are identical); increase supportFraction or check for constant columns.`);
  }
  const sortedDist = Float64Array.from(raw.dist).sort();
  const m = sortedDist.length;
  const med = m % 2 ? sortedDist[(m - 1) / 2] : (sortedDist[m / 2 - 1] + sortedDist[m / 2]) / 2;
  const correction = med / chi2Isf(0.5, d);
  const corrected = Float64Array.from(raw.dist, (v) => v / correction);
  const cut = chi2Isf(0.025, d);
  const support = Array.from(corrected, (v) => v < cut);
  const { location, covariance } = meanCov(X, support);
  const precision = pinvh(covariance);
  return { raw, location, covariance, precision, support, dist: mahalanobis(X, location, precision) };
}
