/**
 * `DummyRegressor`: predicts one number for every sample, as a baseline
 * (sklearn.dummy.DummyRegressor). With the default 'mean' strategy its R² is 0 on the
 * training data, which is what R² is measured against.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Regressor } from '../base/mixins.js';
import { checkXy, type MatrixLike, type VectorLike } from '../base/validation.js';
import { median } from '../metrics/regression.js';
import { quantile as quantileOf } from '../base/quantiles.js';

export interface DummyRegressorParams {
  /** 'mean' (default), 'median', 'quantile' (of `quantile`) or 'constant' (`constant`). */
  strategy: 'mean' | 'median' | 'quantile' | 'constant';
  /** In [0, 1], for strategy 'quantile'. */
  quantile: number | null;
  /** The value to predict with strategy 'constant'. */
  constant: number | null;
}

/**
 * ```ts
 * new DummyRegressor().fit([[0], [0], [0]], [1, 2, 6]).predict([[9]]); // [3]
 * ```
 */
export class DummyRegressor extends Regressor<DummyRegressorParams> {
  static override readonly spec: EstimatorSpec<DummyRegressorParams> = {
    name: 'DummyRegressor',
    defaults: { strategy: 'mean', quantile: null, constant: null },
    constraints: {
      strategy: [C.options('mean', 'median', 'quantile', 'constant')],
      quantile: [C.number({ min: 0, max: 1 }), C.null],
      constant: [C.number(), C.null],
    },
    tags: { estimatorType: 'regressor', requiresY: true },
  };

  /** The value predicted for every sample. */
  declare constant_: number;

  fit(X: MatrixLike, y: VectorLike): this {
    this.beginFit();
    const { X: M, y: t } = checkXy(X, y, { caller: this.estimatorName });
    const { strategy, quantile, constant } = this.params;
    let value: number;
    if (strategy === 'mean') value = t.reduce((a, b) => a + b, 0) / t.length;
    else if (strategy === 'median') value = median(t);
    else if (strategy === 'quantile') {
      if (quantile === null) throw new Error("DummyRegressor: strategy 'quantile' needs the `quantile` parameter in [0, 1].");
      value = quantileOf(t, quantile);
    } else {
      if (constant === null) throw new Error("DummyRegressor: strategy 'constant' needs the `constant` parameter.");
      value = constant;
    }
    this.constant_ = value;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  predict(X: MatrixLike): number[] {
    const M = this.checkPredictInput(X);
    return new Array(M.rows).fill(this.constant_);
  }
}
