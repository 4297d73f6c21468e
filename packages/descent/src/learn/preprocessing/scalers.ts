/**
 * Feature scalers that learn one affine map per column: StandardScaler, MinMaxScaler and
 * MaxAbsScaler (sklearn.preprocessing). As in scikit-learn since 0.20, NaN marks a missing
 * value: `fit` ignores it (each column's statistics come from its observed values) and
 * `transform`/`inverseTransform` pass it through, so a scaler can sit before an imputer.
 * Infinity is still refused.
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { columnValues, handleZerosInScale, mapMatrix, maxOrNaN, meanAndVariance, minOrNaN } from './common.js';

export interface StandardScalerParams {
  /** Subtract the column mean. Default true. */
  withMean: boolean;
  /** Divide by the column standard deviation. Default true. */
  withStd: boolean;
}

/**
 * z = (x − mean) / std per column, std the population standard deviation (ddof 0).
 * Constant columns are left with scale 1. NaN is skipped in `fit` and stays NaN.
 *
 * ```ts
 * const scaler = new StandardScaler().fit([[0, 0], [0, 0], [1, 1], [1, 1]]);
 * scaler.mean_;                 // [0.5, 0.5]
 * scaler.transform([[2, 2]]);   // [[3, 3]]
 * new StandardScaler().fit([[1], [NaN], [3]]).transform([[NaN], [3]]); // [[NaN], [1]]
 * ```
 */
export class StandardScaler extends Transformer<StandardScalerParams> {
  static override readonly spec: EstimatorSpec<StandardScalerParams> = {
    name: 'StandardScaler',
    defaults: { withMean: true, withStd: true },
    constraints: { withMean: [C.boolean], withStd: [C.boolean] },
    tags: { allowNaN: true },
  };

  /** Column means (null when neither centring nor scaling). */
  declare mean_: number[] | null;
  /** Column population variances (null without `withStd`). */
  declare var_: number[] | null;
  /** Column scales √var_, 1 for constant columns (null without `withStd`). */
  declare scale_: number[] | null;
  /** Samples seen: a number, or with NaN in X one count per column (its observed values), as in scikit-learn. */
  declare nSamplesSeen_: number | number[];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    const { withMean, withStd } = this.params;
    const { mean, variance, counts } = meanAndVariance(M);
    // sklearn's _is_constant_feature: var within rounding error of 0 for this mean and n.
    const constant = variance.map((v, j) => v <= counts[j] * Number.EPSILON * v + (counts[j] * mean[j] * Number.EPSILON) ** 2);
    this.mean_ = withMean || withStd ? mean : null;
    this.var_ = withStd ? variance : null;
    this.scale_ = withStd ? handleZerosInScale(variance.map(Math.sqrt), constant) : null;
    this.nSamplesSeen_ = counts.every((c) => c === M.rows) ? M.rows : counts;
    this.nFeaturesIn_ = M.cols;
    return this;
  }


  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const mean = this.params.withMean ? this.mean_! : null;
    const scale = this.scale_;
    return mapMatrix(M, (v, j) => (v - (mean ? mean[j] : 0)) / (scale ? scale[j] : 1));
  }

  /** x = z·std + mean. */
  inverseTransform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const mean = this.params.withMean ? this.mean_! : null;
    const scale = this.scale_;
    return mapMatrix(M, (v, j) => v * (scale ? scale[j] : 1) + (mean ? mean[j] : 0));
  }
}

export interface MinMaxScalerParams {
  /** The [min, max] each column is mapped to. Default [0, 1]. */
  featureRange: [number, number];
  /** Clip transformed values of new data to featureRange. Default false. */
  clip: boolean;
}

/**
 * x' = (x − min)·(b − a)/(max − min) + a per column, mapping the training range onto
 * `featureRange` [a, b]. NaN is skipped in `fit` and stays NaN.
 *
 * ```ts
 * new MinMaxScaler().fitTransform([[-1, 2], [-0.5, 6], [0, 10], [1, 18]]);
 * // [[0, 0], [0.25, 0.25], [0.5, 0.5], [1, 1]]
 * ```
 */
export class MinMaxScaler extends Transformer<MinMaxScalerParams> {
  static override readonly spec: EstimatorSpec<MinMaxScalerParams> = {
    name: 'MinMaxScaler',
    defaults: { featureRange: [0, 1], clip: false },
    constraints: {
      featureRange: [C.custom('an array [min, max] with min < max', (v) =>
        Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && v[0] < v[1])],
      clip: [C.boolean],
    },
    tags: { allowNaN: true },
  };

  declare dataMin_: number[];
  declare dataMax_: number[];
  declare dataRange_: number[];
  /** Per-column factor: x' = x·scale_ + min_. */
  declare scale_: number[];
  declare min_: number[];
  declare nSamplesSeen_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    const [a, b] = this.params.featureRange;
    const cols = Array.from({ length: M.cols }, (_, j) => columnValues(M, j));
    this.dataMin_ = cols.map(minOrNaN);
    this.dataMax_ = cols.map(maxOrNaN);
    this.dataRange_ = this.dataMax_.map((mx, j) => mx - this.dataMin_[j]);
    const range = handleZerosInScale(this.dataRange_);
    this.scale_ = range.map((r) => (b - a) / r);
    this.min_ = this.dataMin_.map((m, j) => a - m * this.scale_[j]);
    this.nSamplesSeen_ = M.rows;
    this.nFeaturesIn_ = M.cols;
    return this;
  }


  transform(X: MatrixLike): number[][] {
    const [a, b] = this.params.featureRange;
    return mapMatrix(this.checkPredictInput(X), (v, j) => {
      const z = v * this.scale_[j] + this.min_[j];
      return this.params.clip ? Math.min(Math.max(z, a), b) : z;
    });
  }

  inverseTransform(X: MatrixLike): number[][] {
    return mapMatrix(this.checkPredictInput(X), (v, j) => (v - this.min_[j]) / this.scale_[j]);
  }
}

/**
 * x' = x / max|x| per column: scales into [−1, 1] without shifting, so zeros stay zeros
 * (the scaler for sparse data). NaN is skipped in `fit` and stays NaN.
 *
 * ```ts
 * new MaxAbsScaler().fitTransform([[-4, 1], [2, NaN]]); // [[-1, 1], [0.5, NaN]]
 * ```
 */
export class MaxAbsScaler extends Transformer<Record<string, never>> {
  static override readonly spec: EstimatorSpec<Record<string, never>> = {
    name: 'MaxAbsScaler', defaults: {}, constraints: {}, tags: { allowNaN: true },
  };

  declare maxAbs_: number[];
  declare scale_: number[];
  declare nSamplesSeen_: number;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    this.maxAbs_ = Array.from({ length: M.cols }, (_, j) => maxOrNaN(columnValues(M, j).map(Math.abs)));
    this.scale_ = handleZerosInScale(this.maxAbs_);
    this.nSamplesSeen_ = M.rows;
    this.nFeaturesIn_ = M.cols;
    return this;
  }


  transform(X: MatrixLike): number[][] {
    return mapMatrix(this.checkPredictInput(X), (v, j) => v / this.scale_[j]);
  }

  inverseTransform(X: MatrixLike): number[][] {
    return mapMatrix(this.checkPredictInput(X), (v, j) => v * this.scale_[j]);
  }
}
