/** Robust linear regression with the Huber loss and a fitted scale (sklearn.linear_model.HuberRegressor). */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { lbfgs } from '../optimize/lbfgs.js';
import type { ValueAndGrad } from '../optimize/line-search.js';
import { checkSampleWeight, linearPredict } from './base.js';

export interface HuberRegressorParams {
  /** Residuals beyond epsilon·scale count linearly, not squared. > 1; default 1.35 (95% efficiency under Gaussian noise). */
  epsilon: number;
  /** Maximum L-BFGS iterations. Default 100. */
  maxIter: number;
  /** L2 penalty α‖w‖². Default 1e-4. */
  alpha: number;
  /** Start from the previous fit. */
  warmStart: boolean;
  fitIntercept: boolean;
  /** Stop when the largest gradient component is ≤ tol. Default 1e-5. */
  tol: number;
}

/**
 * Minimises, jointly over the coefficients w, b and a scale σ > 0 (Owen 2007, "A robust
 * hybrid of lasso and ridge regression"):
 *
 *   Σᵢ sᵢ·(σ + H_ε(rᵢ/σ)·σ) + α‖w‖²,   rᵢ = yᵢ − xᵢ·w − b,
 *   H_ε(z) = z² for |z| ≤ ε, 2ε|z| − ε² beyond,
 *
 * which is convex in (w, b, σ). Fitting σ makes ε a number of scales rather than a fixed
 * width, so the same ε works whatever the units of y. Minimised by L-BFGS; σ stays
 * positive because the objective is infinite at σ ≤ 10·ε_machine, scikit-learn's bound.
 *
 * ```ts
 * const X = [[0], [1], [2], [3], [4], [5], [6], [7]];
 * const reg = new HuberRegressor().fit(X, [0.1, 0.9, 2.1, 2.9, 4.2, 4.8, 6.1, 40]);  // one gross outlier
 * reg.coef_;     // [1.032…] (as scikit-learn): least squares gives 3.75
 * reg.outliers_; // the last sample, and one more just beyond 1.35 scales
 * ```
 */
export class HuberRegressor extends Regressor<HuberRegressorParams> {
  static override readonly spec: EstimatorSpec<HuberRegressorParams> = {
    name: 'HuberRegressor',
    defaults: { epsilon: 1.35, maxIter: 100, alpha: 1e-4, warmStart: false, fitIntercept: true, tol: 1e-5 },
    constraints: {
      epsilon: [C.number({ min: 1 })],
      maxIter: [C.integer({ min: 0 })],
      alpha: [C.number({ min: 0 })],
      warmStart: [C.boolean],
      fitIntercept: [C.boolean],
      tol: [C.number({ min: 0 })],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number;
  /** The fitted scale σ. */
  declare scale_: number;
  /**
   * Which training samples have |residual| > epsilon·scale. It describes the training
   * rows rather than the model, so it is kept out of `fittedAttributes()` (and `toJSON`),
   * whose contents may not depend on the order of the rows.
   */
  declare outliers_: boolean[] | undefined;
  declare nIter_: number;

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    const previous = this.params.warmStart && this.isFitted() ? [...this.coef_, ...(this.params.fitIntercept ? [this.intercept_] : []), this.scale_] : null;
    this.beginFit();
    this.setOutliers(undefined);
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const n = M.rows;
    const d = M.cols;
    const sw = checkSampleWeight(sampleWeight, n, this.estimatorName) ?? new Float64Array(n).fill(1);
    const { epsilon, alpha, fitIntercept } = this.params;
    // Parameters: [w (d), b (if fitted), σ].
    const nParams = d + (fitIntercept ? 1 : 0) + 1;
    const x0 = new Float64Array(nParams);
    if (previous && previous.length === nParams) x0.set(previous);
    else x0[nParams - 1] = 1;
    const fg = huberObjective(M.data, t, sw, d, epsilon, alpha, fitIntercept);
    const res = lbfgs(fg, x0, { maxIter: this.params.maxIter, gtol: this.params.tol, ftol: 0 });
    const w = res.x;
    this.coef_ = Array.from(w.subarray(0, d));
    this.intercept_ = fitIntercept ? w[d] : 0;
    this.scale_ = w[nParams - 1];
    this.nIter_ = res.nIter;
    const pred = linearPredict(M, this.coef_, this.intercept_);
    this.setOutliers(pred.map((p, i) => Math.abs(t[i] - p) > this.scale_ * epsilon));
    this.nFeaturesIn_ = d;
    return this;
  }

  private setOutliers(value: boolean[] | undefined): void {
    Object.defineProperty(this, 'outliers_', { value, enumerable: false, writable: true, configurable: true });
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }
}

/**
 * The objective above and its gradient. With rᵢ the residual and σ the scale, per sample:
 * inliers (|r| ≤ εσ) contribute r²/σ, so ∂/∂w = −2r·x/σ and ∂/∂σ = −r²/σ²; outliers
 * contribute 2ε|r| − σε², so ∂/∂w = −2ε·sign(r)·x and ∂/∂σ = −ε²; every sample adds σ (∂/∂σ = 1).
 */
function huberObjective(X: Float64Array, y: Float64Array, sw: Float64Array, d: number, epsilon: number, alpha: number, fitIntercept: boolean): ValueAndGrad {
  const n = y.length;
  const lowest = 10 * Number.EPSILON;
  return (w, grad) => {
    const sigma = w[w.length - 1];
    if (!(sigma > lowest)) return Infinity; // outside the domain: the line search steps back
    const b = fitIntercept ? w[d] : 0;
    grad.fill(0);
    let f = 0;
    let gSigma = 0;
    for (let i = 0; i < n; i++) {
      let p = b;
      for (let j = 0; j < d; j++) p += X[i * d + j] * w[j];
      const r = y[i] - p;
      const s = sw[i];
      let dr: number; // ∂(loss)/∂r
      if (Math.abs(r) > epsilon * sigma) {
        f += s * (2 * epsilon * Math.abs(r) - sigma * epsilon * epsilon);
        gSigma -= s * epsilon * epsilon;
        dr = s * 2 * epsilon * Math.sign(r);
      } else {
        f += (s * r * r) / sigma;
        gSigma -= (s * r * r) / (sigma * sigma);
        dr = (s * 2 * r) / sigma;
      }
      f += s * sigma;
      gSigma += s;
      for (let j = 0; j < d; j++) grad[j] -= dr * X[i * d + j];
      if (fitIntercept) grad[d] -= dr;
    }
    for (let j = 0; j < d; j++) {
      f += alpha * w[j] * w[j];
      grad[j] += 2 * alpha * w[j];
    }
    grad[w.length - 1] = gSigma;
    return f;
  };
}
