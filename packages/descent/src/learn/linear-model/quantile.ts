/** Linear quantile regression with an L1 penalty (sklearn.linear_model.QuantileRegressor). */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { linprog } from '../optimize/linprog.js';
import { checkSampleWeight, linearPredict } from './base.js';

export interface QuantileRegressorParams {
  /** The quantile q ∈ (0, 1) to predict. Default 0.5 (the median). */
  quantile: number;
  /** L1 penalty strength. Default 1. */
  alpha: number;
  fitIntercept: boolean;
}

/**
 * Minimises (1/Σsᵢ)·Σᵢ sᵢ·ρ_q(yᵢ − xᵢ·w − b) + α‖w‖₁, where the pinball loss
 * ρ_q(r) = q·r for r ≥ 0 and (q − 1)·r for r < 0 makes the fitted line the conditional
 * q-quantile (Koenker & Bassett 1978). Like scikit-learn, this is solved as a linear
 * program, with w = w⁺ − w⁻ and r = u − v split into non-negative parts:
 *
 *   min α·Σs·(1ᵀw⁺ + 1ᵀw⁻) + Σ sᵢ(q·uᵢ + (1 − q)·vᵢ)
 *   s.t. X·w⁺ − X·w⁻ + b⁺ − b⁻ + u − v = y,   all variables ≥ 0
 *
 * here by the simplex method (`learn/optimize/linprog.ts`), which lands on an exact
 * vertex: at the optimum at least as many residuals as parameters are exactly zero.
 *
 * ```ts
 * const reg = new QuantileRegressor({ alpha: 0 }).fit([[1], [2], [3], [4], [5]], [1, 2, 3, 4, 100]);
 * reg.predict([[3]]); // [3]: the median line ignores the outlier
 * ```
 */
export class QuantileRegressor extends Regressor<QuantileRegressorParams> {
  static override readonly spec: EstimatorSpec<QuantileRegressorParams> = {
    name: 'QuantileRegressor',
    defaults: { quantile: 0.5, alpha: 1, fitIntercept: true },
    constraints: {
      quantile: [C.number({ min: 0, max: 1, minExclusive: true, maxExclusive: true })],
      alpha: [C.number({ min: 0 })],
      fitIntercept: [C.boolean],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number;
  /** Simplex pivots. */
  declare nIter_: number;

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const { quantile: q, alpha, fitIntercept } = this.params;
    const swAll = checkSampleWeight(sampleWeight, M.rows, this.estimatorName) ?? new Float64Array(M.rows).fill(1);
    // Samples with zero weight drop out of the problem (as in scikit-learn).
    const keep = Array.from({ length: M.rows }, (_, i) => i).filter((i) => swAll[i] > 0);
    const n = keep.length;
    if (n === 0) throw new Error('QuantileRegressor: every sample weight is 0; at least one must be positive.');
    const d = M.cols;
    const p = d + (fitIntercept ? 1 : 0); // parameters, the intercept first
    const sw = keep.map((i) => swAll[i]);
    const penalty = alpha * sw.reduce((a, b) => a + b, 0);
    // Columns: w⁺ (p), w⁻ (p), u (n), v (n).
    const c = new Float64Array(2 * p + 2 * n);
    c.fill(penalty, 0, 2 * p);
    if (fitIntercept) { c[0] = 0; c[p] = 0; }
    for (let i = 0; i < n; i++) {
      c[2 * p + i] = sw[i] * q;
      c[2 * p + n + i] = sw[i] * (1 - q);
    }
    const Aeq = keep.map((src, i) => {
      const row = new Float64Array(2 * p + 2 * n);
      const feats = fitIntercept ? [1, ...M.data.subarray(src * d, (src + 1) * d)] : Array.from(M.data.subarray(src * d, (src + 1) * d));
      feats.forEach((v, j) => { row[j] = v; row[p + j] = -v; });
      row[2 * p + i] = 1;
      row[2 * p + n + i] = -1;
      return row;
    });
    const b = keep.map((i) => t[i]);
    // A feasible first vertex: all parameters 0, each residual in u (y ≥ 0) or v (y < 0).
    const basis = b.map((v, i) => (v >= 0 ? 2 * p + i : 2 * p + n + i));
    const res = linprog({ c, Aeq, beq: b, basis });
    if (res.status !== 'optimal') throw new Error(`QuantileRegressor: the linear program did not solve (${res.status}).`);
    const params = Array.from({ length: p }, (_, j) => res.x[j] - res.x[p + j]);
    this.intercept_ = fitIntercept ? params[0] : 0;
    this.coef_ = fitIntercept ? params.slice(1) : params;
    this.nIter_ = res.nIter;
    this.nFeaturesIn_ = d;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }
}
