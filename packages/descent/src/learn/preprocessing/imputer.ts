/** SimpleImputer: fill missing values with a per-column statistic. */
import type { EstimatorSpec } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import { Transformer } from '../base/mixins.js';
import { checkArray, type MatrixLike } from '../base/validation.js';
import { median } from '../metrics/regression.js';

export interface SimpleImputerParams {
  /** The value that marks a missing entry. Default NaN. */
  missingValues: number;
  /** 'mean' (default), 'median', 'most_frequent' (smallest on ties) or 'constant' (`fillValue`). */
  strategy: 'mean' | 'median' | 'most_frequent' | 'constant';
  /** The value for strategy 'constant'; null means 0. */
  fillValue: number | null;
  /** Keep columns with no observed value (filled with 0) instead of dropping them. Default false. */
  keepEmptyFeatures: boolean;
}

/**
 * Replaces each missing entry with its column's mean, median, most frequent value or a
 * constant learned in `fit`. As in scikit-learn 1.2, columns that were entirely missing
 * during `fit` are dropped from the output (unless `keepEmptyFeatures` or 'constant').
 *
 * ```ts
 * new SimpleImputer().fitTransform([[1, 2], [NaN, 3], [7, 6]]); // [[1, 2], [4, 3], [7, 6]]
 * ```
 */
export class SimpleImputer extends Transformer<SimpleImputerParams> {
  static override readonly spec: EstimatorSpec<SimpleImputerParams> = {
    name: 'SimpleImputer',
    defaults: { missingValues: NaN, strategy: 'mean', fillValue: null, keepEmptyFeatures: false },
    constraints: {
      missingValues: [C.number(), C.custom('NaN', (v) => Number.isNaN(v))],
      strategy: [C.options('mean', 'median', 'most_frequent', 'constant')],
      fillValue: [C.number(), C.null],
      keepEmptyFeatures: [C.boolean],
    },
    tags: { allowNaN: true },
  };

  /** The fill value per column; NaN for columns with no observed value. */
  declare statistics_: number[];

  private isMissing(v: number): boolean {
    const mv = this.params.missingValues;
    return Number.isNaN(mv) ? Number.isNaN(v) : v === mv;
  }

  fit(X: MatrixLike): this {
    this.beginFit();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    const { strategy, fillValue, keepEmptyFeatures } = this.params;
    const stats: number[] = [];
    for (let j = 0; j < M.cols; j++) {
      const col: number[] = [];
      for (let i = 0; i < M.rows; i++) {
        const v = M.data[i * M.cols + j];
        if (!this.isMissing(v)) {
          if (Number.isNaN(v)) throw new Error('Input X contains NaN, and missingValues is not NaN: NaN cannot be imputed.');
          col.push(v);
        }
      }
      if (strategy === 'constant') stats.push(fillValue ?? 0);
      else if (col.length === 0) stats.push(keepEmptyFeatures ? 0 : NaN);
      else if (strategy === 'mean') stats.push(col.reduce((a, b) => a + b, 0) / col.length);
      else if (strategy === 'median') stats.push(median(col));
      else stats.push(mostFrequent(col));
    }
    this.statistics_ = stats;
    this.nFeaturesIn_ = M.cols;
    return this;
  }

  transform(X: MatrixLike): number[][] {
    this.checkIsFitted();
    const M = checkArray(X, { caller: this.estimatorName, allowNaN: true });
    this.checkNFeatures(M);
    const keep = this.statistics_.map((s, j) => j).filter((j) => !Number.isNaN(this.statistics_[j]));
    return Array.from({ length: M.rows }, (_, i) => keep.map((j) => {
      const v = M.data[i * M.cols + j];
      return this.isMissing(v) ? this.statistics_[j] : v;
    }));
  }
}

/** The most frequent value, the smallest one on ties (scipy.stats.mode's rule). */
function mostFrequent(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = NaN;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) [best, bestCount] = [v, c];
  return best;
}
