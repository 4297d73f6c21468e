/**
 * OneClassSVM (sklearn.svm.OneClassSVM; Schölkopf et al., "Estimating the support of a
 * high-dimensional distribution", Neural Computation 13, 2001): separate the data from the
 * origin in the kernel's feature space with maximum margin. ν ∈ (0, 1] bounds the fraction
 * of training points left outside (outliers) from above and of support vectors from below.
 * The dual, min ½αᵀKα subject to 0 ≤ α_i ≤ 1 and Σα_i = νn, is LIBSVM's one-class problem,
 * solved by the same SMO from LIBSVM's starting point (the first ⌊νn⌋ multipliers at 1).
 */
import { BaseEstimator, type EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { KERNEL_CONSTRAINTS, KERNEL_DEFAULTS, KernelCache, kernelExpansion, resolveGamma, type KernelParams } from './kernels.js';
import { smo } from './smo.js';

export interface OneClassSVMParams extends KernelParams {
  /** Upper bound on the training outlier fraction, lower bound on the support-vector fraction. Default 0.5. */
  nu: number;
  tol: number;
  cacheSize: number;
  maxIter: number;
}

/**
 * Novelty detection with a one-class SVM: `predict` is +1 inside the learned region and −1 outside.
 *
 * ```ts
 * const oc = new OneClassSVM({ nu: 0.1, gamma: 0.5 }).fit(Xnormal);
 * oc.predict([[0, 0], [8, 8]]);   // [1, -1]
 * ```
 */
export class OneClassSVM extends BaseEstimator<OneClassSVMParams> {
  static override readonly spec: EstimatorSpec<OneClassSVMParams> = {
    name: 'OneClassSVM',
    defaults: { ...KERNEL_DEFAULTS, nu: 0.5, tol: 1e-3, cacheSize: 200, maxIter: -1 },
    constraints: {
      ...KERNEL_CONSTRAINTS,
      nu: [C.number({ min: 0, max: 1, minExclusive: true })],
      tol: [C.number({ min: 0, minExclusive: true })],
      cacheSize: [C.number({ min: 0, minExclusive: true })],
      maxIter: [C.integer({ min: -1 })],
    },
    tags: { estimatorType: 'transformer' },
  };

  declare support_: number[];
  declare supportVectors_: number[][];
  /** (1, nSV): the multipliers α of the support vectors. */
  declare dualCoef_: number[][];
  /** −ρ. */
  declare intercept_: number[];
  /** ρ: scoreSamples − offset_ is the decision function. */
  declare offset_: number;
  declare nIter_: number;
  declare gamma_: number;
  declare fitStatus_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName });
    const p = this.params;
    const n = M.rows;
    const gamma = resolveGamma(p.gamma, M);
    // LIBSVM's start: ⌊νn⌋ multipliers at their bound 1, the remainder of νn on the next one.
    const full = Math.floor(p.nu * n);
    const alpha0 = new Float64Array(n);
    for (let i = 0; i < full; i++) alpha0[i] = 1;
    if (full < n) alpha0[full] = p.nu * n - full;
    const res = smo({
      l: n, y: new Int8Array(n).fill(1), p: new Float64Array(n), C: new Float64Array(n).fill(1), index: (t) => t,
      cache: new KernelCache(M.data, n, M.cols, { kernel: p.kernel, gamma, degree: p.degree, coef0: p.coef0 }, p.cacheSize),
      tol: p.tol, maxIter: p.maxIter, alpha0,
    });
    this.support_ = Array.from(res.alpha).flatMap((a, i) => (a !== 0 ? [i] : []));
    this.supportVectors_ = this.support_.map((r) => Array.from(M.data.subarray(r * M.cols, (r + 1) * M.cols)));
    this.dualCoef_ = [this.support_.map((i) => res.alpha[i])];
    this.intercept_ = [-res.rho];
    this.offset_ = res.rho;
    this.nIter_ = res.nIter;
    this.gamma_ = gamma;
    this.fitStatus_ = res.hitMaxIter ? 1 : 0;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  /** Σ α_i K(x_i, x) − ρ: positive inside the learned region. */
  decisionFunction(X: MatrixLike): number[] {
    return this.scoreSamples(X).map((s) => s - this.offset_);
  }

  /** Σ α_i K(x_i, x), the unshifted score. */
  scoreSamples(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return kernelExpansion(M, this.supportVectors_, this.dualCoef_[0], 0, this.params, this.gamma_);
  }

  /** +1 for inliers, −1 for outliers. */
  predict(X: MatrixLike): number[] {
    return this.decisionFunction(X).map((v) => (v > 0 ? 1 : -1));
  }
}
