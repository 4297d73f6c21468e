/** VarianceThreshold: drops the features whose variance is at most a threshold. */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import type { MatrixLike } from '../base/validation.js';
import { Selector } from './base.js';
import { readMatrix } from './univariate.js';

export interface VarianceThresholdParams {
  /** Features with a training variance at most this are dropped. Default 0: only constant features go. */
  threshold: number;
}

/**
 * Keeps the columns whose (population) variance exceeds `threshold`; an unsupervised
 * filter, blind to y. NaN is ignored when computing the variances (`np.nanvar`). For the
 * default threshold 0 the variance is taken as min(variance, max − min), so rounding never
 * keeps a constant column.
 *
 * ```ts
 * new VarianceThreshold().fitTransform([[0, 2, 0, 3], [0, 1, 4, 3], [0, 1, 1, 3]]); // [[2, 0], [1, 4], [1, 1]]
 * ```
 */
export class VarianceThreshold extends Selector<VarianceThresholdParams> {
  static override readonly spec: EstimatorSpec<VarianceThresholdParams> = {
    name: 'VarianceThreshold',
    defaults: { threshold: 0 },
    constraints: { threshold: [C.number({ min: 0 })] },
    tags: { allowNaN: true },
  };

  /** Variance of each feature in the training data. */
  declare variances_: number[];

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = readMatrix(X, this.estimatorName, true);
    const variances: number[] = [];
    for (let j = 0; j < M.cols; j++) {
      let n = 0;
      let mean = 0;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < M.rows; i++) {
        const v = M.data[i * M.cols + j];
        if (Number.isNaN(v)) continue;
        n++;
        mean += v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      mean /= n;
      let ss = 0;
      for (let i = 0; i < M.rows; i++) {
        const v = M.data[i * M.cols + j];
        if (!Number.isNaN(v)) ss += (v - mean) ** 2;
      }
      const variance = ss / n;
      variances.push(this.params.threshold === 0 ? Math.min(variance, hi - lo) : variance);
    }
    if (!variances.some((v) => v > this.params.threshold)) {
      throw new Error(`${this.estimatorName}: No feature in X meets the variance threshold ${this.params.threshold}. Lower the threshold.`);
    }
    this.variances_ = variances;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  protected supportMask(): boolean[] {
    return this.variances_.map((v) => v > this.params.threshold);
  }
}
