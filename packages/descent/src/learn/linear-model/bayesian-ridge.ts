/** Bayesian ridge regression (sklearn.linear_model.BayesianRidge). */
import { type Matrix, matmulTransA, matmulTransB, matvec, toRows, transpose } from '../../linalg/matrix.js';
import { svdKernel } from '../../linalg/svd-kernel.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { centerData, checkSampleWeight, linearPredict } from './base.js';

export interface BayesianRidgeParams {
  /** Maximum evidence-maximisation iterations. Default 300 (scikit-learn 1.2's `n_iter`). */
  nIter: number;
  /** Stop when Σ|Δcoef| between iterations is below tol. Default 1e-3. */
  tol: number;
  /** Gamma prior on the noise precision α: shape alpha1, rate alpha2. Default 1e-6 each (nearly flat). */
  alpha1: number;
  alpha2: number;
  /** Gamma prior on the weight precision λ: shape lambda1, rate lambda2. */
  lambda1: number;
  lambda2: number;
  /** Starting α (default 1/Var(y)) and λ (default 1). */
  alphaInit: number | null;
  lambdaInit: number | null;
  /** Record the log marginal likelihood at each iteration in `scores_`. */
  computeScore: boolean;
  fitIntercept: boolean;
}

/**
 * Linear regression with a Gaussian prior w ~ N(0, λ⁻¹I) and Gaussian noise of precision α,
 * where α and λ are chosen by maximising the evidence p(y | X, α, λ) (MacKay 1992, "Bayesian
 * interpolation"; Tipping 2001). With X = U·diag(s)·Vᵀ and eᵢ = sᵢ², each iteration:
 *
 *   coef = V·diag(1/(e + λ/α))·Vᵀ·Xᵀy                  posterior mean
 *   γ = Σ αe/(λ + αe)                                  effective number of parameters
 *   λ ← (γ + 2λ₁)/(‖coef‖² + 2λ₂),   α ← (n − γ + 2α₁)/(‖y − X·coef‖² + 2α₂)
 *
 * The result is a ridge regression whose penalty λ/α the data chose, plus a posterior
 * covariance `sigma_` that gives predictive uncertainty.
 *
 * ```ts
 * const reg = new BayesianRidge().fit([[0, 0], [1, 1], [2, 2]], [0, 1, 2]);
 * reg.predict([[1, 1]]);         // [1.0000…]
 * reg.predictWithStd([[1, 1]]);  // { mean: [1.0000…], std: [tiny] }: the noise precision alpha_ is huge
 * ```
 */
export class BayesianRidge extends Regressor<BayesianRidgeParams> {
  static override readonly spec: EstimatorSpec<BayesianRidgeParams> = {
    name: 'BayesianRidge',
    defaults: {
      nIter: 300, tol: 1e-3, alpha1: 1e-6, alpha2: 1e-6, lambda1: 1e-6, lambda2: 1e-6, alphaInit: null, lambdaInit: null,
      computeScore: false, fitIntercept: true,
    },
    constraints: {
      nIter: [C.integer({ min: 1 })],
      tol: [C.number({ min: 0 })],
      alpha1: [C.number({ min: 0 })],
      alpha2: [C.number({ min: 0 })],
      lambda1: [C.number({ min: 0 })],
      lambda2: [C.number({ min: 0 })],
      alphaInit: [C.number({ min: 0 }), C.null],
      lambdaInit: [C.number({ min: 0 }), C.null],
      computeScore: [C.boolean],
      fitIntercept: [C.boolean],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number;
  /** Estimated noise precision α. */
  declare alpha_: number;
  /** Estimated weight precision λ. */
  declare lambda_: number;
  /** Posterior covariance of the coefficients, (d, d). */
  declare sigma_: number[][];
  /** Log marginal likelihood per iteration, and once more at the end (empty unless computeScore). */
  declare scores_: number[];
  declare nIter_: number;
  /** The feature means subtracted before fitting (zeros without an intercept). */
  declare xOffset_: number[];

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const w = checkSampleWeight(sampleWeight, M.rows, this.estimatorName);
    const { Xc, yc, xMean, yMean } = centerData(M, t, this.params.fitIntercept, w);
    const n = M.rows;
    const d = M.cols;
    const p = this.params;

    const mean = yc.reduce((a, b) => a + b, 0) / n;
    const variance = yc.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
    let alpha = p.alphaInit ?? 1 / (variance + Number.EPSILON); // ε: y may be constant
    let lambda = p.lambdaInit ?? 1;

    const { U, S, Vt } = svdKernel(Xc); // U (n, k), S (k,), Vt (k, d)
    const e = Array.from(S, (s) => s * s); // eigenvalues of XᵀX
    const k = e.length;
    const col = (v: Float64Array): Matrix => ({ rows: v.length, cols: 1, data: v });
    const Xty = matmulTransA(Xc, col(yc)).data; // (d,)
    const Vtxy = matvec(Vt, Xty); // Vᵀ·Xᵀy, (k,)
    const Uty = matmulTransA(U, col(yc)).data; // Uᵀy, (k,)

    // Posterior mean for the current α, λ, and the residual sum of squares.
    const update = (a: number, l: number): { coef: number[]; rss: number } => {
      let coef: Float64Array;
      if (n > d) {
        // V·diag(1/(e + λ/α))·Vᵀ·Xᵀy
        const z = Vtxy.map((v, q) => v / (e[q] + l / a));
        coef = matmulTransA(Vt, col(z)).data;
      } else {
        // Xᵀ·U·diag(1/(e + λ/α))·Uᵀ·y: the same, through the smaller n × n side.
        const z = Uty.map((v, q) => v / (e[q] + l / a));
        coef = matmulTransA(Xc, col(matvec(U, z))).data;
      }
      const fitted = matvec(Xc, coef);
      let rss = 0;
      for (let i = 0; i < n; i++) rss += (yc[i] - fitted[i]) ** 2;
      return { coef: Array.from(coef), rss };
    };
    const logEvidence = (a: number, l: number, coef: number[], rss: number): number => {
      // log|Σ| up to the α factor: −Σ log(λ + α·eᵢ) over all d directions (eᵢ = 0 beyond rank k).
      let logdetSigma = 0;
      for (let q = 0; q < d; q++) logdetSigma -= Math.log(l + a * (q < k ? e[q] : 0));
      const ww = coef.reduce((acc, c) => acc + c * c, 0);
      return p.lambda1 * Math.log(l) - p.lambda2 * l + p.alpha1 * Math.log(a) - p.alpha2 * a +
        0.5 * (d * Math.log(l) + n * Math.log(a) - a * rss - l * ww + logdetSigma - n * Math.log(2 * Math.PI));
    };

    const scores: number[] = [];
    let coef: number[] = [];
    let prev: number[] | null = null;
    let iter = 0;
    for (; iter < p.nIter; iter++) {
      const current = update(alpha, lambda);
      coef = current.coef;
      const rss = current.rss;
      if (p.computeScore) scores.push(logEvidence(alpha, lambda, coef, rss));
      const gamma = e.reduce((acc, ev) => acc + (alpha * ev) / (lambda + alpha * ev), 0);
      lambda = (gamma + 2 * p.lambda1) / (coef.reduce((acc, c) => acc + c * c, 0) + 2 * p.lambda2);
      alpha = (n - gamma + 2 * p.alpha1) / (rss + 2 * p.alpha2);
      if (prev && prev.reduce((acc, c, j) => acc + Math.abs(c - coef[j]), 0) < p.tol) break;
      prev = coef;
    }
    this.nIter_ = Math.min(iter + 1, p.nIter);
    this.alpha_ = alpha;
    this.lambda_ = lambda;
    const final = update(alpha, lambda);
    // As scikit-learn: the last score pairs the new α, λ with the loop's last coefficients and the new residual.
    if (p.computeScore) scores.push(logEvidence(alpha, lambda, coef, final.rss));
    this.coef_ = final.coef;
    // Posterior covariance (1/α)·V·diag(1/(e + λ/α))·Vᵀ, (d, d).
    const Vs = transpose(Vt); // (d, k), column q scaled by 1/√(α·(e_q + λ/α)) below
    for (let i = 0; i < d; i++) for (let q = 0; q < k; q++) Vs.data[i * k + q] /= Math.sqrt(alpha * (e[q] + lambda / alpha));
    this.sigma_ = toRows(matmulTransB(Vs, Vs));
    this.scores_ = scores;
    this.xOffset_ = xMean;
    this.intercept_ = p.fitIntercept ? yMean - xMean.reduce((s, m, j) => s + m * this.coef_[j], 0) : 0;
    this.nFeaturesIn_ = d;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }

  /**
   * The predictive mean and standard deviation √(xᵀΣx + 1/α) per sample (scikit-learn's
   * `predict(X, return_std=True)`; as there, x is the raw, uncentred row).
   */
  predictWithStd(X: MatrixLike): { mean: number[]; std: number[] } {
    const M = this.checkPredictInput(X);
    const d = M.cols;
    const std = Array.from({ length: M.rows }, (_, i) => {
      const x = M.data.subarray(i * d, (i + 1) * d);
      let q = 0;
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += x[a] * this.sigma_[a][b] * x[b];
      return Math.sqrt(q + 1 / this.alpha_);
    });
    return { mean: linearPredict(M, this.coef_, this.intercept_), std };
  }
}
