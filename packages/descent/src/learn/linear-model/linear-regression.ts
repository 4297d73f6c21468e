/** Ordinary least squares (sklearn.linear_model.LinearRegression). */
import { lstsq } from '../../linalg/index.js';
import { matrixToTensor, vectorToTensor } from '../../linalg/convert.js';
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { centerData, checkSampleWeight, linearPredict } from './base.js';

export interface LinearRegressionParams {
  /** Fit an intercept (centre X and y first). Default true. */
  fitIntercept: boolean;
}

/**
 * Minimises ‖y − X·w − b‖². With an intercept, X and y are centred so that
 * w = argmin ‖y_c − X_c·w‖ and b = ȳ − x̄·w. The least-squares problem is solved through
 * the SVD (`lstsq`), which, like scipy's `gelsd` behind scikit-learn, gives the
 * minimum-norm solution when X is rank-deficient.
 *
 * ```ts
 * const reg = new LinearRegression().fit([[1, 1], [1, 2], [2, 2], [2, 3]], [6, 8, 9, 11]);
 * reg.coef_;      // [1, 2] (up to rounding)
 * reg.intercept_; // 3
 * ```
 */
export class LinearRegression extends Regressor<LinearRegressionParams> {
  static override readonly spec: EstimatorSpec<LinearRegressionParams> = {
    name: 'LinearRegression',
    defaults: { fitIntercept: true },
    constraints: { fitIntercept: [C.boolean] },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  declare coef_: number[];
  declare intercept_: number;
  /** Numerical rank of the (centred) X. */
  declare rank_: number;
  /** Singular values of the (centred) X, descending. */
  declare singular_: number[];

  fit(X: MatrixLike, y: VectorLike, sampleWeight?: ArrayLike<number>): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const w = checkSampleWeight(sampleWeight, M.rows, this.estimatorName);
    const { Xc, yc, xMean, yMean } = centerData(M, t, this.params.fitIntercept, w);
    const { solution, rank, singularValues } = lstsq(matrixToTensor(Xc), vectorToTensor(yc));
    this.coef_ = Array.from(solution.toTypedArray() as Float64Array);
    this.intercept_ = this.params.fitIntercept ? yMean - xMean.reduce((s, m, j) => s + m * this.coef_[j], 0) : 0;
    this.rank_ = rank;
    this.singular_ = Array.from(singularValues.toTypedArray() as Float64Array);
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return linearPredict(M, this.coef_, this.intercept_);
  }
}
