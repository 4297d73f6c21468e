/**
 * The kernels of scikit-learn's SVMs (LIBSVM's), and a cache of kernel rows.
 *
 *   linear   K(x, z) = x·z
 *   poly     K(x, z) = (γ x·z + coef0)^degree
 *   rbf      K(x, z) = exp(−γ‖x − z‖²)
 *   sigmoid  K(x, z) = tanh(γ x·z + coef0)
 */
import { C } from '../base/constraints.js';
import type { Matrix } from '../base/validation.js';

export type KernelName = 'linear' | 'poly' | 'rbf' | 'sigmoid';

export interface KernelParams {
  kernel: KernelName;
  /** Polynomial degree. Default 3. */
  degree: number;
  /** 'scale' is 1/(d·Var(X)) over all entries of X, 'auto' 1/d, or a number > 0. Default 'scale'. */
  gamma: 'scale' | 'auto' | number;
  /** The constant in poly and sigmoid. Default 0. */
  coef0: number;
}

export const KERNEL_DEFAULTS: KernelParams = { kernel: 'rbf', degree: 3, gamma: 'scale', coef0: 0 };
export const KERNEL_CONSTRAINTS = {
  kernel: [C.options('linear', 'poly', 'rbf', 'sigmoid')],
  degree: [C.integer({ min: 0 })],
  gamma: [C.options('scale', 'auto'), C.number({ min: 0 })],
  coef0: [C.number()],
} as const;

/** The γ a fit uses (scikit-learn's `_gamma`). */
export function resolveGamma(gamma: KernelParams['gamma'], X: Matrix): number {
  if (gamma === 'auto') return 1 / X.cols;
  if (gamma !== 'scale') return gamma;
  let mean = 0;
  for (const v of X.data) mean += v;
  mean /= X.data.length;
  let v2 = 0;
  for (const v of X.data) v2 += (v - mean) ** 2;
  const variance = v2 / X.data.length;
  return variance !== 0 ? 1 / (X.cols * variance) : 1;
}

/** K(a_i, b_j) for row i of A and row j of B (same width d). */
export type KernelFn = (A: Float64Array, i: number, B: Float64Array, j: number) => number;

export function kernelFunction(kernel: KernelName, d: number, gamma: number, degree: number, coef0: number): KernelFn {
  const dot = (A: Float64Array, i: number, B: Float64Array, j: number) => {
    let s = 0;
    const a = i * d;
    const b = j * d;
    for (let f = 0; f < d; f++) s += A[a + f] * B[b + f];
    return s;
  };
  switch (kernel) {
    case 'linear': return dot;
    case 'poly': return (A, i, B, j) => (gamma * dot(A, i, B, j) + coef0) ** degree;
    case 'sigmoid': return (A, i, B, j) => Math.tanh(gamma * dot(A, i, B, j) + coef0);
    case 'rbf': return (A, i, B, j) => {
      let s = 0;
      const a = i * d;
      const b = j * d;
      for (let f = 0; f < d; f++) {
        const t = A[a + f] - B[b + f];
        s += t * t;
      }
      return Math.exp(-gamma * s);
    };
  }
}

/**
 * Rows of the training kernel matrix K(x_i, ·), computed on demand and kept up to a byte
 * budget, least recently used evicted first (LIBSVM's `Cache`, without its partial rows).
 */
export class KernelCache {
  private readonly rows = new Map<number, Float64Array>();
  private readonly capacity: number;

  private readonly k: KernelFn;

  constructor(
    private readonly X: Float64Array, private readonly n: number, private readonly d: number,
    private readonly kp: { kernel: KernelName; gamma: number; degree: number; coef0: number }, cacheMB: number,
  ) {
    this.capacity = Math.max(2, Math.floor((cacheMB * 2 ** 20) / (8 * Math.max(1, n))));
    this.k = kernelFunction(kp.kernel, d, kp.gamma, kp.degree, kp.coef0);
  }

  /** K(x_i, x_j) for every j. */
  row(i: number): Float64Array {
    const hit = this.rows.get(i);
    if (hit) {
      this.rows.delete(i); // re-insert: Map keeps insertion order, so the front is least recent
      this.rows.set(i, hit);
      return hit;
    }
    const r = new Float64Array(this.n);
    kernelRow(this.kp.kernel, this.X, i, this.X, this.n, this.d, this.kp.gamma, this.kp.degree, this.kp.coef0, r);
    if (this.rows.size >= this.capacity) this.rows.delete(this.rows.keys().next().value!);
    this.rows.set(i, r);
    return r;
  }

  diagonal(i: number): number {
    return this.k(this.X, i, this.X, i);
  }
}

/**
 * K(x_i, b_s) for every row s of B (m, d), into `out`: the prediction-time kernel row,
 * written as one loop per kernel (a closure call per pair costs more than the arithmetic).
 */
export function kernelRow(kernel: KernelName, A: Float64Array, i: number, B: Float64Array, m: number, d: number, gamma: number, degree: number, coef0: number, out: Float64Array): void {
  const a = i * d;
  for (let s = 0; s < m; s++) {
    const b = s * d;
    let acc = 0;
    if (kernel === 'rbf') {
      for (let f = 0; f < d; f++) {
        const t = A[a + f] - B[b + f];
        acc += t * t;
      }
      out[s] = Math.exp(-gamma * acc);
      continue;
    }
    for (let f = 0; f < d; f++) acc += A[a + f] * B[b + f];
    out[s] = kernel === 'linear' ? acc : kernel === 'poly' ? (gamma * acc + coef0) ** degree : Math.tanh(gamma * acc + coef0);
  }
}

/**
 * b + Σ_s coef_s K(x, sv_s) for every row x of M: the decision value of a kernel machine
 * with one row of dual coefficients (SVR, OneClassSVM).
 *
 * ```ts
 * kernelExpansion(M, this.supportVectors_, this.dualCoef_[0], this.intercept_[0], this.params, this.gamma_);
 * ```
 */
export function kernelExpansion(M: Matrix, supportVectors: number[][], coef: number[], b: number, p: Pick<KernelParams, 'kernel' | 'degree' | 'coef0'>, gamma: number): number[] {
  const SV = Float64Array.from(supportVectors.flat());
  const kx = new Float64Array(coef.length);
  return Array.from({ length: M.rows }, (_, i) => {
    kernelRow(p.kernel, M.data, i, SV, coef.length, M.cols, gamma, p.degree, p.coef0, kx);
    let s = b;
    for (let j = 0; j < coef.length; j++) s += coef[j] * kx[j];
    return s;
  });
}
