/** What the outlier detectors share: the contamination parameter and the offset it sets. */
import { BaseEstimator } from '../base/base-estimator.js';
import { C } from '../base/constraints.js';
import type { MatrixLike } from '../base/validation.js';

export type Contamination = 'auto' | number;

export const CONTAMINATION_CONSTRAINT = [C.options('auto'), C.number({ min: 0, max: 0.5, minExclusive: true })];

/** NumPy's default (linear) percentile, q in [0, 100]. */
export function percentile(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort();
  const pos = ((s.length - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** +1 (inlier) where the decision value is >= 0, −1 (outlier) below: scikit-learn's convention. */
export function labelsFrom(decision: ArrayLike<number>): number[] {
  return Array.from(decision, (d) => (d < 0 ? -1 : 1));
}

/**
 * An outlier detector whose decision is `scoreSamples(X) − offset_` (scikit-learn's
 * `OutlierMixin` plus the shared decision rule): subclasses fit, set `offset_` and score.
 */
export abstract class OutlierDetector<P extends object> extends BaseEstimator<P> {
  /** Subtracted from `scoreSamples` so that the decision is 0 at the inlier/outlier boundary. */
  declare offset_: number;

  abstract fit(X: MatrixLike): this;

  /** Higher is more normal. */
  abstract scoreSamples(X: MatrixLike): number[];

  /** `scoreSamples(X) − offset_`: negative for outliers. */
  decisionFunction(X: MatrixLike): number[] {
    return this.scoreSamples(X).map((s) => s - this.offset_);
  }

  /** +1 inlier, −1 outlier. */
  predict(X: MatrixLike): number[] {
    return labelsFrom(this.decisionFunction(X));
  }

  /** `fit(X).predict(X)`. */
  fitPredict(X: MatrixLike): number[] {
    return this.fit(X).predict(X);
  }
}
