/**
 * The Gaussian-mixture numerics, as scikit-learn's `_gaussian_mixture.py`: precision
 * Cholesky factors from covariances, and log π_k + log N(x; μ_k, Σ_k) evaluated through
 * them. With Σ⁻¹ = U Uᵀ (U = L⁻ᵀ for Σ = L Lᵀ), the Mahalanobis term is ‖(x − μ)ᵀU‖² and
 * log det Σ^{-1/2} = Σ log diag(U), so no matrix is ever inverted explicitly.
 */
import { choleskyKernel } from '../../linalg/cholesky-kernel.js';
import type { Matrix } from '../base/validation.js';

export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';

/** Flat mixture parameters: weights (K), means (K·d), covariances and precision Cholesky factors (flat, by type). */
export interface Params {
  d: number;
  weights: Float64Array;
  means: Float64Array;
  cov: Float64Array;
  precChol: Float64Array;
}

/** Numbers in a covariance block of each type: d·d per component (full), d·d (tied), d (diag), 1 (spherical). */
function blocks(type: CovarianceType, K: number, d: number): { count: number; size: number } {
  if (type === 'full') return { count: K, size: d * d };
  if (type === 'tied') return { count: 1, size: d * d };
  if (type === 'diag') return { count: K, size: d };
  return { count: K, size: 1 };
}

/** U = L⁻ᵀ for each covariance Σ = L Lᵀ (full, tied), or 1/√σ² (diag, spherical). */
export function precCholFromCov(cov: Float64Array, type: CovarianceType, K: number, d: number): Float64Array {
  if (type === 'diag' || type === 'spherical') {
    return cov.map((v) => {
      if (!(v > 0)) throw illConditioned();
      return 1 / Math.sqrt(v);
    });
  }
  const { count, size } = blocks(type, K, d);
  const out = new Float64Array(count * size);
  for (let c = 0; c < count; c++) {
    const r = choleskyKernel({ rows: d, cols: d, data: cov.slice(c * size, (c + 1) * size) });
    if ('failedMinor' in r) throw illConditioned();
    // Solve L·Z = I (forward substitution), then U = Zᵀ.
    const L = r.L.data;
    for (let col = 0; col < d; col++) {
      const z = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        let s = i === col ? 1 : 0;
        for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
        z[i] = s / L[i * d + i];
      }
      for (let i = 0; i < d; i++) out[c * size + col * d + i] = z[i];
    }
  }
  return out;
}

/** Precision Cholesky factors from given precisions P = U Uᵀ (full, tied: U = chol(P), lower), or √p. */
export function precCholFromPrecisions(prec: Float64Array, type: CovarianceType, K: number, d: number): Float64Array {
  if (type === 'diag' || type === 'spherical') return prec.map(Math.sqrt);
  const { count, size } = blocks(type, K, d);
  const out = new Float64Array(count * size);
  for (let c = 0; c < count; c++) {
    const r = choleskyKernel({ rows: d, cols: d, data: prec.slice(c * size, (c + 1) * size) });
    if ('failedMinor' in r) throw new Error('GaussianMixture: precisionsInit must be symmetric positive definite.');
    out.set(r.L.data, c * size);
  }
  return out;
}

function illConditioned(): Error {
  return new Error('GaussianMixture: fitting the mixture model failed because some components have ill-defined empirical covariance (for instance caused by singleton or collapsed samples). Try to decrease the number of components, or increase regCovar.');
}

/** Checks the shape of a nested init value and flattens it. */
export function flattenInit(v: unknown, type: CovarianceType, K: number, d: number): Float64Array {
  const flat = Float64Array.from((v as number[]).flat(2) as number[]);
  const { count, size } = blocks(type, K, d);
  if (flat.length !== count * size) {
    const want = { full: `(${K}, ${d}, ${d})`, tied: `(${d}, ${d})`, diag: `(${K}, ${d})`, spherical: `(${K})` }[type];
    throw new Error(`GaussianMixture: precisionsInit for covarianceType '${type}' should have shape ${want}.`);
  }
  return flat;
}

/** A flat per-type array as nested arrays: (K, d, d), (d, d), (K, d) or (K). */
export function nest(flat: Float64Array, type: CovarianceType, K: number, d: number): number[] | number[][] | number[][][] {
  const rows = (a: Float64Array, r: number, c: number) => Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
  if (type === 'full') return Array.from({ length: K }, (_, k) => rows(flat.subarray(k * d * d, (k + 1) * d * d), d, d));
  if (type === 'tied') return rows(flat, d, d);
  if (type === 'diag') return rows(flat, K, d);
  return Array.from(flat);
}

/** Precisions from their Cholesky factors: U Uᵀ (full, tied) or u² (diag, spherical). */
export function precisionsOf(precChol: Float64Array, type: CovarianceType, K: number, d: number): Float64Array {
  if (type === 'diag' || type === 'spherical') return precChol.map((u) => u * u);
  const { count, size } = blocks(type, K, d);
  const out = new Float64Array(count * size);
  for (let c = 0; c < count; c++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += precChol[c * size + a * d + k] * precChol[c * size + b * d + k];
        out[c * size + a * d + b] = s;
      }
    }
  }
  return out;
}

/** log π_k + log N(x_i; μ_k, Σ_k) for every sample and component: (n, K) flat. */
export function weightedLogProb(M: Matrix, p: Params, type: CovarianceType): Float64Array {
  const n = M.rows;
  const d = M.cols;
  const K = p.weights.length;
  const X = M.data;
  const out = new Float64Array(n * K);
  const U = p.precChol;
  const y = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    let logDet = 0;
    if (type === 'full' || type === 'tied') {
      const o = type === 'full' ? k * d * d : 0;
      for (let a = 0; a < d; a++) logDet += Math.log(U[o + a * d + a]);
      for (let i = 0; i < n; i++) {
        // y = (x − μ)ᵀ U, and the Mahalanobis distance is ‖y‖².
        y.fill(0);
        for (let a = 0; a < d; a++) {
          const diff = X[i * d + a] - p.means[k * d + a];
          for (let b = 0; b < d; b++) y[b] += diff * U[o + a * d + b];
        }
        let q = 0;
        for (let b = 0; b < d; b++) q += y[b] * y[b];
        out[i * K + k] = q;
      }
    } else {
      for (let f = 0; f < d; f++) logDet += Math.log(type === 'diag' ? U[k * d + f] : U[k]);
      for (let i = 0; i < n; i++) {
        let q = 0;
        for (let f = 0; f < d; f++) {
          const u = type === 'diag' ? U[k * d + f] : U[k];
          q += ((X[i * d + f] - p.means[k * d + f]) * u) ** 2;
        }
        out[i * K + k] = q;
      }
    }
    const c = d * Math.log(2 * Math.PI);
    const lw = Math.log(p.weights[k]);
    for (let i = 0; i < n; i++) out[i * K + k] = -0.5 * (c + out[i * K + k]) + logDet + lw;
  }
  return out;
}
