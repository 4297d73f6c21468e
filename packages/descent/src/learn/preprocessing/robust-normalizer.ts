/**
 * RobustScaler (median and interquartile range, so outliers barely move the scaling) and
 * Normalizer (each sample scaled to unit norm; nothing learned).
 */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { quantile } from '../base/quantiles.js';
import { columnValues, handleZerosInScale, mapMatrix } from './common.js';

export interface RobustScalerParams {
  /** Subtract the column median. Default true. */
  withCentering: boolean;
  /** Divide by the interquartile range (or `quantileRange`). Default true. */
  withScaling: boolean;
  /** Percentiles (0–100) whose difference is the scale. Default [25, 75]. */
  quantileRange: [number, number];
}

/**
 * x' = (x − median) / (Q₇₅ − Q₂₅) per column, percentiles interpolated linearly (NumPy's
 * default). NaN is skipped in `fit` (`np.nanpercentile`) and stays NaN. scikit-learn's
 * `unit_variance` option is not implemented yet.
 *
 * ```ts
 * new RobustScaler().fitTransform([[1], [2], [3], [4], [100]]); // [[-1], [-0.5], [0], [0.5], [48.5]]
 * ```
 */
export class RobustScaler extends Transformer<RobustScalerParams> {
  static override readonly spec: EstimatorSpec<RobustScalerParams> = {
    name: 'RobustScaler',
    defaults: { withCentering: true, withScaling: true, quantileRange: [25, 75] },
    constraints: {
      withCentering: [C.boolean],
      withScaling: [C.boolean],
      quantileRange: [C.custom('an array [qMin, qMax] with 0 <= qMin <= qMax <= 100', (v) =>
        Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' && v[0] >= 0 && v[0] <= v[1] && v[1] <= 100)],
    },
    tags: { allowNaN: true },
  };

  declare center_: number[] | null;
  declare scale_: number[] | null;

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    const cols = Array.from({ length: M.cols }, (_, j) => columnValues(M, j));
    const [qMin, qMax] = this.params.quantileRange;
    // A column with no observed value has no quantiles: `quantile` gives NaN, as np.nanpercentile does.
    this.center_ = this.params.withCentering ? cols.map((c) => quantile(c, 0.5)) : null;
    this.scale_ = this.params.withScaling
      ? handleZerosInScale(cols.map((c) => quantile(c, qMax / 100) - quantile(c, qMin / 100)))
      : null;
    this.nFeaturesIn_ = M.cols;
    return this;
  }


  transform(X: MatrixLike): number[][] {
    const c = this.center_;
    const s = this.scale_;
    return mapMatrix(this.checkPredictInput(X), (v, j) => (v - (c ? c[j] : 0)) / (s ? s[j] : 1));
  }

  inverseTransform(X: MatrixLike): number[][] {
    const c = this.center_;
    const s = this.scale_;
    return mapMatrix(this.checkPredictInput(X), (v, j) => v * (s ? s[j] : 1) + (c ? c[j] : 0));
  }
}

export interface NormalizerParams {
  /** 'l2' (default): Euclidean length 1; 'l1': absolute values sum to 1; 'max': largest |x| is 1. */
  norm: 'l1' | 'l2' | 'max';
}

/**
 * Scales each row (sample) to unit norm; all-zero rows stay zero. Stateless: `fit` only
 * records the number of features.
 *
 * ```ts
 * new Normalizer().fitTransform([[3, 4]]); // [[0.6, 0.8]]
 * ```
 */
export class Normalizer extends Transformer<NormalizerParams> {
  static override readonly spec: EstimatorSpec<NormalizerParams> = {
    name: 'Normalizer',
    defaults: { norm: 'l2' },
    constraints: { norm: [C.options('l1', 'l2', 'max')] },
    tags: { stateless: true },
  };

  fit(X: MatrixLike): this {
    this.beginFit();
    this.nFeaturesIn_ = checkArray(X, { caller: this.estimatorName }).cols;
    return this;
  }

  transform(X: MatrixLike): number[][] {
    const M = this.checkPredictInput(X);
    const norms = Array.from({ length: M.rows }, (_, i) => {
      const row = M.data.subarray(i * M.cols, (i + 1) * M.cols);
      let n = 0;
      if (this.params.norm === 'l1') for (const v of row) n += Math.abs(v);
      else if (this.params.norm === 'max') for (const v of row) n = Math.max(n, Math.abs(v));
      else {
        for (const v of row) n += v * v;
        n = Math.sqrt(n);
      }
      return n === 0 ? 1 : n;
    });
    return Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols), (v) => v / norms[i]));
  }
}
