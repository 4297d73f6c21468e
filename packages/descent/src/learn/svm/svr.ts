/**
 * SVR: ε-support vector regression (sklearn.svm.SVR, LIBSVM's ε-SVR; Vapnik 1995). Errors
 * smaller than ε cost nothing, larger ones cost C per unit; the dual has a pair (α_i, α*_i)
 * per sample, and f(x) = Σ (α_i − α*_i) K(x_i, x) + b. LIBSVM solves it with the C-SVC
 * solver on 2n variables: α with sign +1 and linear term ε − y_i, α* with sign −1 and ε + y_i.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { KERNEL_CONSTRAINTS, KERNEL_DEFAULTS, KernelCache, kernelExpansion, resolveGamma, type KernelParams } from './kernels.js';
import { smo } from './smo.js';

export interface SVRParams extends KernelParams {
  C: number;
  /** Width of the tube inside which errors cost nothing. Default 0.1. */
  epsilon: number;
  tol: number;
  cacheSize: number;
  maxIter: number;
}

/**
 * Kernel support vector regression.
 *
 * ```ts
 * const svr = new SVR({ kernel: 'linear', C: 10, epsilon: 0.1 }).fit([[0], [1], [2], [3]], [0, 1, 2, 3]);
 * svr.predict([[1.5]]); // ≈ [1.5]
 * ```
 */
export class SVR extends Regressor<SVRParams> {
  static override readonly spec: EstimatorSpec<SVRParams> = {
    name: 'SVR',
    defaults: { ...KERNEL_DEFAULTS, C: 1, epsilon: 0.1, tol: 1e-3, cacheSize: 200, maxIter: -1 },
    constraints: {
      ...KERNEL_CONSTRAINTS,
      C: [C.number({ min: 0, minExclusive: true })],
      epsilon: [C.number({ min: 0 })],
      tol: [C.number({ min: 0, minExclusive: true })],
      cacheSize: [C.number({ min: 0, minExclusive: true })],
      maxIter: [C.integer({ min: -1 })],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare support_: number[];
  declare supportVectors_: number[][];
  /** (1, nSV): α_i − α*_i of each support vector. */
  declare dualCoef_: number[][];
  declare intercept_: number[];
  declare nSupport_: number[];
  declare nIter_: number;
  declare gamma_: number;
  declare fitStatus_: number;

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: target } = checkXy(X, y, { caller: this.estimatorName });
    const p = this.params;
    const n = M.rows;
    const gamma = resolveGamma(p.gamma, M);
    const l = 2 * n;
    const res = smo({
      l,
      y: Int8Array.from({ length: l }, (_, t) => (t < n ? 1 : -1)),
      p: Float64Array.from({ length: l }, (_, t) => (t < n ? p.epsilon - target[t] : p.epsilon + target[t - n])),
      C: new Float64Array(l).fill(p.C),
      index: (t) => (t < n ? t : t - n),
      cache: new KernelCache(M.data, n, M.cols, { kernel: p.kernel, gamma, degree: p.degree, coef0: p.coef0 }, p.cacheSize),
      tol: p.tol,
      maxIter: p.maxIter,
    });
    const coef = Array.from({ length: n }, (_, i) => res.alpha[i] - res.alpha[i + n]);
    this.support_ = coef.flatMap((c, i) => (c !== 0 ? [i] : []));
    this.supportVectors_ = this.support_.map((r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
    this.dualCoef_ = [this.support_.map((i) => coef[i])];
    this.intercept_ = [-res.rho];
    this.nSupport_ = [this.support_.length];
    this.nIter_ = res.nIter;
    this.gamma_ = gamma;
    this.fitStatus_ = res.hitMaxIter ? 1 : 0;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** For a linear kernel, the primal weights Σ (α_i − α*_i) x_i: (1, d). */
  get coef_(): number[][] {
    this.checkIsFitted();
    if (this.params.kernel !== 'linear') throw new Error(`SVR: coef_ is only available when using a linear kernel (this one is '${this.params.kernel}').`);
    const w = new Array<number>(this.nFeaturesIn_).fill(0);
    this.supportVectors_.forEach((sv, s) => sv.forEach((v, f) => (w[f] += this.dualCoef_[0][s] * v)));
    return [w];
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return kernelExpansion(M, this.supportVectors_, this.dualCoef_[0], this.intercept_[0], this.params, this.gamma_);
  }
}
