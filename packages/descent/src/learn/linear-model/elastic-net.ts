/**
 * `Lasso` and `ElasticNet`: least squares with an L1 (and L2) penalty, fitted by
 * coordinate descent (sklearn.linear_model.Lasso and ElasticNet). The L1 term sets
 * coefficients exactly to zero, so these models select features as they fit.
 */
import { Generator } from '../../random/index.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { centerData, checkSampleWeight, linearPredict } from './base.js';
import { enetCoordinateDescent, toColumnMajor } from './coordinate-descent.js';

export interface LassoParams {
  /** Penalty strength α ≥ 0. α = 0 is least squares, which coordinate descent solves slowly: use LinearRegression. Default 1. */
  alpha: number;
  fitIntercept: boolean;
  /** Maximum coordinate-descent sweeps. Default 1000. */
  maxIter: number;
  /** Stop when the duality gap is below tol·‖y‖² (after coefficient changes fall below tol·max|w|). Default 1e-4. */
  tol: number;
  /** Start from the previous fit's coefficients instead of zeros. Default false. */
  warmStart: boolean;
  /** Force every coefficient to be ≥ 0. Default false. */
  positive: boolean;
  /** 'cyclic' visits features in order; 'random' picks one at random each step (often faster at tight tol). */
  selection: 'cyclic' | 'random';
  /** Seed for selection 'random'; null draws a fresh seed. */
  randomState: number | null;
}

export interface ElasticNetParams extends LassoParams {
  /** ρ: the share of the penalty that is L1 (1 is the lasso, 0 ridge). Default 0.5. */
  l1Ratio: number;
}

const LASSO_DEFAULTS: LassoParams = {
  alpha: 1, fitIntercept: true, maxIter: 1000, tol: 1e-4, warmStart: false, positive: false, selection: 'cyclic', randomState: null,
};

const LASSO_CONSTRAINTS = {
  alpha: [C.number({ min: 0 })],
  fitIntercept: [C.boolean],
  maxIter: [C.integer({ min: 1 })],
  tol: [C.number({ min: 0 })],
  warmStart: [C.boolean],
  positive: [C.boolean],
  selection: [C.options('cyclic', 'random')],
  randomState: [C.integer(), C.null],
};

/** What Lasso and ElasticNet share: everything but whether ρ is a parameter. */
abstract class CoordinateDescentRegressor<P extends LassoParams> extends Regressor<P> {
  declare coef_: number[];
  declare intercept_: number;
  /** Coordinate-descent sweeps run; equal to `maxIter` when the tolerance was not reached. */
  declare nIter_: number;
  /** Duality gap at the end, in the 1/(2n)-scaled objective: the objective is at most this far above its minimum. */
  declare dualGap_: number;

  protected abstract l1Ratio(): number;

  /**
   * Fits by coordinate descent. With sample weights, the objective's squared error is a
   * weighted average (the weights are rescaled to sum to n, as scikit-learn does).
   */
  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    // Read the previous coefficients before beginFit forgets them.
    const previous = this.params.warmStart && this.isFitted() ? this.coef_ : undefined;
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const n = M.rows;
    let w = checkSampleWeight(sampleWeight, n, this.estimatorName);
    if (w) {
      const sum = w.reduce((a, b) => a + b, 0);
      if (!(sum > 0)) throw new Error(`${this.estimatorName}: sampleWeight sums to 0; at least one sample needs a positive weight.`);
      w = w.map((v) => (v * n) / sum);
    }
    const { Xc, yc, xMean, yMean } = centerData(M, t, this.params.fitIntercept, w);
    const Xcm = toColumnMajor(Xc.data, n, M.cols); // (n, d), column-major for the sweeps
    const coef = new Float64Array(M.cols);
    if (previous && previous.length === M.cols) coef.set(previous);
    const { alpha, maxIter, tol, positive, selection, randomState } = this.params;
    const rho = this.l1Ratio();
    const res = enetCoordinateDescent(Xcm, yc, coef, {
      l1: alpha * rho * n,
      l2: alpha * (1 - rho) * n,
      maxIter,
      tol,
      positive,
      selection,
      rng: new Generator(randomState ?? Math.floor(Math.random() * 2 ** 32)),
    });
    this.coef_ = Array.from(coef);
    this.intercept_ = this.params.fitIntercept ? yMean - xMean.reduce((s, m, j) => s + m * coef[j], 0) : 0;
    this.nIter_ = res.nIter;
    this.dualGap_ = res.gap / n;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }
}

/**
 * Linear regression with an L1 penalty: minimises 1/(2n)‖y − Xw − b‖² + α‖w‖₁. At the
 * optimum every zero coefficient has |x_jᵀr|/n ≤ α and every non-zero one has
 * x_jᵀr/n = α·sign(w_j) (r the residual), so features whose correlation with the
 * residual never reaches α stay out of the model.
 *
 * ```ts
 * const reg = new Lasso({ alpha: 0.1 }).fit([[0, 0], [1, 1], [2, 2]], [0, 1, 2]);
 * reg.coef_;      // [0.85, 0] (as scikit-learn: the L1 penalty keeps one of two equal features)
 * reg.intercept_; // 0.15
 * ```
 */
export class Lasso extends CoordinateDescentRegressor<LassoParams> {
  static override readonly spec: EstimatorSpec<LassoParams> = {
    name: 'Lasso',
    defaults: LASSO_DEFAULTS,
    constraints: LASSO_CONSTRAINTS,
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  protected l1Ratio(): number {
    return 1;
  }
}

/**
 * Linear regression with a mixed L1/L2 penalty: minimises
 * 1/(2n)‖y − Xw − b‖² + αρ‖w‖₁ + α(1 − ρ)/2‖w‖². The L2 part keeps groups of correlated
 * features together where the lasso would pick one of them.
 *
 * ```ts
 * const reg = new ElasticNet({ alpha: 0.1, l1Ratio: 0.5 }).fit([[0, 0], [1, 1], [2, 2]], [0, 1, 2]);
 * reg.coef_; // [0.446…, 0.445…] (as scikit-learn): the L2 part shares the weight between the copies
 * ```
 */
export class ElasticNet extends CoordinateDescentRegressor<ElasticNetParams> {
  static override readonly spec: EstimatorSpec<ElasticNetParams> = {
    name: 'ElasticNet',
    defaults: { ...LASSO_DEFAULTS, l1Ratio: 0.5 },
    constraints: { ...LASSO_CONSTRAINTS, l1Ratio: [C.number({ min: 0, max: 1 })] },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  protected l1Ratio(): number {
    return this.params.l1Ratio;
  }
}
